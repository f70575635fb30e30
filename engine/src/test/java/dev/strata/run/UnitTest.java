package dev.strata.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.graph.Revision;
import dev.strata.plan.Direction;
import dev.strata.plan.HeadChange;
import dev.strata.plan.Step;
import dev.strata.source.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a step's statements are grouped into transactions. */
class UnitTest {

    private static Step step(boolean transactional) {
        Revision r = new Revision("r1", List.of(), List.of(), List.of(), "", null, transactional, "r1");
        return new Step(r, Direction.UPGRADE, new HeadChange.Insert("r1"));
    }

    private static Statement tx(String sql) {
        return new Statement(sql, 1, true, null, null);
    }

    private static Statement bare(String sql) {
        return new Statement(sql, 1, false, null, null);
    }

    @Test
    void aTransactionalScriptIsOneTransaction() {
        assertThat(Runner.Unit.of(step(true), List.of(tx("a"), tx("b"), tx("c"))))
                .containsExactly(new Runner.Unit(true, 0, 3));
    }

    @Test
    void aNonTransactionalScriptRunsEveryStatementInAutocommit() {
        assertThat(Runner.Unit.of(step(false), List.of(tx("a"), tx("b"))))
                .containsExactly(new Runner.Unit(false, 0, 2));
    }

    @Test
    void statementsThatCannotRunInATransactionSplitIt() {
        // create a continuous aggregate WITH NO DATA, refresh it, then add its policy
        assertThat(Runner.Unit.of(step(true), List.of(tx("create"), bare("refresh"), bare("index"), tx("policy"))))
                .containsExactly(new Runner.Unit(true, 0, 1), new Runner.Unit(false, 1, 3), new Runner.Unit(true, 3, 4));
    }

    @Test
    void anEmptyTransactionalStepStillRecordsInATransaction() {
        assertThat(Runner.Unit.of(step(true), List.of())).containsExactly(new Runner.Unit(true, 0, 0));
        assertThat(Runner.Unit.of(step(false), List.of())).isEmpty();
    }
}
