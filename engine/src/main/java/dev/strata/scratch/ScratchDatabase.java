package dev.strata.scratch;

import dev.strata.config.ConnectionSpec;
import dev.strata.db.DatabaseException;
import dev.strata.db.TargetDatabase;
import dev.strata.error.BadInputException;
import dev.strata.source.ScriptException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

/**
 * A database autogenerate may fill with the desired schema: the target's {@code scratch_url}, emptied
 * first, or a new database {@code strata_scratch_<random>} on the target's own server, dropped on
 * {@link #close()} and, should the process be stopped (Ctrl-C, SIGTERM), by a shutdown hook. Before
 * anything is replayed the connection is checked to be on that database and to hold no table, so a
 * server that serves one database whatever name is asked for (PGlite) is refused, never written to.
 */
public final class ScratchDatabase implements AutoCloseable {

    /** The prefix of temporary databases; a leftover one may be dropped by hand. */
    public static final String PREFIX = "strata_scratch_";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SET_SCRATCH_URL = "set scratch_url for target '%s' to a database Strata may empty"
            + " (e.g. a second bin/tsdb; see docs/guides/autogenerate.md#the-scratch-database)";

    private final String target;
    private final ConnectionSpec spec;
    private final ConnectionSpec server;
    private final String temporary;
    private Connection connection;
    private final Thread hook;
    private boolean closed;
    private boolean replayed;
    private boolean reused;

    private ScratchDatabase(String target, ConnectionSpec spec, ConnectionSpec server, String temporary, Connection connection) {
        this.target = target;
        this.spec = spec;
        this.server = server;
        this.temporary = temporary;
        this.connection = connection;
        this.hook = temporary == null ? null : new Thread(this::close, "strata-scratch-drop");
        if (hook != null) {
            Runtime.getRuntime().addShutdownHook(hook);
        }
    }

    /**
     * Opens the scratch database of a target.
     *
     * @param target  the target's name, for messages
     * @param scratch the target's {@code scratch_url}, or null for a temporary database
     * @param live    how the target itself is reached (the temporary database goes on its server)
     * @throws DatabaseException (exit 3) when the scratch server cannot be reached or refuses to create
     *                           the temporary database
     * @throws BadInputException (exit 2) when the scratch database is the target's own, or a temporary
     *                           database turns out not to be new and empty
     */
    public static ScratchDatabase open(String target, ConnectionSpec scratch, ConnectionSpec live) {
        return open(target, scratch, live, null);
    }

    /**
     * Opens the scratch database of a target to hold {@code reuse}: a {@code scratch_url} database that
     * already holds exactly that desired schema, replayed by an earlier run on the same server version
     * and left untouched since, is kept as it is (see {@link #replay}); else it is emptied as usual.
     */
    public static ScratchDatabase open(String target, ConnectionSpec scratch, ConnectionSpec live, DesiredSchema reuse) {
        if (scratch != null) {
            if (scratch.jdbcUrl().equals(live.jdbcUrl())) {
                throw new BadInputException("target '" + target + "': scratch_url names the target's own database ("
                        + scratch.display() + "); the scratch database is emptied, so it must be another one");
            }
            String liveIdentity = identity(target, live, null);
            Connection c = connect(target, scratch, "the scratch database");
            try {
                if (identity(target, scratch, c).equals(liveIdentity)) {
                    throw new BadInputException("target '" + target + "': scratch_url (" + scratch.display() + ") reaches the target's"
                            + " own database (same database on the same server: a server that serves one database whatever the name,"
                            + " such as PGlite, or another name for the same host); the scratch database is emptied, so it must be another one");
                }
                String marker = marker(c);
                if (reuse != null && marker != null && marker.equals(stamp(c, reuse.fingerprint()))) {
                    ScratchDatabase kept = new ScratchDatabase(target, scratch, null, null, c);
                    kept.replayed = true;
                    kept.reused = true;
                    return kept;
                }
                if (marker != null) {
                    mark(c, null);
                }
                empty(c);
            } catch (RuntimeException e) {
                closeQuietly(c);
                throw e;
            } catch (SQLException e) {
                closeQuietly(c);
                throw new DatabaseException(target, "cannot empty the scratch database " + scratch.display() + ": "
                        + scratch.secrets().scrub(TargetDatabase.describe(e)));
            }
            return new ScratchDatabase(target, scratch, null, null, c);
        }
        String name = PREFIX + HexFormat.of().toHexDigits(RANDOM.nextLong()).substring(0, 12);
        Connection admin = connect(target, live, "the target's server");
        try (Statement s = admin.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            String why = live.secrets().scrub(TargetDatabase.describe(e));
            throw new DatabaseException(target, "cannot create a temporary scratch database on " + live.display() + " ("
                    + why + "); " + String.format(SET_SCRATCH_URL, target));
        } finally {
            closeQuietly(admin);
        }
        ConnectionSpec spec = live.withDatabase(name);
        Connection c;
        try {
            c = connect(target, spec, "the temporary scratch database");
        } catch (RuntimeException e) {
            drop(live, name);
            throw e;
        }
        ScratchDatabase db = new ScratchDatabase(target, spec, live, name, c);
        try {
            db.requireNewAndEmpty();
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    /**
     * What tells one database from another whatever URL reached it: its name, its server's start time and
     * port. Read on {@code open} when given, else on a session of its own.
     */
    private static String identity(String target, ConnectionSpec spec, Connection open) {
        Connection c = open == null ? connect(target, spec, "the target") : open;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_database() || ' ' || pg_postmaster_start_time()::text || ' '"
                     + " || coalesce(inet_server_port()::text, '')")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new DatabaseException(target, "cannot read " + spec.display() + ": " + spec.secrets().scrub(TargetDatabase.describe(e)));
        } finally {
            if (open == null) {
                closeQuietly(c);
            }
        }
    }

    /** Relations dropped per statement (each statement its own transaction) while emptying. */
    private static final int DROP_BATCH = 50;

    /**
     * Drops the user's tables, views and materialized views a few dozen at a time, each batch in its own
     * transaction: one transaction dropping a thousand tables with their indexes and TOAST tables takes
     * more locks than the server's lock table holds ("out of shared memory"). What is left for the
     * single {@code DO} block of {@link #empty} is then small. Continuous aggregates are gone by then;
     * with TimescaleDB installed, views are left to that block.
     */
    private static void dropRelationsInBatches(Connection c) throws SQLException {
        // TimescaleDB drops a hypertable only on its own ("cannot drop a hypertable along with other objects").
        java.util.Set<String> hypertables = new java.util.HashSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT to_regclass('_timescaledb_catalog.hypertable') IS NOT NULL")) {
            rs.next();
            if (rs.getBoolean(1)) {
                try (ResultSet h = s.executeQuery("SELECT format('%I.%I', schema_name, table_name) FROM _timescaledb_catalog.hypertable")) {
                    while (h.next()) {
                        hypertables.add(h.getString(1));
                    }
                }
            }
        }
        List<String> drops = new ArrayList<>();
        List<String> batch = new ArrayList<>();
        String batchKind = null;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END,
                       format('%I.%I', n.nspname, c.relname)
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind IN ('r', 'p', 'v', 'm') AND c.relispartition = false
                  AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast', 'timescaledb_information',
                                        'timescaledb_experimental', 'toolkit_experimental')
                  AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname NOT LIKE '\\_timescaledb%'
                  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                                  AND d.deptype = 'e')
                  AND (to_regclass('_timescaledb_catalog.continuous_agg') IS NULL OR c.relkind <> 'v')
                ORDER BY c.relkind DESC, 2""")) {
            while (rs.next()) {
                String kind = rs.getString(1);
                String name = rs.getString(2);
                if (hypertables.contains(name)) {
                    drops.add("DROP TABLE IF EXISTS " + name + " CASCADE");
                    continue;
                }
                if (!kind.equals(batchKind) || batch.size() == DROP_BATCH) {
                    addDrop(drops, batchKind, batch);
                    batchKind = kind;
                }
                batch.add(name);
            }
            addDrop(drops, batchKind, batch);
        }
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            for (String drop : drops) {
                s.execute(drop);
            }
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /** Adds one {@code DROP kind IF EXISTS names CASCADE} for the names gathered so far, and starts a new batch. */
    private static void addDrop(List<String> drops, String kind, List<String> names) {
        if (!names.isEmpty()) {
            drops.add("DROP " + kind + " IF EXISTS " + String.join(", ", names) + " CASCADE");
            names.clear();
        }
    }

    /** Whether {@link #replay} found the desired schema already in place and replayed nothing. */
    public boolean reused() {
        return reused;
    }

    private static final String MARK = "strata desired schema ";

    /** What marks a scratch database as holding one desired schema replayed on this server version. */
    private static String stamp(Connection c, String fingerprint) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT version() || ' ' || coalesce((SELECT"
                + " string_agg(extname || '=' || extversion, ',' ORDER BY extname) FROM pg_extension), '')")) {
            rs.next();
            return MARK + fingerprint + " on " + rs.getString(1);
        }
    }

    /** The database's mark (its comment), or null. */
    private static String marker(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = current_database()")) {
            String comment = rs.next() ? rs.getString(1) : null;
            return comment != null && comment.startsWith(MARK) ? comment : null;
        }
    }

    /** Sets the mark, or clears it (null) before the database is changed, so a failed replay leaves none. */
    private static void mark(Connection c, String stamp) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DO $strata$ BEGIN EXECUTE format('COMMENT ON DATABASE %I IS %L', current_database(), "
                    + (stamp == null ? "NULL" : "'" + stamp.replace("'", "''") + "'") + "); END $strata$");
        }
    }

    /** Refuses unless the session is on the database just created and it holds no table. */
    private void requireNewAndEmpty() {
        try (Statement s = connection().createStatement();
             ResultSet rs = s.executeQuery("SELECT current_database(), (SELECT count(*) FROM pg_class c JOIN pg_namespace n"
                     + " ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'v', 'm') AND n.nspname NOT IN"
                     + " ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname NOT LIKE '\\_timescaledb%'"
                     + " AND n.nspname NOT LIKE 'timescaledb\\_%')")) {
            rs.next();
            String current = rs.getString(1);
            long tables = rs.getLong(2);
            if (!temporary.equals(current) || tables > 0) {
                throw new BadInputException("target '" + target + "': the server answered a connection to the new database "
                        + temporary + " with database '" + current + "'" + (tables > 0 ? " holding " + tables + " tables" : "")
                        + " (a server that serves one database, such as PGlite); nothing was replayed; "
                        + String.format(SET_SCRATCH_URL, target));
            }
        } catch (SQLException e) {
            throw new DatabaseException(target, "cannot read the temporary scratch database: "
                    + spec.secrets().scrub(TargetDatabase.describe(e)));
        }
    }

    /**
     * Drops what a previous run left: continuous aggregates, every user schema, every extension but plpgsql
     * and timescaledb (a TimescaleDB server cannot load the extension twice in one process: PGlite would
     * refuse the desired schema's CREATE EXTENSION), and public's contents.
     */
    private static void empty(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("""
                    DO $strata$
                    DECLARE r record;
                    BEGIN
                      IF to_regclass('timescaledb_information.continuous_aggregates') IS NOT NULL THEN
                        FOR r IN EXECUTE 'SELECT view_schema, view_name FROM timescaledb_information.continuous_aggregates' LOOP
                          EXECUTE format('DROP MATERIALIZED VIEW IF EXISTS %I.%I CASCADE', r.view_schema, r.view_name);
                        END LOOP;
                      END IF;
                    END
                    $strata$""");
        }
        dropRelationsInBatches(c);
        try (Statement s = c.createStatement()) {
            s.execute("""
                    DO $strata$
                    DECLARE r record;
                    BEGIN
                      FOR r IN SELECT extname FROM pg_extension WHERE extname NOT IN ('plpgsql', 'timescaledb') LOOP
                        EXECUTE format('DROP EXTENSION IF EXISTS %I CASCADE', r.extname);
                      END LOOP;
                      FOR r IN SELECT nspname FROM pg_namespace WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'public')
                          AND nspname NOT LIKE 'pg\\_%' AND nspname NOT LIKE '\\_timescaledb%' AND nspname NOT LIKE 'timescaledb\\_%'
                          AND nspname NOT IN ('toolkit_experimental') LOOP
                        EXECUTE format('DROP SCHEMA %I CASCADE', r.nspname);
                      END LOOP;
                      FOR r IN SELECT typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                          WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd', 'c') AND NOT EXISTS
                          (SELECT 1 FROM pg_class k WHERE k.reltype = t.oid) LOOP
                        EXECUTE format('DROP TYPE IF EXISTS public.%I CASCADE', r.typname);
                      END LOOP;
                      FOR r IN SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                          WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
                          ORDER BY c.relkind = 'S' LOOP
                        EXECUTE format(CASE r.relkind WHEN 'v' THEN 'DROP VIEW IF EXISTS public.%I CASCADE'
                          WHEN 'm' THEN 'DROP MATERIALIZED VIEW IF EXISTS public.%I CASCADE'
                          WHEN 'S' THEN 'DROP SEQUENCE IF EXISTS public.%I CASCADE'
                          WHEN 'f' THEN 'DROP FOREIGN TABLE IF EXISTS public.%I CASCADE'
                          ELSE 'DROP TABLE IF EXISTS public.%I CASCADE' END, r.relname);
                      END LOOP;
                      FOR r IN SELECT p.oid::regprocedure AS f, p.prokind FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                          WHERE n.nspname = 'public' AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e') LOOP
                        EXECUTE format(CASE r.prokind WHEN 'p' THEN 'DROP PROCEDURE IF EXISTS %s CASCADE'
                          WHEN 'a' THEN 'DROP AGGREGATE IF EXISTS %s CASCADE' ELSE 'DROP FUNCTION IF EXISTS %s CASCADE' END, r.f);
                      END LOOP;
                      COMMENT ON SCHEMA public IS NULL;
                    END
                    $strata$""");
        }
    }

    /**
     * Runs the desired schema's statements one by one, each on its own (autocommit), as psql would, with
     * {@code synchronous_commit} off.
     *
     * @throws ScriptException (exit 2) naming the file and line of the statement the server refused
     */
    public void replay(DesiredSchema desired) {
        if (replayed) {
            return;
        }
        try (Statement s = connection().createStatement()) {
            // A scratch database is thrown away: no statement of the replay need wait for its commit to reach disk.
            s.execute("SET synchronous_commit = off");
        } catch (SQLException e) {
            throw new DatabaseException(target, "cannot use the scratch database " + spec.display() + ": "
                    + spec.secrets().scrub(TargetDatabase.describe(e)));
        }
        for (DesiredSchema.Located l : desired.statements()) {
            try (Statement s = connection().createStatement()) {
                s.execute(l.statement().sql());
            } catch (SQLException e) {
                if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                    throw new DatabaseException(target, "lost the scratch database " + spec.display() + ": "
                            + spec.secrets().scrub(TargetDatabase.describe(e)));
                }
                throw new ScriptException(l.file(), l.statement().line(), "the desired schema fails: "
                        + spec.secrets().scrub(TargetDatabase.describe(e)), e);
            }
        }
        replayed = true;
        if (temporary == null) {
            try {
                mark(connection(), stamp(connection(), desired.fingerprint()));
            } catch (SQLException e) {
                // No mark, no reuse: the next run replays again.
            }
        }
    }

    /** The session on the scratch database, opened again if {@link #release()} closed it. */
    public synchronized Connection connection() {
        if (connection == null) {
            connection = connect(target, spec, "the scratch database");
        }
        return connection;
    }

    /**
     * Closes the session for now, so another may use the server: bin/tsdb (PGlite) serves one session
     * at a time, and the runner opens its own to replay revisions.
     */
    public synchronized void release() {
        if (connection != null) {
            closeQuietly(connection);
            connection = null;
        }
    }

    /** How the scratch database is reached (for replaying revisions into it with the runner). */
    public ConnectionSpec spec() {
        return spec;
    }

    /** The temporary database's name, or null when the scratch database is the target's {@code scratch_url}. */
    public String temporary() {
        return temporary;
    }

    /** Closes the connection and drops the temporary database, if there is one; safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        release();
        if (temporary != null) {
            drop(server, temporary);
            if (Thread.currentThread() != hook) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // the JVM is shutting down: the hook runs this same close, which is done
                }
            }
        }
    }

    private static void drop(ConnectionSpec server, String name) {
        try (Connection c = connect(server); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            // Best effort: the name starts with strata_scratch_, so a leftover is recognisable.
        }
    }

    private static Connection connect(String target, ConnectionSpec spec, String what) {
        try {
            return connect(spec);
        } catch (SQLException e) {
            throw new DatabaseException(target, "cannot connect to " + what + " " + spec.display() + ": "
                    + spec.secrets().scrub(TargetDatabase.describe(e)));
        }
    }

    private static Connection connect(ConnectionSpec spec) throws SQLException {
        Properties p = new Properties();
        if (spec.user() != null) {
            p.setProperty("user", spec.user());
        }
        if (spec.password() != null) {
            p.setProperty("password", spec.password());
        }
        p.setProperty("ApplicationName", "strata scratch");
        p.setProperty("connectTimeout", "10");
        return DriverManager.getConnection(spec.jdbcUrl(), p);
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing a broken connection: nothing left to do
        }
    }
}
