package dev.strata.api;

import dev.strata.config.Config;
import dev.strata.config.ConfigException;
import dev.strata.config.TargetConfig;
import dev.strata.error.BadInputException;
import dev.strata.expr.RevisionExpr;
import dev.strata.graph.RevisionGraph;
import dev.strata.plan.Plan;
import dev.strata.plan.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which target a command acts on, and whether a plan stays inside that target's branch.
 *
 * <p>A target named with {@code -x db=NAME} or {@code --db NAME} wins; a config with one target uses
 * it; otherwise a {@code LABEL@...} expression picks the target that owns that label.
 */
public final class TargetSelection {

    private TargetSelection() {}

    /**
     * @param explicit the name given on the command line, or null
     * @param exprs    the command's revision expressions, to find a {@code LABEL@...}
     * @return the target, or empty when the config has none or the choice is open
     */
    public static Optional<TargetConfig> choose(Config config, String explicit, List<RevisionExpr> exprs) {
        if (explicit != null) {
            return Optional.of(config.target(explicit));
        }
        if (config.targets().size() == 1) {
            return Optional.of(config.targets().values().iterator().next());
        }
        for (RevisionExpr e : exprs) {
            if (e != null && e.branch() != null) {
                List<TargetConfig> owners = config.targetsOwning(e.branch());
                if (owners.size() == 1) {
                    return Optional.of(owners.get(0));
                }
            }
        }
        return Optional.empty();
    }

    /** As {@link #choose}, but a choice is required. */
    public static TargetConfig require(Config config, String explicit, List<RevisionExpr> exprs) {
        return choose(config, explicit, exprs).orElseThrow(() -> config.targets().isEmpty()
                ? new ConfigException(config.file().toString(), "targets", "no targets are configured; add a [targets.NAME] table")
                : new BadInputException("several targets are configured (" + String.join(", ", config.targets().keySet())
                        + "); pick one with -x db=NAME or --db NAME"));
    }

    /**
     * Refuses a plan that would run revisions outside the target's branch: a target owning a label runs
     * the revisions in that label's lineage (the labelled revision, its descendants, and the ancestors
     * they build on), nothing else.
     */
    public static void checkScope(RevisionGraph graph, TargetConfig target, Plan plan) {
        if (target == null || target.branch() == null || plan.isEmpty()) {
            return;
        }
        int labelled = graph.labelIndex(target.branch());
        if (labelled < 0) {
            throw new ConfigException(null, "targets." + target.name() + ".branch", "no script declares branch label '"
                    + target.branch() + "'" + (graph.declaredLabels().isEmpty() ? ""
                    : "; declared labels: " + String.join(", ", graph.declaredLabels().keySet())));
        }
        List<String> outside = new ArrayList<>();
        for (Step step : plan.steps()) {
            int r = graph.index(step.revision().id());
            if (!graph.sharesLineage(r, new int[] {labelled}, false)) {
                outside.add(step.revision().id());
            }
        }
        if (!outside.isEmpty()) {
            throw new BadInputException("target '" + target.name() + "' owns branch '" + target.branch()
                    + "', but the plan would also run " + (outside.size() == 1 ? "revision " : "revisions ")
                    + String.join(", ", outside.subList(0, Math.min(5, outside.size())))
                    + (outside.size() > 5 ? " and " + (outside.size() - 5) + " more" : "")
                    + " of another branch; use " + target.branch() + "@head or pick the target that owns them");
        }
    }
}
