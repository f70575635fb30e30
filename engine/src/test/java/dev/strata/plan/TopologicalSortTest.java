package dev.strata.plan;

import static dev.strata.graph.Graphs.graph;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.expr.RevisionExpr;
import dev.strata.graph.RandomGraphs;
import dev.strata.graph.RevisionGraph;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Holds {@link TopologicalSort} to Alembic's {@code RevisionMap._topological_sort}, ported below line
 * by line, on the sets the planner sorts: what an upgrade needs and what a downgrade drops.
 */
class TopologicalSortTest {

    /**
     * alembic/script/revision.py (1.8) {@code _topological_sort}, literally, on a RevisionGraph: revision
     * numbers are positions in script order, which is the key order of Alembic's revision map.
     */
    static List<Integer> alembicTopologicalSort(RevisionGraph g, BitSet revisions, int[] heads) {
        // todo = {d.revision for d in revisions}
        Set<Integer> todo = new HashSet<>();
        revisions.stream().forEach(todo::add);

        // current_heads = list(sorted({d.revision for d in heads if d.revision in todo}, key=inserted_order.index))
        TreeSet<Integer> sortedHeads = new TreeSet<>();
        for (int h : heads) {
            if (todo.contains(h)) {
                sortedHeads.add(h);
            }
        }
        List<Integer> currentHeads = new ArrayList<>(sortedHeads);
        // ancestors_by_idx = [get_ancestors(rev_id) for rev_id in current_heads]
        List<Set<Integer>> ancestorsByIdx = new ArrayList<>();
        for (int h : currentHeads) {
            ancestorsByIdx.add(getAncestors(g, h));
        }

        List<Integer> output = new ArrayList<>();

        int currentCandidateIdx = 0;
        int guard = 0;
        while (!currentHeads.isEmpty()) {
            if (++guard > 1_000_000) {
                throw new AssertionError("the port does not terminate");
            }
            int candidate = currentHeads.get(currentCandidateIdx);

            boolean broke = false;
            for (int checkHeadIndex = 0; checkHeadIndex < ancestorsByIdx.size(); checkHeadIndex++) {
                Set<Integer> ancestors = ancestorsByIdx.get(checkHeadIndex);
                // scan all the heads. see if we can continue walking down the current branch
                if (checkHeadIndex != currentCandidateIdx && ancestors.contains(candidate)) {
                    currentCandidateIdx = checkHeadIndex;
                    // nope, another head is dependent on us, they have to be traversed first
                    broke = true;
                    break;
                }
            }
            if (broke) {
                continue;
            }
            // for/else: yup, we can emit
            if (todo.contains(candidate)) {
                output.add(candidate);
                todo.remove(candidate);
            }

            // now update the heads with our ancestors.
            List<Integer> headsToAdd = new ArrayList<>();
            for (int r : g.normalizedDownOf(candidate)) {
                if (todo.contains(r) && !currentHeads.contains(r)) {
                    headsToAdd.add(r);
                }
            }

            if (headsToAdd.isEmpty()) {
                // no ancestors, so remove this head from the list
                currentHeads.remove(currentCandidateIdx);
                ancestorsByIdx.remove(currentCandidateIdx);
                currentCandidateIdx = Math.max(currentCandidateIdx - 1, 0);
            } else if (g.normalizedDependenciesOf(candidate).length == 0 && g.downOf(candidate).length == 1) {
                currentHeads.set(currentCandidateIdx, headsToAdd.get(0));
                // for plain movement down a revision line without any mergepoints, branchpoints, or
                // deps, we can update the ancestors collection directly by popping out the candidate
                ancestorsByIdx.get(currentCandidateIdx).remove(candidate);
            } else {
                // otherwise recalculate it again
                currentHeads.set(currentCandidateIdx, headsToAdd.get(0));
                currentHeads.addAll(headsToAdd.subList(1, headsToAdd.size()));
                ancestorsByIdx.set(currentCandidateIdx, getAncestors(g, headsToAdd.get(0)));
                for (int h : headsToAdd.subList(1, headsToAdd.size())) {
                    ancestorsByIdx.add(getAncestors(g, h));
                }
            }
        }
        assertThat(todo).isEmpty();
        return output;
    }

    /** {@code {r.revision for r in self._get_ancestor_nodes([id_to_rev[rev_id]])}}: itself included, through dependencies. */
    private static Set<Integer> getAncestors(RevisionGraph g, int rev) {
        Set<Integer> seen = new HashSet<>();
        Deque<Integer> todo = new ArrayDeque<>();
        todo.push(rev);
        while (!todo.isEmpty()) {
            int r = todo.pop();
            if (seen.add(r)) {
                for (int d : g.normalizedDownOf(r)) {
                    todo.push(d);
                }
            }
        }
        return seen;
    }

    private static void assertSameOrder(RevisionGraph g, BitSet set, int[] heads, String what) {
        int[] strata = TopologicalSort.sort(g, set, heads);
        List<Integer> alembic = alembicTopologicalSort(g, set, heads);
        assertThat(g.ids(strata))
                .as("%s of %s from heads %s in graph %s", what, g.ids(set.stream().toArray()), g.ids(heads), RandomGraphs.spec(g))
                .containsExactlyElementsOf(g.ids(alembic.stream().mapToInt(Integer::intValue).toArray()));
    }

    @Test
    void theLiteralPortAgreesWithAlembicOnAKnownCase() {
        // dev/alembic_oracle.py: upgrade - heads on this graph runs a c b d (the reverse of the sort)
        RevisionGraph g = graph("a b:a c:a d:b,c");
        BitSet all = new BitSet();
        all.set(0, g.size());

        assertThat(g.ids(alembicTopologicalSort(g, all, g.realHeadIndexes()).stream().mapToInt(Integer::intValue).toArray()))
                .containsExactly("d", "b", "c", "a");
    }

    @Test
    void sameOrderAsAlembicOnRandomGraphs() {
        Random rnd = new Random(7_340_211);
        int compared = 0;
        int nonTrivial = 0;
        for (int n = 0; n < 3000; n++) {
            RevisionGraph g = RandomGraphs.graph(rnd, 2, 30);
            for (int k = 0; k < 3; k++) {
                BitSet applied = RandomGraphs.appliedState(rnd, g);
                int[] current = RandomGraphs.headsOf(g, applied);

                // upgrade: needs = ancestors(targets) - ancestors(current), sorted from the targets
                BitSet targetsClosure = k == 0 ? g.ancestors(g.realHeadIndexes(), true) : RandomGraphs.appliedState(rnd, g);
                int[] targets = k == 0 ? g.realHeadIndexes() : RandomGraphs.headsOf(g, targetsClosure);
                BitSet needs = g.ancestors(targets, true);
                needs.andNot(applied);
                assertSameOrder(g, needs, targets, "upgrade");

                // downgrade: drop = descendants(roots) & ancestors(current), sorted from the current heads
                int target = rnd.nextInt(g.size() + 1) - 1;
                int[] roots = target < 0 ? g.baseIndexes() : g.nextOf(target);
                BitSet drop = g.descendants(roots, true);
                drop.and(applied);
                assertSameOrder(g, drop, current, "downgrade");

                compared += 2;
                nonTrivial += (needs.cardinality() > 2 ? 1 : 0) + (drop.cardinality() > 2 ? 1 : 0);
            }
        }
        assertThat(compared).isEqualTo(18_000);
        assertThat(nonTrivial).isGreaterThan(4_000);
    }

    @Test
    void thePlannerRunsTheSortReversedForUpgradesAndAsIsForDowngrades() {
        Random rnd = new Random(99);
        for (int n = 0; n < 300; n++) {
            RevisionGraph g = RandomGraphs.graph(rnd, 2, 30);
            Planner planner = new Planner(g);
            BitSet all = new BitSet();
            all.set(0, g.size());

            List<Integer> order = alembicTopologicalSort(g, all, g.realHeadIndexes());
            List<String> down = g.ids(order.stream().mapToInt(Integer::intValue).toArray());
            List<String> up = new ArrayList<>(down);
            java.util.Collections.reverse(up);

            assertThat(PlannerTest.ids(planner.upgrade(List.of(), RevisionExpr.parse("heads")))).containsExactlyElementsOf(up);
            assertThat(PlannerTest.ids(planner.downgrade(g.realHeads(), RevisionExpr.parse("base"))))
                    .as(RandomGraphs.spec(g)).containsExactlyElementsOf(down);
        }
    }

    @Test
    void headsOutsideTheSetAreIgnoredAndDuplicatesCollapse() {
        RevisionGraph g = graph("a b:a c:b");
        BitSet set = new BitSet();
        set.set(g.index("b"));
        set.set(g.index("c"));

        int[] order = TopologicalSort.sort(g, set, new int[] {g.index("c"), g.index("a"), g.index("c")});

        assertThat(g.ids(order)).containsExactly("c", "b");
        assertThat(Arrays.stream(TopologicalSort.sort(g, new BitSet(), g.realHeadIndexes()))).isEmpty();
    }
}
