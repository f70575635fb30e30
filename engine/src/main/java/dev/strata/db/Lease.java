package dev.strata.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The migration lock where server sessions are shared between transactions (a pooler in transaction
 * mode): a row in the lease table naming its holder, with an expiry the holder renews. Every read and
 * write of the row is a transaction of its own and every time is the server's clock, so it does not
 * matter which server session runs it, nor how the clients' clocks differ.
 *
 * <ul>
 *   <li>Taken with one statement that inserts the row, or takes over a row whose lease has expired
 *       (its holder was killed or lost its connection; the takeover is said, naming the old holder).</li>
 *   <li>Renewed every third of its length by a thread on a connection of its own, so a statement that
 *       runs for hours keeps it.</li>
 *   <li>Fenced: the transaction that records a step renews the row on the condition that it is still
 *       this run's and unexpired, and rolls back otherwise; a step that may commit part-way checks the
 *       same before it starts. A run that lost its lease records nothing more, so the version and
 *       history tables never show two holders' work interleaved.</li>
 *   <li>Released by deleting the row. After kill -9 the row stays, with its holder and expiry, until a
 *       run takes it over; a step the killed run had started outside a transaction stays recorded as
 *       started, which the next run reports as interrupted.</li>
 * </ul>
 */
public final class Lease implements MigrationLock {

    /** How long a lease lasts without renewal; a killed holder's lease is taken over after at most this. */
    public static final Duration LENGTH = Duration.ofSeconds(30);

    private static final long POLL_MS = 250;

    private final TargetDatabase db;
    private final LockNames names;
    private final String token;
    private final Renewer renewer;

    private Lease(TargetDatabase db, LockNames names, String token) {
        this.db = db;
        this.names = names;
        this.token = token;
        this.renewer = new Renewer();
    }

    /**
     * Takes the lease, waiting up to {@code timeout} while another run holds it (or a direct run holds
     * the advisory lock).
     *
     * @throws DatabaseException when the timeout passes first
     */
    static Lease acquire(TargetDatabase db, LockNames names, Duration timeout, Consumer<String> notices) {
        Connection c = db.connection();
        String target = db.target().name();
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean told = false;
        try {
            ensureTable(c, names);
            String holder = TargetDatabase.applicationName();
            while (true) {
                String token = UUID.randomUUID().toString();
                String[] previous = tryTake(c, names, holder, token);
                String heldBy;
                if (previous != null) {
                    long key = AdvisoryLock.keyOf(names.versionTable());
                    String direct = AdvisoryLock.holderOrNull(c, key);
                    if (direct == null) {
                        if (previous[0] != null) {
                            notices.accept("Took over the migration lease on " + names.versionTable() + " from " + previous[0]
                                    + ": it expired at " + previous[1] + " without being released (that run was killed or lost its connection)");
                        }
                        Lease lease = new Lease(db, names, token);
                        lease.renewer.start();
                        return lease;
                    }
                    release(c, names, token); // a direct run has the session lock: let it finish
                    heldBy = direct + " (a session lock: a run on a direct connection)";
                } else {
                    heldBy = holder(c, names);
                }
                if (!told) {
                    notices.accept("Waiting for the migration lease on " + names.versionTable() + ", held by " + heldBy);
                    told = true;
                }
                if (System.nanoTime() > deadline) {
                    throw new DatabaseException(target, "timed out after " + timeout.toSeconds()
                            + " s waiting for the migration lease on " + names.versionTable() + ", held by " + heldBy
                            + "; raise --lock-timeout, or wait for the lease to expire if its holder is gone");
                }
                Thread.sleep(POLL_MS);
            }
        } catch (SQLException e) {
            throw new DatabaseException(target, "cannot take the migration lease: " + TargetDatabase.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseException(target, "interrupted while waiting for the migration lease");
        }
    }

    /** Creates the lease table where it is missing; two runs creating it at once is no error. */
    private static void ensureTable(Connection c, LockNames names) throws SQLException {
        if (exists(c, names)) {
            return;
        }
        for (String sql : names.createLease()) {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                // CREATE ... IF NOT EXISTS racing another run's: a unique violation on the catalog, or "already exists".
                if (!"23505".equals(e.getSQLState()) && !"42P07".equals(e.getSQLState()) && !"42P06".equals(e.getSQLState())) {
                    throw e;
                }
            }
        }
    }

    private static boolean exists(Connection c, LockNames names) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, names.leaseTable());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /**
     * Takes the row if it is free or expired.
     *
     * @return null when another run holds it; else the previous holder and its expiry (both null when
     *         the row was free)
     */
    private static String[] tryTake(Connection c, LockNames names, String holder, String token) throws SQLException {
        String sql = "WITH previous AS (SELECT holder, expires_at FROM " + names.leaseTable() + " WHERE version_table = ?)"
                + " INSERT INTO " + names.leaseTable() + " AS l (version_table, holder, token, acquired_at, renewed_at, expires_at)"
                + " VALUES (?, ?, ?, clock_timestamp(), clock_timestamp(), clock_timestamp() + make_interval(secs => ?))"
                + " ON CONFLICT (version_table) DO UPDATE SET holder = EXCLUDED.holder, token = EXCLUDED.token,"
                + " acquired_at = EXCLUDED.acquired_at, renewed_at = EXCLUDED.renewed_at, expires_at = EXCLUDED.expires_at"
                + " WHERE l.expires_at <= clock_timestamp()"
                + " RETURNING (SELECT holder FROM previous), (SELECT to_char(expires_at, 'YYYY-MM-DD HH24:MI:SS TZ') FROM previous)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, names.versionTable());
            ps.setString(2, names.versionTable());
            ps.setString(3, holder);
            ps.setString(4, token);
            ps.setLong(5, LENGTH.toSeconds());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new String[] {rs.getString(1), rs.getString(2)} : null;
            }
        }
    }

    /** Who holds the row, and until when. */
    private static String holder(Connection c, LockNames names) throws SQLException {
        String sql = "SELECT holder, to_char(acquired_at, 'YYYY-MM-DD HH24:MI:SS TZ'), to_char(expires_at, 'YYYY-MM-DD HH24:MI:SS TZ'),"
                + " round(extract(epoch FROM expires_at - clock_timestamp()))::int FROM " + names.leaseTable() + " WHERE version_table = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, names.versionTable());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return "a run that has just released it";
                }
                return rs.getString(1) + " (since " + rs.getString(2) + ", lease expires at " + rs.getString(3)
                        + " unless renewed, in " + Math.max(0, rs.getInt(4)) + " s)";
            }
        }
    }

    private static void release(Connection c, LockNames names, String token) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + names.leaseTable() + " WHERE version_table = ? AND token = ?")) {
            ps.setString(1, names.versionTable());
            ps.setString(2, token);
            ps.executeUpdate();
        }
    }

    /** Whether a run holds an unexpired lease on this version table. */
    static boolean isHeld(Connection c, LockNames names) throws SQLException {
        if (!exists(c, names)) {
            return false;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM " + names.leaseTable()
                + " WHERE version_table = ? AND expires_at > clock_timestamp())")) {
            ps.setString(1, names.versionTable());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Who holds an unexpired lease on this version table, or null (for a direct run, which then waits). */
    static String holderOrNull(Connection c, LockNames names) throws SQLException {
        return isHeld(c, names) ? holder(c, names) : null;
    }

    /** Renews the row if it is still ours and unexpired; false when it is not. */
    private boolean renew(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + names.leaseTable()
                + " SET renewed_at = clock_timestamp(), expires_at = clock_timestamp() + make_interval(secs => ?)"
                + " WHERE version_table = ? AND token = ? AND expires_at > clock_timestamp()")) {
            ps.setLong(1, LENGTH.toSeconds());
            ps.setString(2, names.versionTable());
            ps.setString(3, token);
            return ps.executeUpdate() == 1;
        }
    }

    @Override
    public boolean fences() {
        return true;
    }

    @Override
    public void fence(Connection connection) throws SQLException {
        String lost = renewer.lost;
        if (lost == null && !renew(connection)) {
            lost = "it expired and may have been taken over by another run";
        }
        if (lost != null) {
            throw new SQLException("this run lost its migration lease on " + names.versionTable() + " (" + lost
                    + "), so it records nothing more; run again to go on from where the version table says", "55000");
        }
    }

    @Override
    public void close() {
        renewer.finish();
        try {
            release(db.connection(), names, token);
        } catch (SQLException e) {
            // The run's connection broke (which may be why it ends): release on a connection of its own.
            try (Connection c = TargetDatabase.plainConnection(db.spec(), TargetDatabase.applicationName(), 5)) {
                release(c, names, token);
            } catch (SQLException again) {
                // The row expires on its own; the next run takes it over and says so.
                System.getLogger("strata").log(System.Logger.Level.DEBUG, "lease release failed on target " + db.target().name(), again);
            }
        }
    }

    /** Renews the lease every third of its length, on a connection of its own, until the run ends. */
    private final class Renewer extends Thread {

        volatile String lost;
        private volatile boolean done;

        Renewer() {
            super("strata-lease-" + db.target().name());
            setDaemon(true);
        }

        @Override
        public void run() {
            long period = LENGTH.toMillis() / 3;
            long renewedAt = System.nanoTime();
            Connection c = null;
            try {
                while (!done) {
                    try {
                        Thread.sleep(period);
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (done) {
                        return;
                    }
                    try {
                        if (c == null) {
                            c = TargetDatabase.plainConnection(db.spec(), TargetDatabase.applicationName(), (int) (period / 1000));
                        }
                        if (!renew(c)) {
                            lost = "another run took it over after it expired";
                            return;
                        }
                        renewedAt = System.nanoTime();
                    } catch (SQLException e) {
                        closeQuietly(c);
                        c = null;
                        if (System.nanoTime() - renewedAt > LENGTH.toNanos()) {
                            lost = "it could not be renewed for " + LENGTH.toSeconds() + " s: " + db.spec().secrets().scrub(TargetDatabase.describe(e));
                            return;
                        }
                    }
                }
            } finally {
                closeQuietly(c);
            }
        }

        void finish() {
            done = true;
            interrupt();
            try {
                join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static void closeQuietly(Connection c) {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // a broken connection: nothing left to do
                }
            }
        }
    }
}
