package dev.strata.plan;

import dev.strata.expr.ExpressionException;
import dev.strata.expr.Resolver;
import dev.strata.expr.RevisionExpr;
import dev.strata.graph.Revision;
import dev.strata.graph.RevisionException;
import dev.strata.graph.RevisionGraph;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides, without touching a database, which steps move a set of current heads to a target, in the
 * order Alembic runs them, and how each step changes the head set. Ports Alembic's
 * {@code _collect_upgrade_revisions}, {@code _collect_downgrade_revisions}, their target parsing and
 * {@code RevisionStep}'s head arithmetic.
 */
public final class Planner {

    private final RevisionGraph graph;
    private final Resolver resolver;

    public Planner(RevisionGraph graph) {
        this.graph = graph;
        this.resolver = new Resolver(graph);
    }

    public RevisionGraph graph() {
        return graph;
    }

    public Resolver resolver() {
        return resolver;
    }

    /**
     * The steps that upgrade {@code current} to {@code target}.
     *
     * @param current heads now (exact ids, as the version table holds them)
     * @param target  where to go: {@code heads}, {@code LABEL@head}, {@code +1}, an id, ...
     */
    public Plan upgrade(List<String> current, RevisionExpr target) {
        return upgrade(current, target, null);
    }

    /**
     * As {@link #upgrade(List, RevisionExpr)}, where {@code current} came from an offline start
     * expression; a {@code LABEL@...} start keeps only targets on that branch, as Alembic does.
     */
    public Plan upgrade(List<String> current, RevisionExpr target, RevisionExpr startExpr) {
        int[] cur = resolver.exact(current);
        // A walk that ends below the first revision targets nothing (Alembic's "base").
        int[] targets = Arrays.stream(upgradeTargets(cur, target)).filter(t -> t >= 0).toArray();
        if (startExpr != null && startExpr.branch() != null) {
            String branch = startExpr.branch();
            int branchRev = resolver.resolveBranch(branch);
            if (graph.id(branchRev).equals(branch)) {
                Set<String> labels = graph.labelsOf(branchRev);
                if (labels.size() != 1) {
                    throw new ExpressionException(startExpr.text(), "names a revision that carries "
                            + labels.size() + " branch labels; start from a branch label instead");
                }
                branch = labels.iterator().next();
            }
            String label = branch;
            targets = Arrays.stream(targets).filter(t -> graph.labelsOf(t).contains(label)).toArray();
        }
        checkNoOverlap(targets);
        checkNoOverlap(cur);
        BitSet needs = graph.ancestors(targets, true);
        needs.andNot(graph.ancestors(cur, true));
        int[] order = TopologicalSort.sort(graph, needs, targets);
        reverse(order);
        return build(Direction.UPGRADE, current, order);
    }

    /** The steps that downgrade {@code current} to {@code target}. */
    public Plan downgrade(List<String> current, RevisionExpr target) {
        int[] heads = resolver.exact(current);
        DowngradeTarget parsed = downgradeTarget(current, heads, target);
        int[] roots;
        if (parsed.revision() < 0) {
            roots = graph.baseIndexes();
        } else {
            roots = graph.nextOf(parsed.revision());
        }
        if (parsed.branch() != null && roots.length > 1) {
            BitSet onBranch = graph.ancestors(new int[] {resolver.resolveBranch(parsed.branch())}, false);
            roots = Arrays.stream(roots).filter(onBranch::get).toArray();
            if (roots.length == 0) {
                throw new RevisionException("'" + target.text() + "' is not a valid downgrade target from the current heads ("
                        + String.join(", ", current) + ")");
            }
        }
        BitSet drop = graph.descendants(roots, true);
        drop.and(graph.ancestors(heads, true));
        if (parsed.revision() >= 0 && drop.isEmpty() && Arrays.stream(heads).noneMatch(h -> h == parsed.revision())) {
            throw new RevisionException("'" + target.text() + "' is not an ancestor of the current heads ("
                    + (current.isEmpty() ? "none" : String.join(", ", current)) + "); nothing to downgrade");
        }
        int[] order = TopologicalSort.sort(graph, drop, heads);
        Plan plan = build(Direction.DOWNGRADE, current, order);
        return parsed.warning() == null ? plan : plan.withWarning(parsed.warning());
    }

    /**
     * A stamp ({@code _stamp_revs}): the heads that share lineage with a stamped revision (or, for
     * {@code base}, with its branch, or all heads) are replaced by the stamped revisions; other heads
     * stay. A stamped revision that is an ancestor of another stamped revision is left out (Alembic's
     * result there depends on the rows it starts from). A result in which one head is an ancestor of
     * another is refused.
     *
     * @param current   the heads now ({@code stamp --purge} passes none)
     * @param revisions what to stamp
     */
    public StampPlan stamp(List<String> current, List<RevisionExpr> revisions) {
        int[] heads = resolver.exact(current);
        List<Integer> named = new ArrayList<>();
        for (RevisionExpr r : revisions) {
            for (int i : resolver.revisions(r)) {
                if (!named.contains(i)) {
                    named.add(i);
                }
            }
        }
        // A stamped revision below another stamped one is implied by it: 'stamp A B' with B under A records A.
        List<Integer> dests = named.stream()
                .filter(d -> named.stream().noneMatch(o -> o.intValue() != d && graph.isAncestor(d, o)))
                .toList();
        Set<String> end = new LinkedHashSet<>(current);
        for (int h : heads) {
            boolean replaced = false;
            for (RevisionExpr r : revisions) {
                if (r instanceof RevisionExpr.Base b) {
                    replaced |= b.branch() == null || graph.sharesLineage(h, new int[] {resolver.resolveBranch(b.branch())}, true);
                }
            }
            for (int d : dests) {
                replaced |= graph.sharesLineage(h, new int[] {d}, true);
            }
            if (replaced) {
                end.remove(graph.id(h));
            }
        }
        dests.forEach(d -> end.add(graph.id(d)));
        List<String> after = new ArrayList<>(end);
        for (String a : after) {
            for (String b : after) {
                if (!a.equals(b) && graph.isAncestor(graph.index(a), graph.index(b))) {
                    throw new RevisionException("cannot stamp: " + a + " is an ancestor of " + b + "; stamp only " + b);
                }
            }
        }
        List<String> remove = new ArrayList<>(current);
        remove.removeAll(end);
        List<String> add = new ArrayList<>(end);
        add.removeAll(current);
        return new StampPlan(current, after, remove, add);
    }

    /**
     * The revisions from {@code lower} up to {@code upper}, both included, newest first: what
     * {@code history -r LOWER:UPPER} lists (Alembic's {@code walk_revisions}).
     *
     * @param lower null for base
     * @param upper null for heads
     */
    public List<Revision> walk(RevisionExpr lower, RevisionExpr upper) {
        int[] low = lower == null ? new int[0] : resolver.revisions(lower);
        int[] targets;
        if (upper == null) {
            targets = graph.realHeadIndexes();
        } else if (upper instanceof RevisionExpr.Relative rel && rel.symbol() != null) {
            int from = resolver.revision(symbolExpr(null, rel.symbol(), rel.text()));
            int to = resolver.walk(from, rel.steps(), rel.branch(), false);
            targets = to < 0 ? new int[0] : new int[] {to};
        } else {
            targets = Arrays.stream(upgradeTargets(low, upper)).filter(t -> t >= 0).toArray();
        }
        BitSet required = graph.ancestors(targets, true);
        for (int l : low) {
            if (!required.get(l)) {
                throw new RevisionException("revision " + graph.id(l) + " is not an ancestor of "
                        + (upper == null ? "the heads" : "'" + upper.text() + "'") + "; nothing lies between them");
            }
        }
        BitSet needs = (BitSet) required.clone();
        needs.andNot(graph.ancestors(low, true));
        for (int l : low) {
            needs.set(l);
        }
        if (low.length > 0) {
            needs.and(graph.descendants(low, false));
        }
        // Start from the targets, and from any revision of the range whose only way to a target is a
        // dependency the range leaves out (history -r p1:t2 where t2 depends on p1): Alembic crashes there.
        BitSet starts = new BitSet();
        for (int t : targets) {
            starts.set(t);
        }
        for (int r = needs.nextSetBit(0); r >= 0; r = needs.nextSetBit(r + 1)) {
            boolean maximal = true;
            for (int c : graph.allNextOf(r)) {
                if (needs.get(c)) {
                    maximal = false;
                    break;
                }
            }
            if (maximal) {
                starts.set(r);
            }
        }
        int[] order = TopologicalSort.sort(graph, needs, starts.stream().toArray());
        List<Revision> out = new ArrayList<>(order.length);
        for (int r : order) {
            out.add(graph.revision(r));
        }
        return out;
    }

    // ---- targets ------------------------------------------------------------------------------

    /** Alembic's {@code _parse_upgrade_target}. */
    private int[] upgradeTargets(int[] current, RevisionExpr target) {
        if (!(target instanceof RevisionExpr.Relative rel)) {
            return resolver.revisions(target);
        }
        String branch = rel.branch();
        if (rel.steps() < 0) {
            if (rel.symbol() == null) {
                throw new RevisionException("cannot upgrade by '" + rel.text() + "'; a relative upgrade moves forward (+N)");
            }
            int from = resolver.revision(branch == null
                    ? symbolExpr(null, rel.symbol(), rel.text())
                    : symbolExpr(branch, rel.symbol(), rel.text()));
            int to = resolver.walk(from, rel.steps(), null, true);
            if (to == Resolver.BASE) {
                throw new RevisionException("'" + rel.text() + "' lies before the first revision; there is nothing to upgrade to");
            }
            return new int[] {walked(to, rel)};
        }
        if (rel.symbol() != null) {
            int from = resolver.revision(symbolExpr(null, rel.symbol(), rel.text()));
            return new int[] {walked(resolver.walk(from, rel.steps(), branch, true), rel)};
        }
        int[] startRevs = current.length == 0 ? new int[] {Resolver.NONE} : current;
        if (branch != null) {
            startRevs = current.length == 0 ? new int[0] : resolver.filterForLineage(current, branch);
            if (startRevs.length == 0) {
                // The branch has no current head: start below its applied part, or from base.
                int[] active = current.length == 0 ? new int[0]
                        : resolver.filterForLineage(graph.ancestors(current, true).stream().toArray(), branch);
                Set<Integer> tips = new LinkedHashSet<>();
                for (int a : active) {
                    tips.add(a);
                }
                for (int a : active) {
                    for (int d : graph.normalizedDownOf(a)) {
                        tips.remove(d);
                    }
                }
                startRevs = tips.isEmpty() ? new int[] {Resolver.NONE} : tips.stream().mapToInt(Integer::intValue).toArray();
            }
        }
        if (startRevs.length > 1) {
            throw new RevisionException("'" + rel.text() + "' is ambiguous: there are several current heads ("
                    + String.join(", ", graph.ids(startRevs)) + "); use LABEL@+" + rel.steps() + " or a revision id");
        }
        return new int[] {walked(resolver.walk(startRevs[0], rel.steps(), branch, true), rel)};
    }

    private record DowngradeTarget(String branch, int revision, String warning) {
        DowngradeTarget(String branch, int revision) {
            this(branch, revision, null);
        }
    }

    /** Alembic's {@code _parse_downgrade_target}; revision &lt; 0 means base. */
    private DowngradeTarget downgradeTarget(List<String> currentIds, int[] current, RevisionExpr target) {
        if (!(target instanceof RevisionExpr.Relative rel)) {
            int rev = resolver.revision(target);
            return new DowngradeTarget(target.branch(), rev);
        }
        String branch = rel.branch();
        if (rel.steps() > 0) {
            if (rel.symbol() == null) {
                throw new RevisionException("cannot downgrade by '" + rel.text() + "'; a relative downgrade moves back (-N)");
            }
            int from = resolver.revision(symbolExpr(null, rel.symbol(), rel.text()));
            return new DowngradeTarget(branch, walked(resolver.walk(from, rel.steps(), branch, true), rel));
        }
        String symbol = rel.symbol();
        if (symbol == null) {
            if (branch != null) {
                int[] onBranch = resolver.filterForLineage(current, branch);
                if (onBranch.length == 0) {
                    onBranch = resolver.filterForLineage(branchHeads(graph.ancestors(current, true)), branch);
                }
                if (onBranch.length != 1) {
                    throw new RevisionException(onBranch.length == 0
                            ? "'" + rel.text() + "': nothing of branch '" + branch + "' is applied"
                            : "'" + rel.text() + "' is ambiguous: branch '" + branch + "' has several current heads ("
                                    + String.join(", ", graph.ids(onBranch)) + ")");
                }
                symbol = graph.id(onBranch[0]);
            } else {
                if (current.length == 0) {
                    throw new RevisionException("'" + rel.text() + "' goes nowhere: nothing is applied");
                }
                // Alembic walks down from the first row of the version table (warning when there are
                // several); Strata reads the table ordered by id, so its first row is the lowest id.
                symbol = currentIds.stream().sorted().findFirst().orElseThrow();
                branch = symbol;
            }
        }
        int from = resolver.revision(symbolExpr(branch, symbol, rel.text()));
        int to = resolver.walk(from, rel.steps(), null, true);
        String warning = rel.symbol() == null && rel.branch() == null && new LinkedHashSet<>(currentIds).size() > 1
                ? "'" + rel.text() + "' from several heads (" + String.join(", ", currentIds) + ") is ambiguous; it walks down from "
                        + symbol + ", the first row; name the head with " + symbol + rel.steps() + " or LABEL@" + rel.steps()
                : null;
        return new DowngradeTarget(branch, walked(to, rel), warning);
    }

    /** Revisions of the set that have no descendant (by down revision) in it. */
    private int[] branchHeads(BitSet set) {
        List<Integer> out = new ArrayList<>();
        for (int r = set.nextSetBit(0); r >= 0; r = set.nextSetBit(r + 1)) {
            BitSet desc = graph.descendants(new int[] {r}, false);
            desc.clear(r);
            if (!desc.intersects(set)) {
                out.add(r);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static RevisionExpr symbolExpr(String branch, String symbol, String text) {
        return switch (symbol) {
            case "head" -> new RevisionExpr.Head(branch, text);
            case "heads" -> new RevisionExpr.Heads(branch, text);
            case "base" -> new RevisionExpr.Base(branch, text);
            default -> new RevisionExpr.Ref(branch, symbol, text);
        };
    }

    private int walked(int result, RevisionExpr.Relative rel) {
        if (result == -3) {
            throw new RevisionException("'" + rel.text() + "' goes past the end of the graph: there "
                    + (Math.abs(rel.steps()) == 1 ? "is no revision" : "are fewer than " + Math.abs(rel.steps()) + " revisions")
                    + " that way");
        }
        return result == Resolver.BASE ? Resolver.NONE : result;
    }

    private void checkNoOverlap(int[] revs) {
        if (revs.length < 2) {
            return;
        }
        for (int a : revs) {
            for (int b : revs) {
                if (a != b && graph.isAncestor(a, b)) {
                    throw new RevisionException("revision " + graph.id(a) + " is an ancestor of " + graph.id(b)
                            + "; they cannot both be heads or targets");
                }
            }
        }
    }

    // ---- steps and head changes ---------------------------------------------------------------

    private Plan build(Direction direction, List<String> current, int[] order) {
        Set<String> heads = new LinkedHashSet<>(current);
        List<Step> steps = new ArrayList<>(order.length);
        for (int r : order) {
            HeadChange change = direction == Direction.UPGRADE ? upgradeChange(r, heads) : downgradeChange(r, heads);
            heads = change.apply(heads);
            steps.add(new Step(graph.revision(r), direction, change));
        }
        return new Plan(direction, current, steps, new ArrayList<>(heads));
    }

    /** {@code RevisionStep} for upgrades: create branch, merge branches, or update. */
    private HeadChange upgradeChange(int r, Set<String> heads) {
        Revision rev = graph.revision(r);
        List<String> downs = graph.ids(graph.normalizedDownOf(r));
        List<String> present = downs.stream().filter(heads::contains).toList();
        if (present.isEmpty()) {
            return new HeadChange.Insert(rev.id());
        }
        if (downs.size() > 1 && present.size() > 1) {
            List<String> others = new ArrayList<>(heads);
            others.removeAll(downs);
            List<String> from = present.stream().filter(d -> !isAncestorOfAny(d, others)).toList();
            if (from.isEmpty()) {
                from = present;
            }
            return new HeadChange.Merge(from.subList(0, from.size() - 1), from.get(from.size() - 1), rev.id());
        }
        return new HeadChange.Update(present.get(0), rev.id());
    }

    /** {@code RevisionStep} for downgrades: delete branch, unmerge branches, or update. */
    private HeadChange downgradeChange(int r, Set<String> heads) {
        Revision rev = graph.revision(r);
        List<String> downs = graph.ids(graph.normalizedDownOf(r));
        boolean isHead = heads.contains(rev.id());
        if (isHead) {
            List<String> unmergeTo = unmergeTargets(rev.id(), downs, heads);
            if (downs.isEmpty() || unmergeTo.isEmpty()) {
                return new HeadChange.Delete(rev.id());
            }
            if (downs.size() > 1) {
                return new HeadChange.Unmerge(rev.id(), unmergeTo.get(unmergeTo.size() - 1),
                        unmergeTo.subList(0, unmergeTo.size() - 1));
            }
        }
        String to;
        if (downs.size() == 1) {
            to = downs.get(0);
        } else {
            List<String> present = downs.stream().filter(heads::contains).toList();
            if (present.size() != 1) {
                throw new IllegalStateException("cannot downgrade " + rev.id() + " from heads " + heads);
            }
            to = present.get(0);
        }
        return new HeadChange.Update(rev.id(), to);
    }

    /**
     * Down revisions that no other head still implies ({@code _unmerge_to_revisions}). Unlike Alembic,
     * a down revision that is an ancestor of another down revision is left out too: with
     * {@code c: down b, depends_on a} and {@code b: down a}, reverting c leaves the row b, not rows a and
     * b, which would name a revision and its own ancestor and make every later plan refuse the state.
     */
    private List<String> unmergeTargets(String rev, List<String> downs, Set<String> heads) {
        List<String> others = new ArrayList<>(heads);
        others.remove(rev);
        return downs.stream()
                .filter(d -> !isAncestorOfAny(d, others))
                .filter(d -> downs.stream().noneMatch(o -> !o.equals(d) && isAncestorOfAny(d, List.of(o))))
                .toList();
    }

    private boolean isAncestorOfAny(String candidate, List<String> heads) {
        int c = graph.index(candidate);
        for (String h : heads) {
            if (graph.isAncestor(c, graph.index(h))) {
                return true;
            }
        }
        return false;
    }

    private static void reverse(int[] a) {
        for (int i = 0, j = a.length - 1; i < j; i++, j--) {
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
