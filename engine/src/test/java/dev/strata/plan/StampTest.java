package dev.strata.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.expr.RevisionExpr;
import dev.strata.graph.Graphs;
import dev.strata.graph.RevisionException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stamp's head arithmetic (Alembic's _stamp_revs), on literal graphs. */
class StampTest {

    /** Two labelled branches: p1 -> p2 -> p3 (postgres) and t1 -> t2 (timescale). */
    private final Planner planner = new Planner(Graphs.graph("p1@postgres p2:p1 p3:p2 t1@timescale t2:t1"));

    private StampPlan stamp(List<String> current, String... revisions) {
        return planner.stamp(current, Arrays.stream(revisions).map(RevisionExpr::parse).toList());
    }

    @Test
    void fromBaseInsertsTheStampedRevisions() {
        StampPlan p = stamp(List.of(), "p2", "t1");
        assertThat(p.after()).containsExactly("p2", "t1");
        assertThat(p.add()).containsExactly("p2", "t1");
        assertThat(p.remove()).isEmpty();
    }

    @Test
    void aStampedRevisionReplacesTheHeadOfItsLineageOnly() {
        StampPlan down = stamp(List.of("p3", "t2"), "p1");
        assertThat(down.after()).containsExactly("t2", "p1");
        assertThat(down.remove()).containsExactly("p3");
        assertThat(down.add()).containsExactly("p1");
        assertThat(stamp(List.of("p1", "t1"), "postgres@head").after()).containsExactly("t1", "p3");
    }

    @Test
    void baseClearsEverythingOrOneBranch() {
        assertThat(stamp(List.of("p3", "t2"), "base").after()).isEmpty();
        StampPlan one = stamp(List.of("p3", "t2"), "timescale@base");
        assertThat(one.after()).containsExactly("p3");
        assertThat(one.remove()).containsExactly("t2");
        assertThat(one.recorded()).containsExactly("p3");
        assertThat(stamp(List.of("p3"), "base").recorded()).containsExactly("base");
    }

    @Test
    void stampingWhereItAlreadyIsChangesNothingAndRecordsTheHead() {
        StampPlan same = stamp(List.of("p3"), "p3");
        assertThat(same.add()).isEmpty();
        assertThat(same.remove()).isEmpty();
        assertThat(same.recorded()).containsExactly("p3");
    }

    @Test
    void aRevisionAndItsOwnAncestorCannotBothBeStamped() {
        assertThatThrownBy(() -> stamp(List.of(), "p1", "p2"))
                .isInstanceOf(RevisionException.class)
                .hasMessage("cannot stamp: p1 is an ancestor of p2; stamp only p2");
    }
}
