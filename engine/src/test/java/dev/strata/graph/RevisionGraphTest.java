package dev.strata.graph;

import static dev.strata.graph.Graphs.graph;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static dev.strata.graph.Thrown.thrown;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Literal graphs in {@link Graphs}' notation. Expected heads, bases and labels are what Alembic 1.8's
 * RevisionMap reports for the same graphs (dev/alembic_oracle.py's {@code parse_graph}).
 */
class RevisionGraphTest {

    private static Revision rev(String id, List<String> down, String origin) {
        return new Revision(id, down, List.of(), List.of(), "", null, true, origin);
    }

    @Nested
    class Validation {

        @Test
        void duplicateIdNamesBothOrigins() {
            List<Revision> revisions = List.of(
                    rev("a1", List.of(), "branches/postgres/a1_init.sql"),
                    rev("b2", List.of("a1"), "branches/postgres/b2_users.sql"),
                    rev("a1", List.of("b2"), "branches/timescale/a1_copy.sql"));

            DuplicateRevisionException e = thrown(DuplicateRevisionException.class, () -> RevisionGraph.of(revisions));

            assertThat(e.revision()).isEqualTo("a1");
            assertThat(e.origins()).containsExactly("branches/postgres/a1_init.sql", "branches/timescale/a1_copy.sql");
            assertThat(e).hasMessage("revision a1 is declared twice: branches/postgres/a1_init.sql and "
                    + "branches/timescale/a1_copy.sql");
            assertThat(e.kind().exitCode()).isEqualTo(2);
        }

        @Test
        void unknownDownRevision() {
            UnknownReferenceException e = thrown(UnknownReferenceException.class, () -> graph("a b:a c:zz"));

            assertThat(e.revision()).isEqualTo("c");
            assertThat(e.origin()).isEqualTo("c.sql");
            assertThat(e.field()).isEqualTo("down_revision");
            assertThat(e.missing()).isEqualTo("zz");
            assertThat(e).hasMessage("c.sql: revision c has down_revision 'zz', which no script declares");
        }

        @Test
        void unknownDependency() {
            UnknownReferenceException e = thrown(UnknownReferenceException.class, () -> graph("a b:a~a,nope"));

            assertThat(e.revision()).isEqualTo("b");
            assertThat(e.field()).isEqualTo("depends_on");
            assertThat(e.missing()).isEqualTo("nope");
            assertThat(e).hasMessage("b.sql: revision b has depends_on 'nope', which no script declares");
        }

        @Test
        void aDownRevisionMustBeARevisionIdNotALabel() {
            // depends_on may name a label (below); down_revision may not. Alembic's own map breaks on it
            // (KeyError while building), so refusing it up front is the useful behaviour.
            UnknownReferenceException e = thrown(UnknownReferenceException.class, () -> graph("a@L b:L"));

            assertThat(e.field()).isEqualTo("down_revision");
            assertThat(e.missing()).isEqualTo("L");
        }

        @Test
        void aDependencyMayNameABranchLabel() {
            RevisionGraph g = graph("p1@postgres p2:p1 t1~postgres");

            assertThat(g.ids(g.dependenciesOf(g.index("t1")))).containsExactly("p1");
        }

        static Stream<Arguments> cycles() {
            return Stream.of(
                    Arguments.of("a:c b:a c:b", Set.of("a", "b", "c"), false),
                    // a cycle hanging off a valid part of the graph: there are heads and bases
                    Arguments.of("r a:r,c b:a c:b h:r", Set.of("a", "b", "c"), false),
                    Arguments.of("a b:a~c c:b", Set.of("b", "c"), true),
                    Arguments.of("a b:a~e c:b d:c e:d", Set.of("b", "c", "d", "e"), true));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("cycles")
        void cycle(String spec, Set<String> members, boolean throughDependencies) {
            List<Revision> revisions = Graphs.revisions(spec);
            Map<String, Revision> byId = new HashMap<>();
            revisions.forEach(r -> byId.put(r.id(), r));
            CycleException e = thrown(CycleException.class, () -> RevisionGraph.of(revisions));

            List<String> cycle = e.cycle();
            assertThat(cycle.get(0)).isEqualTo(cycle.get(cycle.size() - 1));
            assertThat(new HashSet<>(cycle)).isEqualTo(members);
            assertThat(cycle).hasSize(members.size() + 1);
            for (int k = 0; k + 1 < cycle.size(); k++) {
                Revision from = byId.get(cycle.get(k));
                List<String> edges = new ArrayList<>(from.downRevisions());
                edges.addAll(from.dependsOn());
                assertThat(edges).as("edge %s -> %s", cycle.get(k), cycle.get(k + 1)).contains(cycle.get(k + 1));
            }
            assertThat(e.throughDependencies()).isEqualTo(throughDependencies);
            assertThat(e).hasMessage("revisions form a cycle" + (throughDependencies ? " through depends_on" : "")
                    + ": " + String.join(" -> ", cycle));
        }

        @Test
        void selfReferenceAsDownRevision() {
            CycleException e = thrown(CycleException.class, () -> graph("a b:b"));

            assertThat(e.cycle()).containsExactly("b", "b");
            assertThat(e.throughDependencies()).isFalse();
            assertThat(e).hasMessage("revisions form a cycle: b -> b");
        }

        @Test
        void selfReferenceAsDependency() {
            CycleException e = thrown(CycleException.class, () -> graph("a b:a~b"));

            assertThat(e.cycle()).containsExactly("b", "b");
            assertThat(e.throughDependencies()).isTrue();
            assertThat(e).hasMessage("revisions form a cycle through depends_on: b -> b");
        }

        @Test
        void selfReferenceThroughItsOwnLabel() {
            CycleException e = thrown(CycleException.class, () -> graph("a b:a@L~L"));

            assertThat(e.cycle()).containsExactly("b", "b");
            assertThat(e.throughDependencies()).isTrue();
        }

        @Test
        void labelDeclaredTwice() {
            BranchLabelException e = thrown(BranchLabelException.class, () -> graph("a@L b:a@L"));

            assertThat(e.label()).isEqualTo("L");
            assertThat(e.revision()).isEqualTo("b");
            assertThat(e).hasMessage("branch label 'L' on revision b is already declared by revision a (a.sql)");
        }

        @Test
        void labelEqualToARevisionId() {
            BranchLabelException e = thrown(BranchLabelException.class, () -> graph("a b:a@a"));

            assertThat(e.label()).isEqualTo("a");
            assertThat(e.revision()).isEqualTo("b");
            assertThat(e).hasMessage("branch label 'a' on revision b is already the id of revision a");
        }

        @ParameterizedTest
        @ValueSource(strings = {"head", "heads", "base", "current"})
        void reservedLabel(String label) {
            // Alembic accepts these and then cannot tell "head@head" from "head"; Strata refuses them.
            BranchLabelException e = thrown(BranchLabelException.class,
                    () -> RevisionGraph.of(List.of(Revision.of("a", List.of(), List.of(label), List.of()))));

            assertThat(e.label()).isEqualTo(label);
            assertThat(e.revision()).isEqualTo("a");
            assertThat(e).hasMessage("branch label '" + label + "' on revision a is a reserved word");
        }

        @ParameterizedTest
        @ValueSource(strings = {"my-label", "a@b", "x+1", "", "two words"})
        void malformedLabel(String label) {
            BranchLabelException e = thrown(BranchLabelException.class,
                    () -> RevisionGraph.of(List.of(Revision.of("a", List.of(), List.of(label), List.of()))));

            assertThat(e.label()).isEqualTo(label);
            assertThat(e).hasMessage("branch label '" + label + "' on revision a may hold only letters, digits, '_' and '.'");
        }

        @Test
        void wellFormedLabelsAreAccepted() {
            RevisionGraph g = graph("a@postgres_v2.main b:a");

            assertThat(g.declaredLabels()).containsExactly(Map.entry("postgres_v2.main", "a"));
        }
    }

    @Nested
    class Queries {

        @Test
        void aRevisionOnlyDependedOnIsAHeadButNotARealHead() {
            // Alembic: heads ('b', 'c'), _real_heads ('c',), bases ('a', 'c'), _real_bases ('a',)
            RevisionGraph g = graph("a b:a c~b");

            assertThat(g.heads()).containsExactly("b", "c");
            assertThat(g.realHeads()).containsExactly("c");
            assertThat(g.bases()).containsExactly("a", "c");
            assertThat(g.ids(g.realBaseIndexes())).containsExactly("a");
            assertThat(g.isHead("b")).isTrue();
            assertThat(g.isHead("a")).isFalse();
        }

        @Test
        void headsAndBasesFollowScriptOrder() {
            // Alembic: heads ('x', 'd'), bases ('a',)
            RevisionGraph g = graph("a b:a x:a c:b d:c");

            assertThat(g.heads()).containsExactly("x", "d");
            assertThat(g.realHeads()).containsExactly("x", "d");
            assertThat(g.bases()).containsExactly("a");
        }

        @Test
        void childrenAndBranchPoints() {
            RevisionGraph g = graph("a c:a b:a d:b e~a");

            assertThat(g.children("a")).containsExactly("c", "b");
            assertThat(g.children("d")).isEmpty();
            assertThat(g.isBranchPoint("a")).isTrue();
            assertThat(g.isBranchPoint("b")).isFalse();
            // a dependant is not a child: b is not a branch point although d and e both follow it
            RevisionGraph h = graph("a b:a d:b e~b");
            assertThat(h.children("b")).containsExactly("d");
            assertThat(h.isBranchPoint("b")).isFalse();
            assertThat(h.ids(h.allNextOf(h.index("b")))).containsExactlyInAnyOrder("d", "e");
        }

        @Test
        void ancestorsAndDescendantsFollowDependencies() {
            RevisionGraph g = graph("a b:a x y:x~b z:y q:a");

            assertThat(g.ancestorsOf("z")).containsExactlyInAnyOrder("y", "x", "b", "a");
            assertThat(g.ancestorsOf("a")).isEmpty();
            assertThat(g.descendantsOf("a")).containsExactlyInAnyOrder("b", "y", "z", "q");
            assertThat(g.descendantsOf("b")).containsExactlyInAnyOrder("y", "z");
            assertThat(g.descendantsOf("x")).containsExactlyInAnyOrder("y", "z");
            // without dependencies the walk stays on down revisions
            assertThat(g.ids(g.ancestors(new int[] {g.index("z")}, false).stream().toArray()))
                    .containsExactlyInAnyOrder("z", "y", "x");
            assertThat(g.ids(g.descendants(new int[] {g.index("b")}, false).stream().toArray()))
                    .containsExactlyInAnyOrder("b");
        }

        @Test
        void unknownIdsAreReported() {
            RevisionGraph g = graph("a b:a c:a");

            UnknownRevisionException e = thrown(UnknownRevisionException.class, () -> g.ancestorsOf("zz"));
            assertThat(e.input()).isEqualTo("zz");
            assertThat(e.candidates()).containsExactly("b", "c");
            assertThatThrownBy(() -> g.get("zz")).isInstanceOf(UnknownRevisionException.class);
            assertThat(g.index("zz")).isEqualTo(-1);
            assertThat(g.contains("b")).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "a b:a c:b d:c",
                "e:c,d d:b c:b b:a a",
                "z y:z~q q x:y,q w:x v:w~q",
                "m:b,c c:a b:a a n:m o:n~c p~o"})
        void topologicalOrderPutsParentsAndDependenciesFirst(String spec) {
            RevisionGraph g = graph(spec);
            List<String> order = g.topologicalOrder();

            assertThat(order).containsExactlyInAnyOrderElementsOf(g.revisions().stream().map(Revision::id).toList());
            for (Revision r : g.revisions()) {
                for (String parent : concat(r.downRevisions(), g.ids(g.dependenciesOf(g.index(r.id()))))) {
                    assertThat(order.indexOf(parent)).as("%s before %s", parent, r.id()).isLessThan(order.indexOf(r.id()));
                }
                assertThat(order.indexOf(r.id())).isEqualTo(g.topologicalPosition(g.index(r.id())));
            }
        }

        @Test
        void isAncestorGoesThroughDependenciesAndIsReflexive() {
            RevisionGraph g = graph("a b:a x y:x~b z:y q:a");
            int a = g.index("a"), b = g.index("b"), x = g.index("x"), y = g.index("y"), z = g.index("z"), q = g.index("q");

            assertThat(g.isAncestor(a, z)).isTrue();
            assertThat(g.isAncestor(b, z)).isTrue();
            assertThat(g.isAncestor(x, z)).isTrue();
            assertThat(g.isAncestor(z, z)).isTrue();
            assertThat(g.isAncestor(z, a)).isFalse();
            assertThat(g.isAncestor(q, z)).isFalse();
            assertThat(g.isAncestor(x, q)).isFalse();
            assertThat(g.isAncestor(y, b)).isFalse();
        }

        @Test
        void isAncestorAgreesWithAncestorSets() {
            RevisionGraph g = graph("m:b,c c:a b:a a n:m o:n~c p~o r:p s:b~p");
            for (int i = 0; i < g.size(); i++) {
                Set<String> ancestors = g.ancestorsOf(g.id(i));
                for (int j = 0; j < g.size(); j++) {
                    assertThat(g.isAncestor(j, i)).as("%s ancestor of %s", g.id(j), g.id(i))
                            .isEqualTo(i == j || ancestors.contains(g.id(j)));
                }
            }
        }

        @Test
        void sharesLineage() {
            RevisionGraph g = graph("a b:a c:a d:b y~b");
            int a = g.index("a"), b = g.index("b"), c = g.index("c"), d = g.index("d"), y = g.index("y");

            assertThat(g.sharesLineage(d, new int[] {a}, false)).isTrue();
            assertThat(g.sharesLineage(a, new int[] {d}, false)).isTrue();
            assertThat(g.sharesLineage(c, new int[] {d}, false)).isFalse();
            assertThat(g.sharesLineage(c, new int[] {d, a}, false)).isTrue();
            assertThat(g.sharesLineage(y, new int[] {b}, false)).isFalse();
            assertThat(g.sharesLineage(y, new int[] {b}, true)).isTrue();
            assertThat(g.sharesLineage(y, new int[0], false)).isTrue();
        }

        @Test
        void normalizedDependenciesDropWhatAnAncestorAlreadyDependsOn() {
            // Alembic: b._normalized_down_revisions ('a', 'x'), c's ('b', 'a'): x is dropped because b
            // already depends on it; a stays, because only declared dependencies of ancestors count.
            RevisionGraph g = graph("a b:a~x c:b~x,a x");
            int b = g.index("b"), c = g.index("c");

            assertThat(g.ids(g.dependenciesOf(c))).containsExactly("x", "a");
            assertThat(g.ids(g.normalizedDependenciesOf(c))).containsExactly("a");
            assertThat(g.ids(g.normalizedDownOf(c))).containsExactly("b", "a");
            assertThat(g.ids(g.normalizedDependenciesOf(b))).containsExactly("x");
            assertThat(g.ids(g.normalizedDownOf(b))).containsExactly("a", "x");
            assertThat(g.heads()).containsExactly("c", "x");
            assertThat(g.realHeads()).containsExactly("c");
        }

        @Test
        void aDependencyDeclaredByADistantAncestorIsDroppedToo() {
            RevisionGraph g = graph("x a:x~d b:a c:b~d,e d e");

            assertThat(g.ids(g.normalizedDependenciesOf(g.index("c")))).containsExactly("e");
            assertThat(g.ids(g.normalizedDownOf(g.index("c")))).containsExactly("b", "e");
        }

        @Test
        void aDependencyOnTheDownRevisionIsNotDuplicated() {
            RevisionGraph g = graph("a b:a~a");

            assertThat(g.ids(g.normalizedDownOf(g.index("b")))).containsExactly("a");
            assertThat(g.ids(g.allNextOf(g.index("a")))).containsExactly("b");
        }
    }

    /**
     * Label propagation as Alembic's {@code _add_branches} does it: a label marks its revision and its
     * descendants (by down revision); walking up from the last descendant, it also marks revisions until
     * it meets a real branch point (children or dependants &gt; 1) or a merge point. Each row is what
     * {@code rmap.get_revision(x).branch_labels} prints for the graph.
     */
    static Stream<Arguments> labelShapes() {
        return Stream.of(
                // plain chain: the whole line carries the label, ancestors included
                Arguments.of("a b:a@L c:b", "a=L b=L c=L"),
                // ancestors only up to the branch point, which is not marked
                Arguments.of("a b:a x:a c:b@L d:c", "a= b=L x= c=L d=L"),
                // a branch point below the label stops the upward walk inside the label's subtree
                Arguments.of("a b:a@L c:b d:b", "a= b=L c=L d=L"),
                // a merge point below does too
                Arguments.of("a b:a@L x c:b,x", "a= b=L x= c=L"),
                // a labelled merge point marks only itself and below
                Arguments.of("a x m:a,x@L n:m", "a= x= m=L n=L"),
                // a dependant makes a real branch point: a has b and y after it
                Arguments.of("a b:a c:b@L y~a", "a= b=L c=L y="),
                // ...and so does a dependant of the labelled revision itself: the walk stops at b
                Arguments.of("a b:a@L c:b y~b", "a= b=L c=L y="),
                // a dependant of the tip does not stop the walk (c has one follower), nor get the label
                Arguments.of("a b:a@L c:b y~c", "a=L b=L c=L y="),
                // two labels on one chain both cover it all
                Arguments.of("a@A b:a c:b@B d:c", "a=A,B b=A,B c=A,B d=A,B"),
                // a label inside another's tree adds to it below, and up to the branch point
                Arguments.of("a@A b:a c:a d:b@B", "a=A b=A,B c=A d=A,B"),
                // two independent labelled roots
                Arguments.of("p1@postgres t1@timescale p2:p1 t2:t1 p3:p2",
                        "p1=postgres t1=timescale p2=postgres t2=timescale p3=postgres"),
                // a branch off a labelled trunk: the label is on the trunk's root, which branches
                Arguments.of("t1@trunk t2:t1 t3:t2 f1:t2@feature f2:f1",
                        "t1=trunk t2=trunk t3=trunk f1=feature,trunk f2=feature,trunk"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labelShapes")
    void labelsPropagateAsAlembicDoes(String spec, String expected) {
        RevisionGraph g = graph(spec);
        for (String entry : expected.split(" ")) {
            String[] kv = entry.split("=", -1);
            Set<String> labels = kv[1].isEmpty() ? Set.of() : Set.of(kv[1].split(","));
            assertThat(g.labelsOf(kv[0])).as("labels of %s", kv[0]).containsExactlyInAnyOrderElementsOf(labels);
            assertThat(g.labelsOf(g.index(kv[0]))).isEqualTo(g.labelsOf(kv[0]));
        }
    }

    @Test
    void declaredLabelsNameTheDeclaringRevision() {
        RevisionGraph g = graph("t1@trunk t2:t1 t3:t2 f1:t2@feature,feat f2:f1");

        assertThat(g.declaredLabels()).containsExactly(
                Map.entry("feat", "f1"), Map.entry("feature", "f1"), Map.entry("trunk", "t1"));
        assertThat(g.labelIndex("feature")).isEqualTo(g.index("f1"));
        assertThat(g.labelIndex("nope")).isEqualTo(-1);
    }

    @Test
    void revisionsKeepScriptOrderAndTheGraphIsImmutable() {
        RevisionGraph g = graph("c b:c a:b");

        assertThat(g.revisions()).extracting(Revision::id).containsExactly("c", "b", "a");
        assertThat(g.size()).isEqualTo(3);
        assertThatThrownBy(() -> g.revisions().add(Revision.of("x", List.of(), List.of(), List.of())))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> g.labelsOf("a").add("X")).isInstanceOf(UnsupportedOperationException.class);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return Arrays.asList(out.toArray(new String[0]));
    }
}
