package dev.strata.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The sample's postgres target, migrated by the kit into a database given by URL. */
@ExtendWith(LocalPostgres.class)
@StrataDatabase(config = Sample.CONFIG, target = "postgres")
class PostgresSampleIT {

    @Test
    void theDatabaseIsAtTheBranchHead(MigratedDatabase db) throws Exception {
        assertThat(db.target()).isEqualTo("postgres");
        assertThat(db.heads()).isEqualTo(Sample.heads("postgres")).isNotEmpty();
        assertThat(Sample.column(db.dataSource(), "SELECT version_num FROM strata_version")).isEqualTo(db.heads());
        assertThat(Sample.column(db.dataSource(), "SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = 'public' ORDER BY 1"))
                .containsExactly("configurations", "devices", "strata_history", "strata_version", "users");
    }

    @Test
    void itIsTheDatabaseTheUrlNames(MigratedDatabase db) throws Exception {
        String given = System.getProperty("strata.test.url.postgres");
        String name = given.substring(given.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
        assertThat(Sample.value(db.dataSource(), "SELECT current_database()")).isEqualTo(name);
        assertThat(db.jdbcUrl()).doesNotContain("password");
    }

    @Test
    void aDataSourceParameterReachesTheMigratedSchema(DataSource ds) throws Exception {
        Sample.execute(ds,
                "INSERT INTO users (email) VALUES ('ada@example.org')",
                "INSERT INTO devices (owner_id, hostname, name) SELECT id, 'probe-1', 'Probe' FROM users WHERE email = 'ada@example.org'");
        assertThat(Sample.column(ds, "SELECT d.hostname FROM devices d JOIN users u ON u.id = d.owner_id"
                + " WHERE u.email = 'ada@example.org'")).containsExactly("probe-1");
    }
}
