package dev.strata.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.error.StrataException;
import dev.strata.expr.RevisionExpr;
import dev.strata.graph.RandomGraphs;
import dev.strata.graph.RevisionGraph;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Properties of plans on seeded random graphs (2..40 revisions, merges, labels, depends_on, shuffled
 * script order). The exact orders are held to Alembic elsewhere (PlannerTest, TopologicalSortTest,
 * dev/compare-with-alembic); here: every plan is executable and leaves the version table describing
 * exactly what was applied.
 */
class PlannerPropertyTest {

    static final int GRAPHS = 500;

    /** A random graph, its planner, and its notation for failure messages. */
    record Fixture(RevisionGraph graph, Planner planner, String spec) {
        Fixture(RevisionGraph graph) {
            this(graph, new Planner(graph), RandomGraphs.spec(graph));
        }
    }

    static List<Fixture> fixtures(long seed) {
        Random rnd = new Random(seed);
        List<Fixture> out = new ArrayList<>();
        for (int n = 0; n < GRAPHS; n++) {
            out.add(new Fixture(RandomGraphs.graph(rnd, 2, 40)));
        }
        return out;
    }

    /** A random target expression: mostly ones that resolve, some that do not. */
    static String randomTarget(Random rnd, RevisionGraph g) {
        List<String> labels = new ArrayList<>(g.declaredLabels().keySet());
        String rev = g.id(rnd.nextInt(g.size()));
        String label = labels.isEmpty() ? null : labels.get(rnd.nextInt(labels.size()));
        switch (rnd.nextInt(8)) {
            case 0:
                return "heads";
            case 1:
                return "+" + (1 + rnd.nextInt(3));
            case 2:
                return label == null ? "head" : label + "@head";
            case 3:
                return label == null ? rev + "@head" : label + "@+" + (1 + rnd.nextInt(2));
            case 4:
                return rev + "+1";
            default:
                return rev;
        }
    }

    /** The heads an upgrade from {@code from} to {@code target} ends with, or null when it is refused. */
    static List<String> reach(Planner planner, List<String> from, String target) {
        try {
            return planner.upgrade(from, RevisionExpr.parse(target)).endHeads();
        } catch (StrataException e) {
            return null;
        }
    }

    /** What is applied when {@code heads} are the current heads: the heads and all they rest on. */
    static BitSet appliedBy(RevisionGraph g, List<String> heads) {
        return g.ancestors(heads.stream().mapToInt(g::index).toArray(), true);
    }

    /** Every down revision and dependency (before normalisation) of a revision. */
    static Set<Integer> requirements(RevisionGraph g, int r) {
        Set<Integer> out = new HashSet<>();
        for (int d : g.downOf(r)) {
            out.add(d);
        }
        for (int d : g.dependenciesOf(r)) {
            out.add(d);
        }
        return out;
    }

    /** Upgrade plan checks; returns the applied set after the plan. */
    static BitSet checkUpgrade(Fixture f, List<String> start, Plan plan, String what) {
        RevisionGraph g = f.graph();
        BitSet applied = appliedBy(g, start);
        Set<String> heads = new LinkedHashSet<>(start);
        for (Step step : plan.steps()) {
            int r = g.index(step.revision().id());
            assertThat(step.direction()).isEqualTo(Direction.UPGRADE);
            assertThat(applied.get(r)).as("%s applies %s twice, in %s", what, g.id(r), f.spec()).isFalse();
            for (int need : requirements(g, r)) {
                assertThat(applied.get(need)).as("%s applies %s before %s, in %s", what, g.id(r), g.id(need), f.spec()).isTrue();
            }
            applied.set(r);
            heads = step.change().apply(heads);
        }
        assertThat(plan.endHeads()).as("%s: head changes, in %s", what, f.spec()).containsExactlyElementsOf(heads);
        assertThat(plan.startHeads()).containsExactlyElementsOf(start);
        // the version table describes exactly what is applied: its maximal revisions
        assertThat(plan.endHeads()).as("%s: end heads, in %s", what, f.spec())
                .containsExactlyInAnyOrderElementsOf(g.ids(RandomGraphs.headsOf(g, applied)));
        return applied;
    }

    /** Downgrade plan checks; returns the applied set after the plan. */
    static BitSet checkDowngrade(Fixture f, List<String> start, Plan plan, String what) {
        RevisionGraph g = f.graph();
        BitSet applied = appliedBy(g, start);
        Set<String> heads = new LinkedHashSet<>(start);
        for (Step step : plan.steps()) {
            int r = g.index(step.revision().id());
            assertThat(step.direction()).isEqualTo(Direction.DOWNGRADE);
            assertThat(applied.get(r)).as("%s reverts %s, which is not applied, in %s", what, g.id(r), f.spec()).isTrue();
            for (int child : g.allNextOf(r)) {
                assertThat(applied.get(child)).as("%s reverts %s before %s, in %s", what, g.id(r), g.id(child), f.spec()).isFalse();
            }
            applied.clear(r);
            heads = step.change().apply(heads);
        }
        assertThat(plan.endHeads()).as("%s: head changes, in %s", what, f.spec()).containsExactlyElementsOf(heads);
        assertThat(plan.endHeads()).as("%s: end heads, in %s", what, f.spec())
                .containsExactlyInAnyOrderElementsOf(g.ids(RandomGraphs.headsOf(g, applied)));
        return applied;
    }

    @Test
    void upgradeToHeadsFromBaseAppliesEverythingOnceAndEndsAtTheRealHeads() {
        for (Fixture f : fixtures(1)) {
            Plan plan = f.planner().upgrade(List.of(), RevisionExpr.parse("heads"));

            BitSet applied = checkUpgrade(f, List.of(), plan, "upgrade heads");

            assertThat(plan.steps()).hasSize(f.graph().size());
            assertThat(applied.cardinality()).isEqualTo(f.graph().size());
            assertThat(plan.endHeads()).as(f.spec()).containsExactlyInAnyOrderElementsOf(f.graph().realHeads());
        }
    }

    @Test
    void upgradesFromReachableStatesToRandomTargets() {
        Random rnd = new Random(2);
        int planned = 0;
        int steps = 0;
        for (Fixture f : fixtures(2)) {
            List<String> state = List.of();
            for (int k = 0; k < 6; k++) {
                String target = randomTarget(rnd, f.graph());
                Plan plan;
                try {
                    plan = f.planner().upgrade(state, RevisionExpr.parse(target));
                } catch (StrataException e) {
                    continue; // several heads, an ambiguous walk, past the end: refused, and nothing to check
                }
                String what = "upgrade " + (state.isEmpty() ? "-" : String.join(",", state)) + " " + target;
                BitSet before = appliedBy(f.graph(), state);
                BitSet after = checkUpgrade(f, state, plan, what);
                // the target itself is applied afterwards
                if (f.graph().contains(target)) {
                    assertThat(after.get(f.graph().index(target))).as(what).isTrue();
                }
                assertThat(after.cardinality() - before.cardinality()).isEqualTo(plan.steps().size());
                state = plan.endHeads();
                planned++;
                steps += plan.steps().size();
            }
        }
        assertThat(planned).isGreaterThan(1500);
        assertThat(steps).isGreaterThan(5000);
    }

    @Test
    void upgradeFromBaseToARandomTargetEndsAtTheAppliedRevisionsWithoutAppliedChildren() {
        Random rnd = new Random(3);
        int planned = 0;
        for (Fixture f : fixtures(3)) {
            for (int k = 0; k < 4; k++) {
                String target = k == 0 ? f.graph().id(rnd.nextInt(f.graph().size())) : randomTarget(rnd, f.graph());
                Plan plan;
                try {
                    plan = f.planner().upgrade(List.of(), RevisionExpr.parse(target));
                } catch (StrataException e) {
                    continue;
                }
                checkUpgrade(f, List.of(), plan, "upgrade - " + target);
                planned++;
            }
        }
        assertThat(planned).isGreaterThan(1000);
    }

    @Test
    void upgradeThenDowngradeBackReturnsToTheStartHeads() {
        Random rnd = new Random(4);
        int fromRevision = 0;
        int fromBase = 0;
        for (Fixture f : fixtures(4)) {
            RevisionGraph g = f.graph();
            for (int k = 0; k < 4; k++) {
                // S: a single head s, reached from base
                int s = rnd.nextInt(g.size());
                List<String> start = f.planner().upgrade(List.of(), RevisionExpr.parse(g.id(s))).endHeads();
                assertThat(start).as(f.spec()).containsExactly(g.id(s));

                // T: a descendant of s, so that everything the upgrade adds lies above s's children and
                // "downgrade s" takes it all back (a root that merely depends on s would stay)
                BitSet above = g.descendants(g.nextOf(s), true);
                if (above.isEmpty()) {
                    continue;
                }
                int t = pick(rnd, above);
                Plan up = f.planner().upgrade(start, RevisionExpr.parse(g.id(t)));
                checkUpgrade(f, start, up, "upgrade " + g.id(s) + " " + g.id(t));
                BitSet added = appliedBy(g, up.endHeads());
                added.andNot(appliedBy(g, start));
                BitSet outside = (BitSet) added.clone();
                outside.andNot(above);
                if (!outside.isEmpty()) {
                    continue; // T also needs another branch, which downgrading to s would not revert
                }

                Plan down = f.planner().downgrade(up.endHeads(), RevisionExpr.parse(g.id(s)));

                checkDowngrade(f, up.endHeads(), down, "downgrade " + up.endHeads() + " " + g.id(s));
                assertThat(down.endHeads()).as(f.spec()).containsExactly(g.id(s));
                assertThat(PlannerTest.ids(down)).as(f.spec())
                        .containsExactlyInAnyOrderElementsOf(PlannerTest.ids(up));
                fromRevision++;
            }

            // S empty: up to a random revision and back to base
            String target = g.id(rnd.nextInt(g.size()));
            Plan up = f.planner().upgrade(List.of(), RevisionExpr.parse(target));
            Plan down = f.planner().downgrade(up.endHeads(), RevisionExpr.parse("base"));
            checkDowngrade(f, up.endHeads(), down, "downgrade " + up.endHeads() + " base");
            assertThat(down.endHeads()).isEmpty();
            assertThat(PlannerTest.ids(down)).containsExactlyInAnyOrderElementsOf(PlannerTest.ids(up));
            fromBase++;
        }
        assertThat(fromRevision).isGreaterThan(500);
        assertThat(fromBase).isEqualTo(GRAPHS);
    }

    @Test
    void downgradeToBaseFromAnyReachableStateRevertsEverythingOnceChildrenFirst() {
        Random rnd = new Random(5);
        int planned = 0;
        for (Fixture f : fixtures(5)) {
            List<String> state = List.of();
            for (int k = 0; k < 4; k++) {
                List<String> next = reach(f.planner(), state, randomTarget(rnd, f.graph()));
                if (next == null) {
                    continue;
                }
                state = next;
                BitSet applied = appliedBy(f.graph(), state);

                Plan down = f.planner().downgrade(state, RevisionExpr.parse("base"));

                BitSet left = checkDowngrade(f, state, down, "downgrade " + state + " base");
                assertThat(left.isEmpty()).isTrue();
                assertThat(down.endHeads()).isEmpty();
                assertThat(down.steps()).hasSize(applied.cardinality());
                assertThat(new HashSet<>(PlannerTest.ids(down))).hasSize(applied.cardinality());
                planned++;
            }
        }
        assertThat(planned).isGreaterThan(1000);
    }

    @Test
    void downgradeFromReachableStatesToAnAppliedRevisionKeepsItAndItsAncestors() {
        Random rnd = new Random(6);
        int planned = 0;
        int headsChecked = 0;
        for (Fixture f : fixtures(6)) {
            RevisionGraph g = f.graph();
            List<String> state = List.of();
            for (int k = 0; k < 4; k++) {
                List<String> next = reach(f.planner(), state, randomTarget(rnd, g));
                if (next == null || next.isEmpty()) {
                    continue;
                }
                state = next;
                BitSet applied = appliedBy(g, state);
                int target = pick(rnd, applied);

                Plan down;
                try {
                    down = f.planner().downgrade(state, RevisionExpr.parse(g.id(target)));
                } catch (StrataException e) {
                    continue;
                }

                BitSet left = checkDowngrade(f, state, down, "downgrade " + state + " " + g.id(target));
                headsChecked++;
                BitSet keep = g.ancestors(new int[] {target}, true);
                BitSet lost = (BitSet) keep.clone();
                lost.andNot(left);
                assertThat(lost.isEmpty()).as("downgrade %s %s reverted %s, in %s", state, g.id(target),
                        g.ids(lost.stream().toArray()), f.spec()).isTrue();
                // exactly the applied descendants of the target's children go
                BitSet gone = (BitSet) applied.clone();
                gone.andNot(left);
                BitSet expected = g.descendants(g.nextOf(target), true);
                expected.and(applied);
                assertThat(gone).as(f.spec()).isEqualTo(expected);
                planned++;
            }
        }
        assertThat(planned).isGreaterThan(1000);
        assertThat(headsChecked).isGreaterThan(planned * 2 / 3);
    }

    private static int pick(Random rnd, BitSet set) {
        int skip = rnd.nextInt(set.cardinality());
        int r = set.nextSetBit(0);
        for (int i = 0; i < skip; i++) {
            r = set.nextSetBit(r + 1);
        }
        return r;
    }
}
