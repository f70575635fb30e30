package dev.strata.db;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The session-level advisory lock that makes concurrent runs on one version table take turns. Taken on
 * the run's own connection (never inside a transaction, so non-transactional steps can run while it is
 * held), polled with {@code pg_try_advisory_lock} until a deadline, released in {@code finally}. Taken
 * only where the connection keeps its server session (see {@link Pooling}); while a run through a
 * transaction pooler holds the {@link Lease}, it is let go again and waited for.
 */
public final class AdvisoryLock implements MigrationLock {

    private static final long POLL_MS = 200;

    private final Connection connection;
    private final long key;
    private final String target;

    private AdvisoryLock(Connection connection, long key, String target) {
        this.connection = connection;
        this.key = key;
        this.target = target;
    }

    /** The lock key of a version table: the first 8 bytes of SHA-256 over its qualified name. */
    public static long keyOf(String qualifiedVersionTable) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest(("strata:" + qualifiedVersionTable).getBytes(StandardCharsets.UTF_8));
            long k = 0;
            for (int i = 0; i < 8; i++) {
                k = (k << 8) | (d[i] & 0xff);
            }
            return k;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Takes the lock, waiting up to {@code timeout}; says once who holds it.
     *
     * @throws DatabaseException when the timeout passes first
     */
    static AdvisoryLock acquire(TargetDatabase db, LockNames names, Duration timeout, Consumer<String> notices) {
        String qualifiedVersionTable = names.versionTable();
        long key = keyOf(qualifiedVersionTable);
        Connection c = db.connection();
        long deadline = System.nanoTime() + timeout.toNanos();
        String holder = null;
        boolean told = false;
        try (PreparedStatement tryLock = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            tryLock.setLong(1, key);
            while (true) {
                try (ResultSet rs = tryLock.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        AdvisoryLock lock = new AdvisoryLock(c, key, db.target().name());
                        String leased = Lease.holderOrNull(c, names);
                        if (leased == null) {
                            return lock;
                        }
                        lock.close(); // a run through a transaction pooler holds the lease: let it finish
                        holder = holder == null ? leased + " (a lease: a run through a pooler)" : holder;
                    }
                }
                if (holder == null) {
                    holder = holder(c, key);
                }
                if (!told) {
                    notices.accept("Waiting for the migration lock on " + qualifiedVersionTable + ", held by " + holder);
                    told = true;
                }
                if (System.nanoTime() > deadline) {
                    String now = holderOrNull(c, key);
                    String leased = Lease.holderOrNull(c, names);
                    now = now != null ? now : leased != null ? leased + " (a lease: a run through a pooler)" : "a session that has just released it";
                    throw new DatabaseException(db.target().name(), "timed out after " + timeout.toSeconds()
                            + " s waiting for the migration lock on " + qualifiedVersionTable + ", held by " + now
                            + "; raise --lock-timeout, or end that session if it is stuck");
                }
                Thread.sleep(POLL_MS);
            }
        } catch (SQLException e) {
            throw new DatabaseException(db.target().name(), "cannot take the migration lock: " + TargetDatabase.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseException(db.target().name(), "interrupted while waiting for the migration lock");
        }
    }

    @Override
    public boolean fences() {
        return false;
    }

    /** The session lock needs no fence: no other session can hold it while this one lives. */
    @Override
    public void fence(Connection connection) {
        // nothing to check
    }

    /** Whether a session holds the lock of this version table now (a run is going on). */
    public static boolean isHeld(TargetDatabase db, String qualifiedVersionTable) throws SQLException {
        long key = keyOf(qualifiedVersionTable);
        String sql = "SELECT EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted"
                + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                + " AND l.classid = ((?::bigint >> 32) & 4294967295)::oid"
                + " AND l.objid = (?::bigint & 4294967295)::oid AND l.objsubid = 1)";
        try (PreparedStatement ps = db.connection().prepareStatement(sql)) {
            ps.setLong(1, key);
            ps.setLong(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static String holder(Connection c, long key) throws SQLException {
        String h = holderOrNull(c, key);
        return h == null ? "a session that has just released it" : h;
    }

    /** Who holds the lock, or null: pid, application_name and since when, from pg_locks and pg_stat_activity. */
    static String holderOrNull(Connection c, long key) throws SQLException {
        String sql = "SELECT a.pid, a.application_name, a.usename, to_char(a.backend_start, 'YYYY-MM-DD HH24:MI:SS TZ'), a.state"
                + " FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                + " WHERE l.locktype = 'advisory' AND l.granted"
                + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())" // advisory locks are per database
                + " AND l.classid = ((?::bigint >> 32) & 4294967295)::oid"
                + " AND l.objid = (?::bigint & 4294967295)::oid AND l.objsubid = 1 LIMIT 1";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, key);
            ps.setLong(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                String app = rs.getString(2);
                return "pid " + rs.getInt(1) + " (" + (app == null || app.isEmpty() ? "no application_name" : app)
                        + ", user " + rs.getString(3) + ", connected since " + rs.getString(4) + ", " + rs.getString(5) + ")";
            }
        }
    }

    /** Releases the lock; a failure here must not hide the error that may be on its way out. */
    @Override
    public void close() {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            ps.setLong(1, key);
            ps.execute();
        } catch (SQLException e) {
            // The session ends with the command, which releases a session lock anyway.
            System.getLogger("strata").log(System.Logger.Level.DEBUG, "unlock failed on target " + target, e);
        }
    }
}
