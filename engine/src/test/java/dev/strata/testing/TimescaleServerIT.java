package dev.strata.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The TimescaleDB test server is there, is TimescaleDB 2.x, and {@link TestTimescale#reset()} empties it. */
class TimescaleServerIT {

    private static TestTimescale tsdb;

    @BeforeAll
    static void server() {
        tsdb = TestTimescale.server();
        tsdb.reset();
    }

    @AfterAll
    static void leaveItNew() {
        tsdb.reset();
    }

    @Test
    void answersAndIsPostgres17OrLater() {
        assertThat(tsdb.column("SELECT current_setting('server_version_num')::int >= 170000")).containsExactly("t");
    }

    @Test
    void createsTheExtensionAndAHypertableThenResetLeavesANewDatabase() {
        tsdb.execute("CREATE EXTENSION IF NOT EXISTS timescaledb");
        assertThat(tsdb.column("SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'"))
                .singleElement().asString().startsWith("2.");

        tsdb.execute(
                "CREATE TABLE metrics (time timestamptz NOT NULL, device bigint NOT NULL, value double precision)",
                "SELECT create_hypertable('metrics', by_range('time', INTERVAL '1 day'))",
                "INSERT INTO metrics VALUES (now(), 1, 0.5)",
                "CREATE SCHEMA reports",
                "CREATE VIEW reports.latest AS SELECT max(time) FROM metrics");
        assertThat(tsdb.column("SELECT hypertable_name FROM timescaledb_information.hypertables")).containsExactly("metrics");

        tsdb.reset();

        assertThat(tsdb.column("SELECT extname FROM pg_extension")).containsExactly("plpgsql");
        assertThat(tsdb.column("SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace")).containsExactly("0");
        assertThat(tsdb.column("SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' ORDER BY 1"))
                .containsExactly("information_schema", "public");
        assertThat(tsdb.column("SELECT nspowner::regrole::text || ' ' || nspacl::text FROM pg_namespace WHERE nspname = 'public'"))
                .containsExactly("pg_database_owner {pg_database_owner=UC/pg_database_owner,=U/pg_database_owner}");
        // The extension can come back after the reset, as a migration from scratch would create it.
        tsdb.execute("CREATE EXTENSION timescaledb");
        assertThat(tsdb.column("SELECT count(*) FROM timescaledb_information.hypertables")).containsExactly("0");
    }

    @Test
    void resetRecoversASessionLeftInAnAbortedTransaction() throws Exception {
        Connection c = tsdb.connect();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE half_done (id int)");
            s.execute("SELECT 1 / 0");
        } catch (java.sql.SQLException expected) {
            // the transaction is now aborted; leave it that way, as a killed client would
        }
        // Closing without a rollback: pgjdbc only sends Terminate, so the local server's single
        // backend still has the aborted transaction when the next client arrives.
        c.close();

        tsdb.reset();

        assertThat(tsdb.column("SELECT to_regclass('public.half_done') IS NULL")).containsExactly("t");
    }
}
