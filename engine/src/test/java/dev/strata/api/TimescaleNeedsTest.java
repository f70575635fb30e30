package dev.strata.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.config.Dialect;
import dev.strata.config.TargetConfig;
import dev.strata.db.ServerInfo;
import dev.strata.error.BadInputException;
import dev.strata.graph.Revision;
import dev.strata.plan.Direction;
import dev.strata.plan.HeadChange;
import dev.strata.plan.Step;
import dev.strata.source.JavaScript;
import dev.strata.source.Statement;
import dev.strata.source.TimescaleCalls;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a plan's TimescaleDB operations need of the target, decided without a database. */
class TimescaleNeedsTest {

    private static final Revision R = new Revision("t1", List.of(), List.of(), List.of(), "", null, true, "t1");
    private static final Step STEP = new Step(R, Direction.UPGRADE, new HeadChange.Insert("t1"));
    private static final JavaScript SCRIPT = new JavaScript(Path.of("Vt1.java"), Path.of("."), R, s -> {
        throw new AssertionError("not compiled here");
    });

    private static TargetConfig target(Dialect dialect) {
        return new TargetConfig("metrics", "jdbc:postgresql://h/db", null, null, null, dialect, null, "strata_version", null);
    }

    private static TimescaleNeeds needs(String... versions) {
        TimescaleNeeds needs = new TimescaleNeeds();
        int line = 10;
        for (String v : versions) {
            needs.add(STEP, SCRIPT, new Statement("SELECT 1", line++, true, "op at " + line, v));
        }
        return needs;
    }

    @Test
    void plainStatementsNeedNothingAndNeverProbe() throws Exception {
        needs((String) null).check(target(Dialect.POSTGRESQL), () -> {
            throw new AssertionError("probed");
        });
    }

    @Test
    void aTimescaleOpOnAPostgresqlTargetIsRefusedBeforeAnyProbe() {
        assertThatThrownBy(() -> needs("2.0.0").check(target(Dialect.POSTGRESQL), () -> {
            throw new AssertionError("probed");
        })).isInstanceOf(BadInputException.class)
                .hasMessage("revision t1 (Vt1.java:10) uses op at 11, a TimescaleDB operation, but target 'metrics' is a plain "
                        + "PostgreSQL target (dialect = \"postgresql\"); run it on a target with dialect = \"timescaledb\"");
    }

    @Test
    void theHighestNeedIsComparedWithTheInstalledOrElseAvailableExtension() throws Exception {
        TimescaleNeeds needs = needs("2.0.0", "2.13.0", "1.5.0");
        assertThat(needs.highest()).isEqualTo("2.13.0");
        assertThatCode(() -> needs.check(target(Dialect.TIMESCALEDB), () -> new ServerInfo("17.5", null, "2.23.0-dev")))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> needs.check(target(Dialect.TIMESCALEDB), () -> new ServerInfo("16.4", "2.11.2", "2.17.0")))
                .isInstanceOf(BadInputException.class)
                .hasMessage("revision t1 (Vt1.java:11) uses op at 12, which needs TimescaleDB 2.13.0 or later; "
                        + "target 'metrics' has TimescaleDB 2.11.2");
        assertThatThrownBy(() -> needs.check(target(Dialect.TIMESCALEDB), () -> new ServerInfo("16.4", null, null)))
                .isInstanceOf(BadInputException.class)
                .hasMessageEndingWith("but the server of target 'metrics' (PostgreSQL 16.4) has no timescaledb extension to install");
    }

    @Test
    void versionsCompareNumerically() {
        assertThat(TimescaleCalls.compareVersions("2.13.0", "2.9.1")).isPositive();
        assertThat(TimescaleCalls.compareVersions("2.23.0-dev", "2.23.0")).isZero();
        assertThat(TimescaleCalls.compareVersions("2", "2.0.1")).isNegative();
    }
}
