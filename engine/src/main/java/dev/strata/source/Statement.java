package dev.strata.source;

import java.util.Objects;

/**
 * One SQL statement of a migration, as psql would send it.
 *
 * @param sql              the statement text without its terminating {@code ;}, trimmed; comments
 *                         that came before it are kept
 * @param line             the 1-based line, in the migration's file, of its first token (not of a
 *                         leading comment), or of the Java call that recorded it; 0 when unknown
 * @param inTransaction    whether it may run inside a transaction block. A SQL script's statements
 *                         always may (its header decides for the whole script); a Java migration's
 *                         op says so for its own statements
 * @param note             what recorded it, for {@code --sql} comments (a Java migration's op), or null
 * @param timescaleVersion the TimescaleDB extension version the statement needs, or null
 */
public record Statement(String sql, int line, boolean inTransaction, String note, String timescaleVersion) {

    public Statement {
        Objects.requireNonNull(sql, "sql");
    }

    /** A statement of a SQL script. */
    public Statement(String sql, int line) {
        this(sql, line, true, null, null);
    }
}
