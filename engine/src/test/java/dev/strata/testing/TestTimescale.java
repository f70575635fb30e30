package dev.strata.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A real TimescaleDB database for integration tests, shared by all of them and brought back to a new
 * database's state by {@link #reset()}. The server is, in this order: the one named by
 * STRATA_TEST_TIMESCALE_URL (a JDBC URL with user and password as parameters, of a database the
 * tests may empty); a Testcontainers container of STRATA_TEST_TIMESCALE_IMAGE (default
 * {@code timescale/timescaledb:2.17.2-pg17}) when a Docker engine answers and has that image; else none, and {@link #server()} fails saying so. bin/test starts a local server for the
 * run when there is no Docker engine (bin/tsdb: PGlite with TimescaleDB) and sets the variable.
 *
 * <p>That local server holds one session at a time: a second connection waits until the first is
 * closed, for at most a minute. So every helper here opens its own connection and closes it before
 * returning, and a test that holds a connection from {@link #connect()} must close it before it
 * calls a helper or the code under test opens another. The database is shared, so tests using it
 * must never run at the same time: they don't, because the poms configure neither JUnit's parallel
 * execution nor more than surefire/failsafe's one forked JVM per module, and Maven builds the
 * modules one after another (a run with {@code -T} could overlap the engine's and the CLI's
 * integration tests; don't).
 */
public final class TestTimescale {

    private static TestTimescale server;

    private static TestTimescale scratch;

    private final String jdbcUrl;

    private TestTimescale(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    /** The shared server; found, or started in a container, on first use. */
    public static synchronized TestTimescale server() {
        if (server == null) {
            server = new TestTimescale(locate());
        }
        return server;
    }

    /**
     * A second TimescaleDB server, for tests that need two databases at once (autogenerate's desired
     * side): STRATA_TEST_SCRATCH_URL, which bin/test sets; without it this fails saying so.
     */
    public static synchronized TestTimescale scratch() {
        if (scratch == null) {
            String env = System.getenv("STRATA_TEST_SCRATCH_URL");
            if (env == null || env.isBlank()) {
                throw new IllegalStateException("no second TimescaleDB server: run bin/test, or set STRATA_TEST_SCRATCH_URL");
            }
            scratch = new TestTimescale(env);
        }
        return scratch;
    }

    /** The JDBC URL of the test database, with user and password as parameters. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** A new connection; close it before using another helper (see the class comment). */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl);
    }

    /** Runs each statement in its own execute, on one connection that is closed afterwards. */
    public void execute(String... sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The first column of a query's rows, as strings. */
    public List<String> column(String sql) {
        List<String> out = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return out;
    }

    /**
     * Leaves the database as a new one: no timescaledb (nor any other extension but plpgsql), no
     * schema but the system ones and an empty {@code public} with PostgreSQL's default owner, grants
     * and comment.
     */
    public void reset() {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            // A session left in an aborted transaction refuses everything else (the local server keeps
            // one backend for every client; it rolls back between clients too). Outside a transaction
            // this is only a warning.
            s.execute("ROLLBACK");
            // Jobs go with the extension, but a job the scheduler is running would hold locks that
            // DROP EXTENSION then waits for; ids below 1000 are TimescaleDB's own.
            if (exists(s, "SELECT 1 FROM pg_extension WHERE extname = 'timescaledb'")) {
                for (String job : strings(s, "SELECT job_id FROM timescaledb_information.jobs WHERE job_id >= 1000")) {
                    s.execute("SELECT delete_job(" + Integer.parseInt(job) + ")");
                }
                s.execute("DROP EXTENSION timescaledb CASCADE");
            }
            for (String ext : strings(s, "SELECT extname FROM pg_extension WHERE extname <> 'plpgsql'")) {
                s.execute("DROP EXTENSION " + quote(ext) + " CASCADE");
            }
            for (String schema : strings(s, "SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%'"
                    + " AND nspname NOT IN ('information_schema', 'public')")) {
                s.execute("DROP SCHEMA " + quote(schema) + " CASCADE");
            }
            // As initdb makes it since PostgreSQL 15.
            s.execute("DROP SCHEMA IF EXISTS public CASCADE");
            s.execute("CREATE SCHEMA public AUTHORIZATION pg_database_owner");
            s.execute("GRANT USAGE ON SCHEMA public TO PUBLIC");
            s.execute("COMMENT ON SCHEMA public IS 'standard public schema'");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reset the TimescaleDB test database: " + e.getMessage(), e);
        }
    }

    private static boolean exists(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            return rs.next();
        }
    }

    private static List<String> strings(Statement s, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static String locate() {
        String env = System.getenv("STRATA_TEST_TIMESCALE_URL");
        if (env != null && !env.isBlank()) {
            return env;
        }
        if (LocalImages.usable(image())) {
            return TestContainers.start(image()) + "?user=" + TestContainers.USER + "&password=" + TestContainers.PASSWORD
                    + "&sslmode=disable&prepareThreshold=0";
        }
        throw new IllegalStateException("no TimescaleDB server: run bin/test, or set STRATA_TEST_TIMESCALE_URL");
    }

    /** The image for the container: STRATA_TEST_TIMESCALE_IMAGE, else the official one. */
    static String image() {
        String env = System.getenv("STRATA_TEST_TIMESCALE_IMAGE");
        return env == null || env.isBlank() ? "timescale/timescaledb:2.17.2-pg17" : env;
    }
}
