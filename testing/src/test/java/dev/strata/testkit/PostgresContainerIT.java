package dev.strata.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * No URL given: the kit starts the postgres target's database with Testcontainers (in bin/test's
 * container phase from bin/containers' local image, STRATA_TEST_PG_IMAGE, host networking, pulling
 * off) and migrates it. Tagged "containers": it runs only in that phase, where a missing Docker
 * engine or image fails it.
 */
@Tag("containers")
@StrataDatabase(config = Sample.CONFIG, target = "postgres", reset = Reset.PER_TEST)
class PostgresContainerIT {

    @Test
    void aContainerIsMigratedToTheBranchHead(MigratedDatabase db) throws Exception {
        assertThat(System.getProperty("strata.test.url.postgres")).isNull();
        assertThat(System.getenv("STRATA_TEST_URL_POSTGRES")).isNull();
        assertThat(db.heads()).isEqualTo(Sample.heads("postgres")).isNotEmpty();
        assertThat(Sample.column(db.dataSource(), "SELECT version_num FROM strata_version")).isEqualTo(db.heads());
        assertThat(db.jdbcUrl()).startsWith("jdbc:postgresql://").endsWith("/postgres?sslmode=disable&prepareThreshold=0");
    }

    @RepeatedTest(2)
    void eachTestStartsFromTheMigratedState(DataSource ds) throws Exception {
        assertThat(Sample.value(ds, "INSERT INTO users (email) VALUES ('ada@example.org') RETURNING id")).isEqualTo("1");
    }
}
