package dev.strata.ops;

import java.util.ArrayList;
import java.util.List;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Name;

/**
 * Changes to one column, each with what it was before so that a downgrade can put it back:
 * {@code c -> c.type("bigint").previousType("integer")}, {@code c -> c.setNotNull()},
 * {@code c -> c.setDefault(0).previousDefaultSql("1")}. A change whose previous state is not given makes
 * the op irreversible, and the message says which.
 */
public final class ColumnChange {

    private String type;
    private String using;
    private String previousType;
    private String previousUsing;
    private Boolean notNull;
    private Field<Object> newDefault;
    private boolean dropDefault;
    private Field<Object> previousDefault;
    private boolean previousDefaultKnown;

    ColumnChange() {}

    /** {@code ALTER .. TYPE type}, written as PostgreSQL reads it. */
    public ColumnChange type(String type) {
        Sql.type(type);
        this.type = type.strip();
        return this;
    }

    public ColumnChange type(DataType<?> type) {
        this.type = Sql.typeName(type);
        return this;
    }

    /** {@code USING expression}: how existing values convert to the new type, e.g. {@code "amount::numeric"}. */
    public ColumnChange using(String expression) {
        Sql.expression(expression);
        this.using = expression.strip();
        return this;
    }

    /** The type before this change; the downgrade converts back to it. */
    public ColumnChange previousType(String type) {
        Sql.type(type);
        this.previousType = type.strip();
        return this;
    }

    public ColumnChange previousType(DataType<?> type) {
        this.previousType = Sql.typeName(type);
        return this;
    }

    /** The {@code USING} expression of the downgrade's conversion back to the previous type. */
    public ColumnChange previousUsing(String expression) {
        Sql.expression(expression);
        this.previousUsing = expression.strip();
        return this;
    }

    /** {@code SET NOT NULL}; undone by {@code DROP NOT NULL}. */
    public ColumnChange setNotNull() {
        notNull = true;
        return this;
    }

    /** {@code DROP NOT NULL}; undone by {@code SET NOT NULL}. */
    public ColumnChange dropNotNull() {
        notNull = false;
        return this;
    }

    /** {@code SET DEFAULT value}, inlined as a literal. */
    public ColumnChange setDefault(Object value) {
        newDefault = Sql.value(value);
        return this;
    }

    /** {@code SET DEFAULT expression}, in SQL. */
    public ColumnChange setDefaultSql(String expression) {
        newDefault = Sql.expression(expression);
        return this;
    }

    /** {@code DROP DEFAULT}. */
    public ColumnChange dropDefault() {
        dropDefault = true;
        return this;
    }

    /** The default before this change, as a value; the downgrade restores it. */
    public ColumnChange previousDefault(Object value) {
        previousDefault = Sql.value(value);
        previousDefaultKnown = true;
        return this;
    }

    /** The default before this change, as SQL. */
    public ColumnChange previousDefaultSql(String expression) {
        previousDefault = Sql.expression(expression);
        previousDefaultKnown = true;
        return this;
    }

    /** The column had no default before this change; the downgrade drops it. */
    public ColumnChange noPreviousDefault() {
        previousDefault = null;
        previousDefaultKnown = true;
        return this;
    }

    /** The statements, in order. */
    List<String> statements(String table, String column) {
        if (newDefault != null && dropDefault) {
            throw new IllegalArgumentException("column " + column + ": both setDefault and dropDefault");
        }
        List<String> out = new ArrayList<>();
        if (type != null) {
            out.add(alterType(table, column, type, using));
        }
        if (notNull != null) {
            out.add(notNull(table, column, notNull));
        }
        if (newDefault != null || dropDefault) {
            out.add(setDefault(table, column, newDefault));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("alter column " + column + ": nothing to change");
        }
        return out;
    }

    /** The downgrade's statements, last change first, or why there are none. */
    Inverse inverse(String table, String column, String describe) {
        List<String> missing = new ArrayList<>();
        List<String> out = new ArrayList<>();
        if (newDefault != null || dropDefault) {
            if (previousDefaultKnown) {
                out.add(setDefault(table, column, previousDefault));
            } else {
                missing.add("the previous default (previousDefault/previousDefaultSql/noPreviousDefault)");
            }
        }
        if (notNull != null) {
            out.add(notNull(table, column, !notNull));
        }
        if (type != null) {
            if (previousType != null) {
                out.add(alterType(table, column, previousType, previousUsing));
            } else {
                missing.add("the previous type (previousType)");
            }
        }
        if (!missing.isEmpty()) {
            return Inverse.none("give " + String.join(" and ", missing) + " to make it reversible");
        }
        return Inverse.of(SqlOp.onTable(describe, table, Inverse.none("the undo of " + describe), out.toArray(String[]::new)));
    }

    private static String alterType(String table, String column, String type, String using) {
        // jOOQ's alterColumn(..).set(type) has no USING clause: without it PostgreSQL refuses any
        // conversion that has no implicit cast, so this statement is a template.
        return Sql.template("ALTER TABLE {0} ALTER {1} TYPE ", Sql.name(table), Sql.identifier(column))
                + type + (using == null ? "" : " USING " + using);
    }

    private static String notNull(String table, String column, boolean set) {
        Name c = Sql.identifier(column);
        return set
                ? Sql.render(Sql.CTX.alterTable(Sql.name(table)).alterColumn(c).setNotNull())
                : Sql.render(Sql.CTX.alterTable(Sql.name(table)).alterColumn(c).dropNotNull());
    }

    private static String setDefault(String table, String column, Field<Object> value) {
        Name c = Sql.identifier(column);
        return value == null
                ? Sql.render(Sql.CTX.alterTable(Sql.name(table)).alterColumn(c).dropDefault())
                : Sql.render(Sql.CTX.alterTable(Sql.name(table)).alterColumn(c).setDefault(value));
    }
}
