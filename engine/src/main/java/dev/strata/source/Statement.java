package dev.strata.source;

import java.util.Objects;

/**
 * One SQL statement of a migration script, as psql would send it.
 *
 * @param sql  the statement text without its terminating {@code ;}, trimmed; comments that came
 *             before it are kept
 * @param line the 1-based line, in the script file, of its first token (not of a leading comment)
 */
public record Statement(String sql, int line) {

    public Statement {
        Objects.requireNonNull(sql, "sql");
    }
}
