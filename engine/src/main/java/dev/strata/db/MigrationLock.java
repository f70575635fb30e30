package dev.strata.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The lock that makes concurrent runs on one version table take turns: a session advisory lock where
 * the connection keeps its server session ({@link AdvisoryLock}), a lease row where a pooler may hand
 * each transaction another server session ({@link Lease}). Each kind also waits while the other kind
 * is held, so runs that come direct and runs that come through a pooler still take turns.
 */
public sealed interface MigrationLock extends AutoCloseable permits AdvisoryLock, Lease {

    /**
     * Takes the lock that suits the connection, waiting up to {@code timeout}; says once who holds it.
     *
     * @throws DatabaseException when the timeout passes first
     */
    static MigrationLock acquire(TargetDatabase db, LockNames names, Duration timeout, Consumer<String> notices) {
        return db.pooling().perTransaction()
                ? Lease.acquire(db, names, timeout, notices)
                : AdvisoryLock.acquire(db, names, timeout, notices);
    }

    /** Whether a run holds the lock of this version table now, of either kind. */
    static boolean isHeld(TargetDatabase db, LockNames names) throws SQLException {
        return AdvisoryLock.isHeld(db, names.versionTable()) || Lease.isHeld(db.connection(), names);
    }

    /**
     * Run in the transaction that records a step, or just before a step that may commit part-way
     * starts: throws unless the lock is still this run's, so a run that lost it records nothing more.
     */
    void fence(Connection connection) throws SQLException;

    /** Whether {@link #fence} checks anything (a lease can be lost; a session lock cannot). */
    boolean fences();

    @Override
    void close();
}
