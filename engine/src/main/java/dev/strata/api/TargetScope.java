package dev.strata.api;

import dev.strata.config.ConfigException;
import dev.strata.config.TargetConfig;
import dev.strata.error.BadInputException;
import dev.strata.expr.RevisionExpr;
import dev.strata.graph.Revision;
import dev.strata.graph.RevisionGraph;
import dev.strata.plan.Planner;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of the graph a target runs. A target that owns a branch label runs that label's lineage: the
 * labelled revision, its descendants, and the ancestors they build on. A revision of that lineage may
 * name a revision outside it (a {@code depends_on} on the other database's branch, or a merge with it);
 * such a revision belongs to another database, so it is not run here: the edge is dropped from this
 * target's graph and kept as an external requirement, reported in {@code --sql} output and checked
 * against the owning target when one is at hand.
 *
 * @param target   the target, or null for the whole graph
 * @param graph    the graph this target plans on
 * @param planner  a planner over it
 * @param external for each revision of the scope, the revisions outside it that it names
 */
public record TargetScope(TargetConfig target, RevisionGraph graph, Planner planner, Map<String, List<String>> external) {

    /** The scope of a target (the whole graph when the target owns no branch or none is given). */
    public static TargetScope of(Project project, TargetConfig target) {
        RevisionGraph full = project.graph();
        if (target == null || target.branch() == null) {
            return new TargetScope(target, full, project.planner(), Map.of());
        }
        int labelled = full.labelIndex(target.branch());
        if (labelled < 0) {
            throw new ConfigException(project.config().file().toString(), "targets." + target.name() + ".branch",
                    "no script declares branch label '" + target.branch() + "'"
                            + (full.declaredLabels().isEmpty() ? "" : "; declared labels: " + String.join(", ", full.declaredLabels().keySet()))
                            + "; a new branch starts with: migrate --db " + target.name() + " revision -m MESSAGE");
        }
        BitSet in = full.descendants(new int[] {labelled}, false);
        in.or(full.ancestors(new int[] {labelled}, false));
        if (in.cardinality() == full.size()) {
            return new TargetScope(target, full, project.planner(), Map.of());
        }
        List<Revision> kept = new ArrayList<>(in.cardinality());
        Map<String, List<String>> external = new LinkedHashMap<>();
        for (int i = in.nextSetBit(0); i >= 0; i = in.nextSetBit(i + 1)) {
            Revision r = full.revision(i);
            List<String> downs = new ArrayList<>();
            List<String> deps = new ArrayList<>();
            List<String> outside = new ArrayList<>();
            for (String d : r.downRevisions()) {
                (in.get(full.index(d)) ? downs : outside).add(d);
            }
            int[] resolved = full.dependenciesOf(i);
            for (int k = 0; k < resolved.length; k++) {
                if (in.get(resolved[k])) {
                    deps.add(full.id(resolved[k]));
                } else {
                    outside.add(full.id(resolved[k]));
                }
            }
            if (!outside.isEmpty()) {
                external.put(r.id(), List.copyOf(outside));
            }
            kept.add(new Revision(r.id(), downs, r.branchLabels(), deps, r.message(), r.createDate(), r.transactional(), r.origin()));
        }
        RevisionGraph graph = RevisionGraph.of(kept);
        return new TargetScope(target, graph, new Planner(graph), external);
    }

    /**
     * Refuses an expression that names a revision or label the full graph has but this target does not
     * run, with a message that says so (rather than "no such revision").
     */
    public void check(Project project, RevisionExpr expr) {
        if (expr == null || target == null || graph == project.graph()) {
            return;
        }
        List<String> names = new ArrayList<>();
        if (expr.branch() != null) {
            names.add(expr.branch());
        }
        if (expr instanceof RevisionExpr.Ref ref) {
            names.add(ref.id());
        }
        if (expr instanceof RevisionExpr.Relative rel && rel.symbol() != null) {
            names.add(rel.symbol());
        }
        RevisionGraph full = project.graph();
        for (String name : names) {
            int inFull;
            try {
                inFull = project.planner().resolver().resolveBranch(name); // an id, a label or a unique prefix
            } catch (dev.strata.error.StrataException e) {
                continue; // unknown everywhere: the resolver's own message says so later
            }
            boolean here = graph.contains(full.id(inFull)) && (full.labelIndex(name) < 0 || graph.labelIndex(name) >= 0);
            if (!here) {
                throw new BadInputException("'" + expr.text() + "' names " + name + ", which is not on branch '"
                        + target.branch() + "' of target '" + target.name() + "'; pick the target that owns it");
            }
        }
        String above = headAbove(expr);
        if (above != null) {
            // REV@head is the single head above REV in the whole graph, as in Alembic: heads of other
            // branches above a shared revision make it ambiguous, even though this target runs one of them.
            project.planner().resolver().currentHead(above, expr.text());
        }
    }

    /** The REV of {@code REV@head} (also in {@code REV@head-1}), or null. */
    private static String headAbove(RevisionExpr expr) {
        if (expr instanceof RevisionExpr.Head h) {
            return h.branch();
        }
        if (expr instanceof RevisionExpr.Relative rel && "head".equals(rel.symbol())) {
            return rel.branch();
        }
        return null;
    }

    /** Lines describing the external requirements, for {@code --sql} output and messages. */
    public List<String> describeExternal(Project project) {
        List<String> out = new ArrayList<>();
        external.forEach((rev, needs) -> {
            List<String> parts = new ArrayList<>();
            for (String n : needs) {
                List<String> labels = new ArrayList<>(project.graph().labelsOf(n));
                parts.add(n + (labels.isEmpty() ? "" : " (" + String.join(", ", labels) + ")"));
            }
            out.add(rev + " needs " + String.join(", ", parts));
        });
        return out;
    }
}
