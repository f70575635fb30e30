package dev.strata.ops;

import java.util.List;
import java.util.Objects;

/**
 * An op rendered once, when it is recorded: the statements are fixed text from then on, so an online
 * run, {@code --sql} and the checksum all see the same SQL.
 *
 * @param diesWithTable whether dropping {@code table} also undoes this op (an index, a constraint, a
 *     policy), so a downgrade that drops a table created in the same recording may skip it
 */
record SqlOp(String describe, List<String> statements, boolean transactional, String timescaleVersion,
        String table, boolean diesWithTable, Inverse inverse) implements Op, Downgrades.TableScoped {

    SqlOp {
        Objects.requireNonNull(describe, "describe");
        statements = List.copyOf(statements);
        Objects.requireNonNull(inverse, "inverse");
    }

    /** A transactional PostgreSQL op on {@code table} that dies with it. */
    static SqlOp onTable(String describe, String table, Inverse inverse, String... statements) {
        return new SqlOp(describe, List.of(statements), true, null, table, true, inverse);
    }

    /** A transactional PostgreSQL op on no table (a schema, a type, an extension). */
    static SqlOp standalone(String describe, Inverse inverse, String... statements) {
        return new SqlOp(describe, List.of(statements), true, null, null, false, inverse);
    }

    SqlOp nonTransactional() {
        return new SqlOp(describe, statements, false, timescaleVersion, table, diesWithTable, inverse);
    }

    SqlOp timescale(String version) {
        return new SqlOp(describe, statements, transactional, version, table, diesWithTable, inverse);
    }

    SqlOp survivesTable() {
        return new SqlOp(describe, statements, transactional, timescaleVersion, table, false, inverse);
    }

    SqlOp withInverse(Inverse other) {
        return new SqlOp(describe, statements, transactional, timescaleVersion, table, diesWithTable, other);
    }
}
