package dev.strata.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * No URL given: the kit starts each target's database with Testcontainers (bin/test's container
 * phase: STRATA_TEST_PG_IMAGE / STRATA_TEST_TIMESCALE_IMAGE name bin/containers' local images, host
 * networking, pulling off) and migrates it. Tagged "containers": it runs only in that phase, where a
 * missing Docker engine or image fails it.
 */
@Tag("containers")
class ContainerIT {

    @Nested
    @StrataDatabase(config = Sample.CONFIG, target = "postgres", reset = Reset.PER_TEST)
    class Postgres {

        @Test
        void aContainerIsMigratedToTheBranchHead(MigratedDatabase db) throws Exception {
            assertThat(System.getProperty("strata.test.url.postgres")).isNull();
            assertThat(db.heads()).isEqualTo(Sample.heads("postgres")).isNotEmpty();
            assertThat(Sample.column(db.dataSource(), "SELECT version_num FROM strata_version")).isEqualTo(db.heads());
        }

        @RepeatedTest(2)
        void eachTestStartsEmpty(DataSource ds) throws Exception {
            assertThat(Sample.value(ds, "INSERT INTO users (email) VALUES ('ada@example.org') RETURNING id")).isEqualTo("1");
        }
    }

    @Nested
    @StrataDatabase(config = Sample.CONFIG, target = "timescale", reset = Reset.PER_TEST)
    class Timescale {

        @Test
        void aContainerIsMigratedToTheBranchHead(MigratedDatabase db) throws Exception {
            assertThat(db.heads()).isEqualTo(Sample.heads("timescale")).isNotEmpty();
            assertThat(Sample.column(db.dataSource(), "SELECT hypertable_name FROM timescaledb_information.hypertables"
                    + " WHERE hypertable_schema = 'public'")).containsExactly("ping_results");
        }

        @RepeatedTest(2)
        void eachTestStartsEmpty(DataSource ds) throws Exception {
            assertThat(Sample.column(ds, "SELECT count(*) FROM ping_results")).containsExactly("0");
            Sample.execute(ds, "INSERT INTO ping_results (time, device_id, latency_ms, success) VALUES (now(), 1, 3.0, true)");
        }
    }
}
