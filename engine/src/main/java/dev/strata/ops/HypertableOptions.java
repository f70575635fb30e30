package dev.strata.ops;

import java.time.Duration;

/** Options of {@link TimescaleOps#createHypertable}: {@code h -> h.chunkInterval("1 day").migrateData()}. */
public final class HypertableOptions {

    String chunkInterval;
    boolean migrateData;
    boolean ifNotExists;
    boolean withoutDefaultIndexes;
    boolean rebuildOnDowngrade;

    HypertableOptions() {}

    /** The chunk time interval, e.g. {@code "1 day"}. */
    public HypertableOptions chunkInterval(String interval) {
        chunkInterval = Interval.of(interval).sql();
        return this;
    }

    public HypertableOptions chunkInterval(Duration interval) {
        chunkInterval = Interval.of(interval).sql();
        return this;
    }

    /** The chunk interval of an integer time column, in that column's units. */
    public HypertableOptions chunkInterval(long units) {
        if (units <= 0) {
            throw new IllegalArgumentException("a chunk interval must be positive: " + units);
        }
        chunkInterval = Long.toString(units);
        return this;
    }

    /** {@code migrate_data => TRUE}: move existing rows into chunks (slow on a big table; it locks it). */
    public HypertableOptions migrateData() {
        migrateData = true;
        return this;
    }

    /** {@code if_not_exists => TRUE}. */
    public HypertableOptions ifNotExists() {
        ifNotExists = true;
        return this;
    }

    /** {@code create_default_indexes => FALSE}: no index on the time column is created. */
    public HypertableOptions withoutDefaultIndexes() {
        withoutDefaultIndexes = true;
        return this;
    }

    /**
     * Lets a downgrade turn the hypertable back into a plain table by copying every row into a new table
     * and swapping it in. It keeps columns, defaults, constraints, indexes (by their names) and sequences;
     * it does not keep grants, the owner, triggers or row-level security policies; it fails (and the
     * downgrade rolls back) on a table with a generated column, which cannot be copied into, and rather
     * than drop views or foreign keys that depend on the table. Without it, the conversion
     * has no inverse (unless this migration created the table, whose drop undoes it).
     */
    public HypertableOptions rebuildOnDowngrade() {
        rebuildOnDowngrade = true;
        return this;
    }
}
