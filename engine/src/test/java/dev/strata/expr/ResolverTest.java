package dev.strata.expr;

import static dev.strata.graph.Graphs.graph;
import static dev.strata.graph.Thrown.thrown;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.graph.AmbiguousRevisionException;
import dev.strata.graph.MultipleHeadsException;
import dev.strata.graph.RevisionException;
import dev.strata.graph.RevisionGraph;
import dev.strata.graph.UnknownRevisionException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Expected results are what Alembic 1.8's {@code RevisionMap.get_revisions} returns for the same graph
 * and expression (prefix matching, {@code LABEL@head}, {@code REV@head}, {@code LABEL@-1}).
 */
class ResolverTest {

    // Two labelled lines. Three ids start with "ae", listed so that script order is not sorted order.
    static final String P1 = "1975ea83b712";
    static final String P2 = "ae2b9c07d1e3";
    static final String P3 = "ae10f3a4c5d6";
    static final String T1 = "27c6a30d7c24";
    static final String T2 = "ae77c1d7e4b0";
    static final RevisionGraph TWO_LINES = graph(P1 + "@postgres " + P2 + ":" + P1 + " " + P3 + ":" + P2 + " "
            + T1 + "@timescale " + T2 + ":" + T1);

    static final Resolver R = new Resolver(TWO_LINES);

    static List<String> resolve(Resolver resolver, String expr) {
        return resolver.graph().ids(resolver.revisions(RevisionExpr.parse(expr)));
    }

    static Stream<Arguments> resolved() {
        return Stream.of(
                Arguments.of(P1, List.of(P1)),
                Arguments.of("1975", List.of(P1)),
                Arguments.of("ae10", List.of(P3)),
                Arguments.of("ae2", List.of(P2)),
                Arguments.of("postgres", List.of(P1)),
                Arguments.of("heads", List.of(P3, T2)),
                Arguments.of("base", List.of()),
                Arguments.of("postgres@head", List.of(P3)),
                Arguments.of("timescale@head", List.of(T2)),
                Arguments.of("postgres@heads", List.of(P3)),
                Arguments.of("1975@head", List.of(P3)),
                Arguments.of(T1 + "@head", List.of(T2)),
                Arguments.of("postgres@ae2b", List.of(P2)),
                // a prefix ambiguous in the graph is unique within the branch
                Arguments.of("timescale@ae", List.of(T2)),
                Arguments.of("timescale@-1", List.of(T1)),
                Arguments.of("-1", List.of(P2, T1)),
                Arguments.of("postgres@-2", List.of(P1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("resolved")
    void resolves(String expr, List<String> expected) {
        assertThat(resolve(R, expr)).containsExactlyElementsOf(expected);
    }

    @Test
    void ambiguousPrefixListsTheCandidatesSorted() {
        AmbiguousRevisionException e = thrown(AmbiguousRevisionException.class, () -> resolve(R, "ae"));

        assertThat(e.input()).isEqualTo("ae");
        assertThat(e.candidates()).containsExactly(P3, P2, T2);
        assertThat(e).hasMessage("revision prefix 'ae' is ambiguous; it matches " + P3 + ", " + P2 + ", " + T2);
    }

    @Test
    void ambiguousPrefixWithinABranchListsOnlyTheBranch() {
        AmbiguousRevisionException e = thrown(AmbiguousRevisionException.class, () -> resolve(R, "postgres@ae"));

        assertThat(e.candidates()).containsExactly(P3, P2);
    }

    @Test
    void unknownIdListsTheKnownHeads() {
        UnknownRevisionException e = thrown(UnknownRevisionException.class, () -> resolve(R, "zz"));

        assertThat(e.input()).isEqualTo("zz");
        assertThat(e.candidates()).containsExactly(P3, T2);
        assertThat(e).hasMessage("no revision or branch label 'zz'; known heads: " + P3 + ", " + T2);
    }

    @Test
    void prefixOutsideTheBranchIsUnknown() {
        // Alembic: "No such revision or branch 'ae77'": the prefix is only looked up within the branch
        UnknownRevisionException e = thrown(UnknownRevisionException.class, () -> resolve(R, "postgres@ae77"));

        assertThat(e.input()).isEqualTo("ae77");
    }

    @Test
    void headWithSeveralHeadsSuggestsHeadsAndTheLabels() {
        MultipleHeadsException e = thrown(MultipleHeadsException.class, () -> resolve(R, "head"));

        assertThat(e.heads()).containsExactly(P3, T2);
        assertThat(e.argument()).isEqualTo("head");
        assertThat(e.headLabels()).containsExactly("postgres", "timescale");
        assertThat(e).hasMessage("'head' is ambiguous: there are 2 heads (" + P3 + ", " + T2 + "); name one with "
                + "postgres@head, timescale@head, use 'heads' for all of them");
        // each head has a label of its own: separate branches, so no merge is suggested
    }

    @Test
    void headWithSeveralUnlabelledHeadsSuggestsRevisionIds() {
        Resolver r = new Resolver(graph("a b:a c:a"));

        MultipleHeadsException e = thrown(MultipleHeadsException.class, () -> resolve(r, "head"));

        assertThat(e.heads()).containsExactly("b", "c");
        assertThat(e.headLabels()).containsExactly("", "");
        assertThat(e).hasMessage("'head' is ambiguous: there are 2 heads (b, c); name one with its revision id, "
                + "use 'heads' for all of them, or join them with 'migrate merge heads'");
    }

    @Test
    void labelWithSeveralHeads() {
        // L marks a and everything below it, so no head has a label of its own; the feature branch has one
        Resolver r = new Resolver(graph("a@L b:a c:a d:c@feature"));

        MultipleHeadsException e = thrown(MultipleHeadsException.class, () -> resolve(r, "L@head"));

        assertThat(e.argument()).isEqualTo("L@head");
        assertThat(e.heads()).containsExactly("b", "d");
        assertThat(e.headLabels()).containsExactly("", "feature");
        assertThat(e).hasMessageContaining("name one with feature@head, use 'L@heads' for all of them");
        assertThat(resolve(r, "L@heads")).containsExactly("b", "d");
    }

    @Test
    void revisionAtHeadWithSeveralHeadsAbove() {
        Resolver r = new Resolver(graph("a b:a c:b d:a"));

        assertThat(resolve(r, "b@head")).containsExactly("c");
        assertThat(resolve(r, "d@head")).containsExactly("d");
        MultipleHeadsException e = thrown(MultipleHeadsException.class, () -> resolve(r, "a@head"));
        assertThat(e.heads()).containsExactly("c", "d");
        assertThat(e.argument()).isEqualTo("a@head");
    }

    @Test
    void anEmptyLabelResolvesAsNoLabel() {
        // Alembic 1.8.1 on graph a-b-c, a-d (alembic.command.upgrade on SQLite): 'upgrade @head' fails with
        // "Multiple head revisions are present for given argument '@head'; please specify a specific target
        // revision, '<branchname>@@head' to narrow to a specific head, or 'heads' for all heads";
        // 'upgrade @heads' upgrades to c and d; '@b' is b.
        Resolver r = new Resolver(graph("a b:a c:b d:a"));

        MultipleHeadsException e = thrown(MultipleHeadsException.class, () -> resolve(r, "@head"));
        assertThat(e.heads()).containsExactly("c", "d");
        assertThat(e.argument()).isEqualTo("@head");
        assertThat(e).hasMessage("'@head' is ambiguous: there are 2 heads (c, d); name one with its revision id, "
                + "use 'heads' for all of them, or join them with 'migrate merge heads'");
        assertThat(resolve(r, "@heads")).containsExactly("c", "d");
        assertThat(resolve(r, "@b")).containsExactly("b");
        assertThat(resolve(r, "@base")).isEmpty();
        assertThat(resolve(new Resolver(graph("a b:a")), "@head")).containsExactly("b");
    }

    @Test
    void severalRevisionsWhereOneIsExpected() {
        MultipleHeadsException e = thrown(MultipleHeadsException.class, () -> R.revision(RevisionExpr.parse("heads")));

        assertThat(e.argument()).isEqualTo("heads");
        assertThat(e.heads()).containsExactly(P3, T2);
    }

    @Test
    void singleRevisionAndBase() {
        assertThat(R.revision(RevisionExpr.parse("postgres@head"))).isEqualTo(TWO_LINES.index(P3));
        assertThat(R.revision(RevisionExpr.parse("base"))).isEqualTo(Resolver.NONE);
        assertThat(R.revision(RevisionExpr.parse("postgres@base"))).isEqualTo(Resolver.NONE);
    }

    @Test
    void unknownLabelListsTheKnownLabels() {
        UnknownRevisionException e = thrown(UnknownRevisionException.class, () -> resolve(R, "nosuch@head"));

        assertThat(e.input()).isEqualTo("nosuch");
        assertThat(e.candidates()).isEmpty();
        assertThat(e).hasMessage("no revision or branch label 'nosuch'; known branch labels: postgres, timescale");
    }

    @Test
    void unknownLabelInAGraphWithoutLabels() {
        Resolver r = new Resolver(graph("a b:a"));

        assertThat(thrown(UnknownRevisionException.class, () -> resolve(r, "nosuch@head")))
                .hasMessage("no revision or branch label 'nosuch'; there are no branch labels");
    }

    @Test
    void revisionNotAMemberOfTheBranch() {
        RevisionException e = thrown(RevisionException.class, () -> resolve(R, "postgres@" + T2));

        assertThat(e).hasMessage("revision " + T2 + " is not a member of branch 'postgres'");
    }

    @Test
    void expressionsThatNeedMoreThanAGraph() {
        assertThat(thrown(ExpressionException.class, () -> resolve(R, "current")))
                .hasMessage("'current' needs a database to resolve; it is not available here");
        assertThat(thrown(ExpressionException.class, () -> resolve(R, "+1")))
                .hasMessage("'+1' is a relative move, which is not allowed here");
        assertThat(thrown(ExpressionException.class, () -> resolve(R, "postgres@+1")).input()).isEqualTo("postgres@+1");
        assertThat(thrown(ExpressionException.class, () -> resolve(R, P1 + "-1")).input()).isEqualTo(P1 + "-1");
    }

    @Test
    void exactIdsFromTheVersionTable() {
        assertThat(TWO_LINES.ids(R.exact(List.of(P3, T1)))).containsExactly(P3, T1);

        // the version table holds full ids: a prefix is not good enough there
        UnknownRevisionException e = thrown(UnknownRevisionException.class, () -> R.exact(List.of(P3, "ae77")));
        assertThat(e.input()).isEqualTo("ae77");
        assertThat(e.candidates()).containsExactly(P3, T2);
        assertThat(e).hasMessageEndingWith("; the database names a revision no script defines");
    }

    /** Alembic's {@code _walk}. */
    @Nested
    class Walk {

        final RevisionGraph chain = graph("a b:a c:b d:c");
        final Resolver r = new Resolver(chain);

        int at(String id) {
            return chain.index(id);
        }

        @Test
        void upAndDown() {
            assertThat(r.walk(at("a"), 2, null, true)).isEqualTo(at("c"));
            assertThat(r.walk(at("d"), -2, null, true)).isEqualTo(at("b"));
            assertThat(r.walk(at("b"), 2, null, true)).isEqualTo(at("d"));
        }

        @Test
        void fromNothingUpStartsAtTheBasesAndDownAtTheHeads() {
            assertThat(r.walk(Resolver.NONE, 1, null, true)).isEqualTo(at("a"));
            assertThat(r.walk(Resolver.NONE, 4, null, true)).isEqualTo(at("d"));
            assertThat(r.walk(Resolver.NONE, -1, null, true)).isEqualTo(at("d"));
        }

        @Test
        void downPastTheRootIsBase() {
            assertThat(r.walk(at("a"), -1, null, true)).isEqualTo(Resolver.BASE);
            assertThat(r.walk(at("c"), -3, null, true)).isEqualTo(Resolver.BASE);
        }

        @Test
        void overwalk() {
            assertThat(r.walk(at("d"), 1, null, true)).isEqualTo(Resolver.OVERWALK);
            assertThat(r.walk(at("c"), 3, null, true)).isEqualTo(Resolver.OVERWALK);
            assertThat(r.walk(at("b"), -3, null, true)).isEqualTo(Resolver.OVERWALK);
            assertThat(r.walk(Resolver.BASE, -1, null, true)).isEqualTo(Resolver.OVERWALK);
            // without no_overwalk the walk stops where it ran out
            assertThat(r.walk(at("c"), 3, null, false)).isEqualTo(at("d"));
            assertThat(r.walk(at("b"), -3, null, false)).isEqualTo(Resolver.BASE);
        }

        @Test
        void ambiguousWalkUpFromABranchPoint() {
            Resolver b = new Resolver(graph("a b:a c:a"));

            assertThat(thrown(RevisionException.class, () -> b.walk(b.graph().index("a"), 1, null, true)))
                    .hasMessage("ambiguous walk up from a: it could go to b or c; name the revision to go to (b or c), "
                            + "or a branch label only one of them carries (LABEL@+1)");
            assertThat(thrown(RevisionException.class, () -> b.walk(Resolver.NONE, -2, null, true)))
                    .hasMessage("ambiguous walk down from the heads: it could go to b or c; name the revision to go to "
                            + "(b or c), or a branch label only one of them carries (LABEL@-2)");
        }

        @Test
        void ambiguousWalkUpFromSeveralBases() {
            Resolver b = new Resolver(graph("x y"));

            assertThat(thrown(RevisionException.class, () -> b.walk(Resolver.NONE, 1, null, true)))
                    .hasMessageStartingWith("ambiguous walk up from base: it could go to x or y");
        }

        @Test
        void ambiguousWalkDownFromAMergePoint() {
            Resolver m = new Resolver(graph("a b:a c:a m:b,c"));

            assertThat(thrown(RevisionException.class, () -> m.walk(m.graph().index("m"), -1, null, true)))
                    .hasMessageStartingWith("ambiguous walk down from m: it could go to b or c");
            // walking up into the merge point is not ambiguous
            assertThat(m.walk(m.graph().index("b"), 1, null, true)).isEqualTo(m.graph().index("m"));
        }

        @Test
        void aBranchLabelPicksTheWayUp() {
            Resolver b = new Resolver(graph("a b:a@B c:a@C d:c"));
            int a = b.graph().index("a");

            assertThat(b.walk(a, 1, "C", true)).isEqualTo(b.graph().index("c"));
            assertThat(b.walk(a, 2, "C", true)).isEqualTo(b.graph().index("d"));
            assertThat(b.walk(a, 1, "B", true)).isEqualTo(b.graph().index("b"));
            assertThat(b.walk(a, 2, "B", true)).isEqualTo(Resolver.OVERWALK);
            assertThat(b.walk(Resolver.NONE, 2, "C", true)).isEqualTo(b.graph().index("c"));
        }
    }
}
