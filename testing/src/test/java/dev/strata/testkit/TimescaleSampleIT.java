package dev.strata.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sample's timescale target on a real TimescaleDB given by URL (bin/test's), reset before each
 * test: hypertable rows and continuous-aggregate rows a test leaves are gone for the next one.
 */
@ExtendWith(LocalTimescale.class)
@StrataDatabase(config = Sample.CONFIG, target = "timescale", reset = Reset.PER_TEST)
class TimescaleSampleIT {

    @Test
    void theDatabaseIsAtTheBranchHead(MigratedDatabase db) throws Exception {
        assertThat(db.heads()).isEqualTo(Sample.heads("timescale")).isNotEmpty();
        assertThat(Sample.column(db.dataSource(), "SELECT version_num FROM strata_version")).isEqualTo(db.heads());
        assertThat(Sample.column(db.dataSource(), "SELECT hypertable_name FROM timescaledb_information.hypertables"
                + " WHERE hypertable_schema = 'public'")).containsExactly("ping_results");
        assertThat(Sample.column(db.dataSource(), "SELECT view_name FROM timescaledb_information.continuous_aggregates"))
                .containsExactly("ping_stats_hourly");
    }

    @RepeatedTest(2)
    void hypertableAndAggregateStartEmpty(DataSource ds) throws Exception {
        assertThat(Sample.column(ds, "SELECT count(*) FROM ping_results")).containsExactly("0");
        assertThat(Sample.column(ds, "SELECT count(*) FROM ping_stats_hourly")).containsExactly("0");

        Sample.execute(ds, "INSERT INTO ping_results (time, device_id, latency_ms, success) VALUES"
                        + " ('2026-01-01 10:05+00', 1, 12.5, true), ('2026-01-01 10:35+00', 1, 20.0, false),"
                        + " ('2026-01-01 10:10+00', 2, 7.0, true)",
                "CALL refresh_continuous_aggregate('ping_stats_hourly', NULL, NULL)");
        assertThat(Sample.column(ds, "SELECT device_id || ' ' || failures FROM ping_stats_hourly ORDER BY device_id"))
                .containsExactly("1 1", "2 0");
    }
}
