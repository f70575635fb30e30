package dev.strata.api;

import dev.strata.config.Config;
import dev.strata.config.ConfigException;
import dev.strata.config.TargetConfig;
import dev.strata.error.BadInputException;
import dev.strata.expr.RevisionExpr;
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
     * The target a run acts on: none when the config defines no targets (the defaults apply), else the
     * one chosen; with several targets and no choice, an error asking for one, since each target is
     * its own database.
     */
    public static Optional<TargetConfig> forRun(Config config, String explicit, List<RevisionExpr> exprs) {
        if (config.targets().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(require(config, explicit, exprs));
    }
}
