package dev.strata.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * TimescaleDB via Testcontainers: no URL given, the kit starts the timescale target's database from
 * the image for its dialect (in bin/test's container phase STRATA_TEST_TIMESCALE_IMAGE, bin/containers'
 * local image) and migrates it. Tagged "containers", as {@link PostgresContainerIT}.
 */
@Tag("containers")
@StrataDatabase(config = Sample.CONFIG, target = "timescale", reset = Reset.PER_TEST)
class TimescaleContainerIT {

    @Test
    void aContainerIsMigratedToTheBranchHead(MigratedDatabase db) throws Exception {
        assertThat(System.getProperty("strata.test.url.timescale")).isNull();
        assertThat(System.getenv("STRATA_TEST_URL_TIMESCALE")).isNull();
        assertThat(db.heads()).isEqualTo(Sample.heads("timescale")).isNotEmpty();
        assertThat(Sample.column(db.dataSource(), "SELECT hypertable_name FROM timescaledb_information.hypertables"
                + " WHERE hypertable_schema = 'public'")).containsExactly("ping_results");
    }

    @RepeatedTest(2)
    void eachTestStartsFromTheMigratedState(DataSource ds) throws Exception {
        assertThat(Sample.column(ds, "SELECT count(*) FROM ping_results")).containsExactly("0");
        Sample.execute(ds, "INSERT INTO ping_results (time, device_id, latency_ms, success) VALUES (now(), 1, 3.0, true)");
    }
}
