package dev.strata.ops;

import java.util.List;

/**
 * One schema operation recorded by {@link Ops}: data, rendered to SQL without a connection. The same
 * statements serve an online run and {@code --sql}, and their text is what a Java migration's
 * checksum covers.
 */
public interface Op {

    /** What the op does, for messages and {@code --sql} comments, e.g. {@code create_hypertable ping_results}. */
    String describe();

    /** The SQL: one statement per element, values inlined (never {@code ?}), no trailing semicolon. */
    List<String> statements();

    /**
     * Whether the statements may run inside a transaction block. {@code CREATE INDEX CONCURRENTLY},
     * {@code refresh_continuous_aggregate} and {@code transaction_per_chunk} indexes may not.
     */
    default boolean transactional() {
        return true;
    }

    /**
     * The lowest TimescaleDB extension version the op needs (such as {@code "2.13.0"}), or {@code null}
     * for an op plain PostgreSQL runs.
     */
    default String timescaleVersion() {
        return null;
    }

    /** The table the op acts on, as written (possibly schema-qualified), or {@code null}. */
    default String table() {
        return null;
    }

    /** How to undo the op, or why it cannot be undone. */
    Inverse inverse();
}
