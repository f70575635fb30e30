package dev.strata.diff;

import dev.strata.ops.SqlNames;
import dev.strata.schema.Column;
import dev.strata.schema.Constraint;
import dev.strata.schema.Sequence;
import dev.strata.schema.Table;
import java.util.ArrayList;
import java.util.List;

/** SQL text from catalog values, for the steps the {@link dev.strata.ops.Ops} API cannot express. */
final class Sqls {

    private Sqls() {}

    static String id(String name) {
        return SqlNames.identifier(name);
    }

    /** A column as in {@code CREATE TABLE} or {@code ADD COLUMN}. */
    static String column(Column c) {
        StringBuilder b = new StringBuilder(id(c.name())).append(' ').append(c.type());
        if (c.collation() != null) {
            b.append(" COLLATE ").append(collation(c.collation()));
        }
        if (c.generated() != null) {
            b.append(" GENERATED ALWAYS AS (").append(c.generated()).append(") STORED");
        }
        if (c.identity() != null) {
            b.append(" GENERATED ").append(c.identity()).append(" AS IDENTITY");
        }
        if (c.defaultExpr() != null) {
            b.append(" DEFAULT ").append(c.defaultExpr());
        }
        if (c.notNull()) {
            b.append(" NOT NULL");
        }
        return b.toString();
    }

    static String collation(String collation) {
        return collation.contains(".") || collation.startsWith("\"") ? collation : "\"" + collation.replace("\"", "\"\"") + "\"";
    }

    /** {@code CREATE TABLE}, with the constraints {@code withConstraint} keeps. */
    static String createTable(Table t, boolean withForeignKeys) {
        List<String> constraints = new ArrayList<>();
        for (Constraint c : t.constraints()) {
            if (withForeignKeys || c.kind() != Constraint.Kind.FOREIGN_KEY) {
                constraints.add("CONSTRAINT " + id(c.name()) + " " + c.definition());
            }
        }
        StringBuilder b = new StringBuilder(t.unlogged() ? "CREATE UNLOGGED TABLE " : "CREATE TABLE ").append(t.name().sql());
        if (t.partitionOf() != null) {
            b.append(" PARTITION OF ").append(t.partitionOf().sql());
            if (!constraints.isEmpty()) {
                b.append(" (").append(String.join(", ", constraints)).append(')');
            }
            b.append(' ').append(t.partitionBound());
        } else {
            List<String> items = new ArrayList<>();
            t.columns().forEach(c -> items.add(column(c)));
            items.addAll(constraints);
            b.append(" (").append(String.join(", ", items)).append(')');
        }
        if (t.partitionKey() != null) {
            b.append(" PARTITION BY ").append(t.partitionKey());
        }
        return b.toString();
    }

    static String addConstraint(Table t, Constraint c) {
        return "ALTER TABLE " + t.name().sql() + " ADD CONSTRAINT " + id(c.name()) + " " + c.definition();
    }

    static String dropConstraint(Table t, Constraint c) {
        return "ALTER TABLE " + t.name().sql() + " DROP CONSTRAINT " + id(c.name());
    }

    static String alterColumn(Table t, String column, String action) {
        return "ALTER TABLE " + t.name().sql() + " ALTER COLUMN " + id(column) + " " + action;
    }

    static String comment(String kind, String name, String comment) {
        return "COMMENT ON " + kind + " " + name + " IS " + (comment == null ? "NULL" : SqlNames.literal(comment));
    }

    /** {@code CREATE SEQUENCE} with every setting spelled out. */
    static String createSequence(Sequence s) {
        return "CREATE SEQUENCE " + s.name().sql() + sequenceSettings(s, true);
    }

    static String alterSequence(Sequence s) {
        return "ALTER SEQUENCE " + s.name().sql() + sequenceSettings(s, false);
    }

    private static String sequenceSettings(Sequence s, boolean create) {
        return " AS " + s.type() + " INCREMENT BY " + s.increment() + " MINVALUE " + s.min() + " MAXVALUE " + s.max()
                + (create ? " START WITH " : " START WITH ") + s.start() + " CACHE " + s.cache() + (s.cycle() ? " CYCLE" : " NO CYCLE");
    }

    static String sequenceOwner(Sequence s) {
        return "ALTER SEQUENCE " + s.name().sql() + " OWNED BY "
                + (s.ownedTable() == null ? "NONE" : s.ownedTable().sql() + "." + id(s.ownedColumn()));
    }
}
