package dev.strata.expr;

import dev.strata.graph.AmbiguousRevisionException;
import dev.strata.graph.MultipleHeadsException;
import dev.strata.graph.RevisionException;
import dev.strata.graph.RevisionGraph;
import dev.strata.graph.UnknownRevisionException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Resolves parsed expressions against a graph with Alembic's rules ({@code RevisionMap.get_revisions},
 * {@code _walk}, {@code filter_for_lineage}). Works on revision numbers of the graph.
 */
public final class Resolver {

    /** Alembic's {@code None}: "nothing yet"; walking up from it starts at the bases. */
    public static final int NONE = -1;
    /** Alembic's {@code "base"}: walked down past a root. */
    public static final int BASE = -2;
    /** A walk that went past the end of the graph. */
    static final int OVERWALK = -3;

    private final RevisionGraph graph;

    public Resolver(RevisionGraph graph) {
        this.graph = graph;
    }

    public RevisionGraph graph() {
        return graph;
    }

    /**
     * The revisions an expression names ({@code get_revisions}): none for {@code base}, several for
     * {@code heads}; {@code LABEL@-N} walks down from each head of the label.
     */
    public int[] revisions(RevisionExpr expr) {
        if (expr instanceof RevisionExpr.Heads h) {
            return h.branch() == null ? graph.realHeadIndexes() : filterForLineage(graph.headIndexes(), h.branch());
        }
        if (expr instanceof RevisionExpr.Head h) {
            int head = currentHead(h.branch(), h.text());
            return head < 0 ? new int[0] : new int[] {head};
        }
        if (expr instanceof RevisionExpr.Base) {
            return new int[0];
        }
        if (expr instanceof RevisionExpr.Ref r) {
            return new int[] {revisionForIdent(r.id(), r.branch())};
        }
        if (expr instanceof RevisionExpr.Relative r && r.symbol() == null && r.steps() < 0) {
            List<Integer> out = new ArrayList<>();
            for (int head : graph.realHeadIndexes()) {
                if (r.branch() == null || graph.labelsOf(head).contains(r.branch())) {
                    int walked = walk(head, r.steps(), null, true);
                    if (walked >= 0) {
                        out.add(walked);
                    }
                }
            }
            return out.stream().mapToInt(Integer::intValue).toArray();
        }
        if (expr instanceof RevisionExpr.Current) {
            throw new ExpressionException(expr.text(), "needs a database to resolve; it is not available here");
        }
        throw new ExpressionException(expr.text(), "is a relative move, which is not allowed here");
    }

    /** One revision ({@code get_revision}): {@link #NONE} for base; several heads are an error. */
    public int revision(RevisionExpr expr) {
        int[] found = revisions(expr);
        if (found.length > 1) {
            throw multipleHeads(found, expr.text());
        }
        return found.length == 0 ? NONE : found[0];
    }

    /** Resolves the ids stored in a version table, each an exact id. */
    public int[] exact(List<String> ids) {
        int[] out = new int[ids.size()];
        for (int k = 0; k < out.length; k++) {
            int i = graph.index(ids.get(k));
            if (i < 0) {
                throw new UnknownRevisionException(ids.get(k), graph.heads(),
                        "the database names a revision no script defines");
            }
            out[k] = i;
        }
        return out;
    }

    /** The single head, of the whole graph or of a branch ({@code get_current_head}); NONE if empty. */
    public int currentHead(String branch, String argument) {
        int[] heads = graph.headIndexes();
        if (branch != null) {
            heads = filterForLineage(heads, branch);
        }
        if (heads.length > 1) {
            throw multipleHeads(heads, argument);
        }
        return heads.length == 0 ? NONE : heads[0];
    }

    MultipleHeadsException multipleHeads(int[] heads, String argument) {
        List<String> labels = new ArrayList<>();
        for (int h : heads) {
            labels.add(uniqueLabel(h, heads));
        }
        return new MultipleHeadsException(graph.ids(heads), argument, labels);
    }

    /** A label of {@code head} that no other of {@code heads} carries, to suggest {@code LABEL@head}. */
    private String uniqueLabel(int head, int[] heads) {
        for (String label : graph.labelsOf(head)) {
            boolean unique = true;
            for (int other : heads) {
                if (other != head && graph.labelsOf(other).contains(label)) {
                    unique = false;
                    break;
                }
            }
            if (unique) {
                return label;
            }
        }
        return null;
    }

    /**
     * An exact id, a branch label or a unique id prefix ({@code _revision_for_ident}); with a branch,
     * prefixes are looked up within it and the result must share its lineage.
     */
    public int revisionForIdent(String ident, String checkBranch) {
        int branchRev = checkBranch == null ? NONE : resolveBranch(checkBranch);
        int found = graph.index(ident);
        if (found < 0) {
            found = graph.labelIndex(ident);
        }
        if (found < 0) {
            int[] matches = prefixMatches(ident);
            if (checkBranch != null) {
                matches = filterForLineage(matches, checkBranch);
            }
            if (matches.length == 0) {
                throw new UnknownRevisionException(ident, graph.heads(), null);
            }
            if (matches.length > 1) {
                List<String> ids = new ArrayList<>(graph.ids(matches));
                ids.sort(null);
                throw new AmbiguousRevisionException(ident, ids);
            }
            found = matches[0];
        }
        if (checkBranch != null && !graph.sharesLineage(found, new int[] {branchRev}, false)) {
            throw new RevisionException("revision " + graph.id(found) + " is not a member of branch '" + checkBranch + "'");
        }
        return found;
    }

    private int[] prefixMatches(String prefix) {
        int[] out = new int[4];
        int k = 0;
        for (int i = 0; i < graph.size(); i++) {
            if (graph.id(i).startsWith(prefix)) {
                if (k == out.length) {
                    out = Arrays.copyOf(out, k * 2);
                }
                out[k++] = i;
            }
        }
        return Arrays.copyOf(out, k);
    }

    /** A branch label, or a revision id or prefix standing for its branch ({@code _resolve_branch}). */
    public int resolveBranch(String branch) {
        int i = graph.index(branch);
        if (i < 0) {
            i = graph.labelIndex(branch);
        }
        if (i >= 0) {
            return i;
        }
        int[] matches = prefixMatches(branch);
        if (matches.length == 1) {
            return matches[0];
        }
        List<String> known = new ArrayList<>(graph.declaredLabels().keySet());
        throw new UnknownRevisionException(branch, List.of(), known.isEmpty()
                ? "there are no branch labels"
                : "known branch labels: " + String.join(", ", known));
    }

    /** The targets that are ancestors or descendants of the branch's revision ({@code filter_for_lineage}). */
    public int[] filterForLineage(int[] targets, String branch) {
        int branchRev = resolveBranch(branch);
        BitSet related = graph.descendants(new int[] {branchRev}, false);
        related.or(graph.ancestors(new int[] {branchRev}, false));
        return Arrays.stream(targets).filter(related::get).toArray();
    }

    /**
     * Alembic's {@code _walk}: {@code steps} up (positive) or down (negative) from {@code start}, which
     * may be {@link #NONE} (walk up from the bases, or down from the heads) or {@link #BASE}. A branch
     * label narrows the way up. Returns the revision, {@link #BASE}, or {@link #OVERWALK} when the walk
     * ran off the graph and {@code noOverwalk} is set.
     */
    public int walk(int start, int steps, String branch, boolean noOverwalk) {
        int current = start;
        for (int s = 0; s < Math.abs(steps); s++) {
            int[] children;
            if (steps > 0) {
                int[] up = current == NONE ? graph.baseIndexes() : graph.nextOf(current);
                children = branch == null ? up : filterForLineage(up, branch);
            } else if (current == BASE) {
                children = new int[0];
            } else {
                children = current == NONE ? graph.headIndexes() : graph.downOf(current);
                if (children.length == 0) {
                    children = new int[] {BASE};
                }
            }
            if (children.length == 0) {
                return noOverwalk ? OVERWALK : current;
            }
            if (children.length > 1) {
                List<String> ids = new ArrayList<>();
                for (int c : children) {
                    ids.add(c == BASE ? "base" : graph.id(c));
                }
                throw new RevisionException("ambiguous walk " + (steps > 0 ? "up" : "down") + " from "
                        + (current == NONE ? (steps > 0 ? "base" : "the heads") : graph.id(current))
                        + ": it could go to " + String.join(" or ", ids)
                        + "; name the revision to go to (" + String.join(" or ", ids)
                        + "), or a branch label only one of them carries (LABEL@" + (steps > 0 ? "+" : "-")
                        + Math.abs(steps) + ")");
            }
            current = children[0];
        }
        return current;
    }

}
