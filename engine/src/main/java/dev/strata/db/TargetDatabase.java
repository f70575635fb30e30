package dev.strata.db;

import dev.strata.config.ToolVersion;
import dev.strata.config.ConnectionSpec;
import dev.strata.config.TargetConfig;
import dev.strata.store.VersionStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One target's database for the length of a command: one connection, opened once and held, so the
 * advisory lock, the version rows and the migration statements share one session.
 */
public final class TargetDatabase implements AutoCloseable {

    /** SQL states that waiting will not cure: wrong password, no such role, not allowed by pg_hba, a pooler in statement mode. */
    private static final Set<String> FINAL_STATES = Set.of("28P01", "28000", "42501", Pooling.STATEMENT_MODE);

    /**
     * One driver for the process: each instance reads the driver's default properties from the class
     * path on its first connection, and a fleet run or a lease opens many.
     */
    private static final org.postgresql.Driver DRIVER = new org.postgresql.Driver();

    private final TargetConfig target;
    private final ConnectionSpec spec;
    private final Connection connection;
    private final int versionNum;
    private final Pooling pooling;
    private ServerInfo server;
    private String defaultSchema;

    private TargetDatabase(TargetConfig target, ConnectionSpec spec, Connection connection, int versionNum, Pooling pooling) {
        this.target = target;
        this.spec = spec;
        this.connection = connection;
        this.versionNum = versionNum;
        this.pooling = pooling;
    }

    /**
     * Connects, retrying with backoff until {@code wait} has passed (containers start before their
     * database). Authentication failures are not retried.
     *
     * @param notices told once that we are waiting, and why
     */
    public static TargetDatabase open(TargetConfig target, Duration wait, Consumer<String> notices) {
        ConnectionSpec spec = ConnectionSpec.of(target);
        long deadline = System.nanoTime() + wait.toNanos();
        long backoffMs = 250;
        boolean told = false;
        while (true) {
            try {
                return connect(target, spec);
            } catch (SQLException e) {
                String state = e.getSQLState() == null ? "" : e.getSQLState();
                // The driver's words may quote what it was given; none of the password's spellings get out.
                String reason = spec.secrets().scrub(describe(e));
                String who = spec.user() != null && !spec.display().contains(spec.user() + "@") && !spec.display().contains("user=" + spec.user())
                        ? " as user " + spec.user() : "";
                if (FINAL_STATES.contains(state) || System.nanoTime() + backoffMs * 1_000_000 > deadline) {
                    throw new DatabaseException(target.name(), "cannot connect to " + spec.display() + who + ": " + reason
                            + (wait.isZero() || FINAL_STATES.contains(state) ? "" : " (gave up after waiting " + wait.toSeconds() + " s)"));
                }
                if (!told) {
                    notices.accept("Waiting for target '" + target.name() + "' (" + spec.display() + "): " + reason);
                    told = true;
                }
                try {
                    Thread.sleep(backoffMs);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new DatabaseException(target.name(), "interrupted while waiting for " + spec.display());
                }
                backoffMs = Math.min(backoffMs * 2, 4000);
            }
        }
    }

    private static TargetDatabase connect(TargetConfig target, ConnectionSpec spec) throws SQLException {
        String app = applicationName();
        java.util.Properties props = credentials(spec, app);
        props.setProperty("connectTimeout", "10");
        Connection connection = driverConnection(spec, props);
        try {
            // What the server is and where it answers, in one round trip.
            int versionNum;
            String searchPath;
            Pooling pooling;
            try (Statement s = connection.createStatement();
                 ResultSet rs = s.executeQuery("SELECT current_setting('server_version_num')::int, host(inet_server_addr()),"
                         + " inet_server_port(), version(), current_setting('search_path')")) {
                rs.next();
                versionNum = rs.getInt(1);
                searchPath = rs.getString(5);
                pooling = Pooling.of(connection, spec, app, rs.getString(2), rs.getInt(3), rs.getString(4));
            }
            if (pooling.perTransaction()) {
                // A statement prepared on one server session is unknown to the next (PgBouncer before
                // 1.21, and later ones without max_prepared_statements): unnamed statements only.
                connection.unwrap(org.postgresql.PGConnection.class).setPrepareThreshold(0);
            }
            TargetDatabase db = new TargetDatabase(target, spec, connection, versionNum, pooling);
            if (!searchPath.equals(db.resetAndRead())) {
                // RESET ALL goes back to the value the backend started with; on PostgreSQL that is
                // what the connection began with, but a proxy or an embedded server (PGlite) may have
                // set the search path after its backend started. Keep what the connection began with.
                db.restoredSearchPath = searchPath;
                db.resetAndRead();
            }
            return db;
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * A connection of its own, outside the pool, for short side tasks (the pooling probe, renewing a
     * lease): server-side prepared statements off, as it may go through a transaction pooler, and
     * {@code timeoutSeconds} to connect and for each answer.
     */
    static Connection plainConnection(ConnectionSpec spec, String applicationName, int timeoutSeconds) throws SQLException {
        java.util.Properties props = credentials(spec, applicationName);
        props.setProperty("connectTimeout", Integer.toString(timeoutSeconds));
        props.setProperty("socketTimeout", Integer.toString(timeoutSeconds));
        props.setProperty("prepareThreshold", "0");
        return driverConnection(spec, props);
    }

    private static java.util.Properties credentials(ConnectionSpec spec, String applicationName) {
        java.util.Properties props = new java.util.Properties();
        if (spec.user() != null) {
            props.setProperty("user", spec.user());
        }
        if (spec.password() != null) {
            props.setProperty("password", spec.password());
        }
        props.setProperty("ApplicationName", applicationName);
        return props;
    }

    /**
     * A connection from the PostgreSQL driver itself. Not through a pool: a command holds one
     * connection per target for its whole life, so a pool has nothing to share, and HikariCP's pool of
     * one cost a second connection on every start (its fail-fast check opens one and, with no idle
     * connections wanted, closes it) and about 30 ms on close (docs/decisions.md, "One connection per
     * target"). Not through DriverManager either, which would look every driver up on the class path.
     */
    private static Connection driverConnection(ConnectionSpec spec, java.util.Properties props) throws SQLException {
        Connection connection = DRIVER.connect(spec.jdbcUrl(), props);
        if (connection == null) {
            throw new SQLException("not a PostgreSQL JDBC URL: " + spec.display(), "08001");
        }
        return connection;
    }

    /** The application_name our sessions carry, so a waiting run can say who holds the lock. */
    static String applicationName() {
        return ApplicationName.VALUE;
    }

    /** Worked out once, on first use. */
    private static final class ApplicationName {
        static final String VALUE = of();

        private static String of() {
            String user = System.getProperty("user.name", "?");
            String name = "strata " + ToolVersion.get() + " " + user + "@" + VersionStore.hostName() + " pid " + ProcessHandle.current().pid();
            return name.length() > 63 ? name.substring(0, 63) : name;
        }
    }

    /**
     * Does, without connecting, the once-a-process work of a first connection: the driver's classes
     * initialised (their static data, the JVM's memory bean the driver asks for, the socket classes)
     * and the application name worked out. A command calls it on a second thread (after reading the
     * configuration there) while the first parses its arguments: class initialisation runs once, on whichever
     * thread asks first, so this only moves work off the thread that waits for it
     * (docs/benchmarks.md, "Start-up: work moved off the main thread"). Never fails: a class it
     * cannot set up is met again by the connection, which reports it.
     */
    public static void warmUp() {
        try {
            applicationName();
            java.lang.management.ManagementFactory.getMemoryMXBean();
            new java.net.Socket().close();
            for (Class<?> c : List.of(org.postgresql.jdbc.PgConnection.class, org.postgresql.core.ServerVersion.class,
                    org.postgresql.jdbc.TimestampUtils.class, org.postgresql.core.NativeQuery.class,
                    org.postgresql.core.v3.QueryExecutorImpl.class, org.postgresql.core.Encoding.class,
                    org.postgresql.PGProperty.class, org.postgresql.util.ByteConverter.class)) {
                Class.forName(c.getName(), true, c.getClassLoader());
            }
        } catch (ReflectiveOperationException | java.io.IOException | RuntimeException | LinkageError ignored) {
            // the connection meets the same problem, if it is one, and reports it
        }
    }

    /**
     * One line about a driver or server error: its message's first line, with what the driver knows of
     * the cause. Callers that know the connection's secrets scrub it ({@link ConnectionSpec#secrets()}).
     */
    public static String describe(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = message.indexOf('\n');
        if (nl >= 0) {
            message = message.substring(0, nl);
        }
        Throwable cause = e.getCause();
        if (cause != null && !(cause instanceof SQLException) && cause.getMessage() != null
                && message.startsWith("The connection attempt failed")) {
            // "The connection attempt failed." says little; its cause names the host that did not resolve.
            message = message.strip() + " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
        }
        if (message.contains("unsupported startup parameter: search_path")) {
            // PgBouncer refuses the search path pgjdbc sends for currentSchema (a set's schema members).
            message = message.strip() + " (a pooler such as PgBouncer refuses a search path at connection time: give the"
                    + " target a migration_url that reaches the server directly)";
        }
        if ("3F000".equals(e.getSQLState())) {
            message = message.strip() + " (the search path names no existing schema: set 'schema' for the target, or fix search_path)";
        }
        return message.strip();
    }

    /** The search path to put back after {@code RESET ALL}, when the connection began with another one. */
    private String restoredSearchPath;

    /**
     * Resets the session ({@link #resetSql()}) and, in the same round trip, reads the search path it
     * leaves and the schema unqualified names then resolve to ({@link #defaultSchema()}).
     *
     * @return the search path after the reset
     */
    private String resetAndRead() throws SQLException {
        try (Statement s = connection.createStatement()) {
            boolean rows = s.execute(resetSql() + "; SELECT current_setting('search_path'), current_schema()");
            while (!rows) {
                rows = s.getMoreResults();
                if (!rows && s.getUpdateCount() == -1) {
                    throw new SQLException("no answer to the session reset's closing query", "08P01");
                }
            }
            try (ResultSet rs = s.getResultSet()) {
                rs.next();
                defaultSchema = rs.getString(2);
                return rs.getString(1);
            }
        }
    }

    /**
     * The statements that put the session back as Strata opened it: {@code RESET ALL} undoes whatever
     * {@code SET} the last revision ran (a search_path, a lock_timeout), so no revision inherits
     * another's settings. The runner sends them between steps, with the recording of each.
     */
    public String resetSql() {
        // RESET ALL leaves the role and session authorization a revision may have set.
        StringBuilder sql = new StringBuilder("RESET SESSION AUTHORIZATION; RESET ROLE; RESET ALL");
        if (restoredSearchPath != null) {
            sql.append("; SET search_path TO ").append(restoredSearchPath);
        }
        if (versionNum >= 140000 && !pooling.perTransaction()) {
            // A killed migrator's session (and its advisory lock) ends within a second instead of
            // lingering until its statement finishes.
            sql.append("; SET client_connection_check_interval = '1s'");
        }
        // One round trip: the driver sends the statements together (the runner resets once per step).
        return sql.toString();
    }

    /**
     * The schema unqualified names resolve to on a fresh session (the first existing schema of the
     * search path), or null: the version tables are qualified with it, so a revision that changes the
     * search path cannot make Strata lose them. Read when connecting.
     */
    public String defaultSchema() {
        return defaultSchema;
    }

    public TargetConfig target() {
        return target;
    }

    public Connection connection() {
        return connection;
    }

    /** What the server is, read on first use (a plan that needs TimescaleDB): connecting does not ask. */
    public ServerInfo server() throws SQLException {
        if (server == null) {
            server = ServerInfo.probe(connection);
        }
        return server;
    }

    /** Whether this connection keeps its server session, or a pooler may change it between transactions. */
    public Pooling pooling() {
        return pooling;
    }

    ConnectionSpec spec() {
        return spec;
    }

    /** The URL as it may be shown. */
    public String display() {
        return spec.display();
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing a broken connection: nothing left to do
        }
    }
}
