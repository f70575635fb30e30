package dev.strata.db;

import java.util.List;

/**
 * What the migration lock of one version table is called on the server.
 *
 * @param versionTable the qualified version table: the advisory lock's key and the lease's row
 * @param leaseTable   the qualified lease table (one row per version table whose lease is held)
 * @param createLease  the statements that create the lease table (and its schema) where it is missing
 */
public record LockNames(String versionTable, String leaseTable, List<String> createLease) {

    public LockNames {
        createLease = List.copyOf(createLease);
    }
}
