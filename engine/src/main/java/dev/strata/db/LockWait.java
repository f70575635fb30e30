package dev.strata.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads of Strata's own tables that never hang in silence. Another session may hold a lock that blocks
 * even a plain SELECT (an {@code ALTER TABLE} or {@code LOCK TABLE} on the version table in an open
 * transaction); {@code check} run as a health probe must then say what it waits for within a second or
 * two, and give up after the lock timeout with one line, instead of hanging until the probe is killed.
 * The read runs in a transaction with a short {@code lock_timeout} and is retried until the deadline.
 */
public final class LockWait {

    /** How long one attempt waits for a lock before saying so. */
    private static final String ATTEMPT = "1s";

    /** A read on the run's connection. */
    public interface Read<T> {
        T run() throws SQLException;
    }

    private LockWait() {}

    /**
     * Runs {@code read}, retrying while a lock on {@code tables} blocks it, up to {@code timeout}.
     *
     * @param tables  the qualified tables the read uses, for the message and for finding who holds them
     * @param notices told once that the read waits, and for whom
     * @throws DatabaseException when the timeout passes first
     */
    public static <T> T read(TargetDatabase db, List<String> tables, Duration timeout, Consumer<String> notices, Read<T> read)
            throws SQLException {
        Connection c = db.connection();
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean told = false;
        while (true) {
            // SET LOCAL in a transaction of its own: the setting ends with it, and never stays behind on
            // a server session that a pooler then hands to another client.
            c.setAutoCommit(false);
            try {
                execute(c, "SET LOCAL lock_timeout = '" + ATTEMPT + "'");
                T value = read.run();
                c.commit();
                return value;
            } catch (SQLException e) {
                rollback(c);
                if (!"55P03".equals(e.getSQLState())) {
                    throw e;
                }
                String holders = holders(c, tables);
                String what = String.join(" and ", tables);
                if (System.nanoTime() > deadline) {
                    throw new DatabaseException(db.target().name(), "timed out after " + timeout.toSeconds()
                            + " s waiting for a lock on " + what + ", held by " + holders
                            + "; raise --lock-timeout, or end that session if it is stuck");
                }
                if (!told) {
                    notices.accept("Waiting for a lock on " + what + ", held by " + holders);
                    told = true;
                }
            } catch (RuntimeException e) {
                rollback(c);
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is gone: the server rolls back on its own
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The sessions holding locks on {@code tables}: pid, application, user, lock mode, since when. */
    private static String holders(Connection c, List<String> tables) throws SQLException {
        String sql = "SELECT DISTINCT a.pid, a.application_name, a.usename, l.mode, a.state,"
                + " to_char(coalesce(a.xact_start, a.backend_start), 'YYYY-MM-DD HH24:MI:SS TZ')"
                + " FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                + " WHERE l.granted AND l.locktype = 'relation' AND l.pid <> pg_backend_pid()"
                + " AND l.relation = ANY (SELECT to_regclass(t)::oid FROM unnest(?::text[]) t)"
                + " AND l.mode IN ('AccessExclusiveLock', 'ExclusiveLock') ORDER BY a.pid";
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", tables.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String app = rs.getString(2);
                    out.add("pid " + rs.getInt(1) + " (" + (app == null || app.isEmpty() ? "no application_name" : app) + ", user "
                            + rs.getString(3) + ", " + rs.getString(4) + ", " + rs.getString(5) + " since " + rs.getString(6) + ")");
                }
            }
        }
        return out.isEmpty() ? "a session that has just released it" : String.join("; ", out);
    }
}
