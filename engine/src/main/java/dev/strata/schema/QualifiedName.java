package dev.strata.schema;

import dev.strata.ops.SqlNames;
import java.util.Comparator;

/** A schema-qualified object name, as PostgreSQL stores it (not quoted, case kept). */
public record QualifiedName(String schema, String name) implements Comparable<QualifiedName> {

    private static final Comparator<QualifiedName> ORDER =
            Comparator.comparing(QualifiedName::schema).thenComparing(QualifiedName::name);

    public QualifiedName {
        if (schema == null || schema.isEmpty() || name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a qualified name needs a schema and a name");
        }
    }

    public static QualifiedName of(String schema, String name) {
        return new QualifiedName(schema, name);
    }

    /** The name as SQL: each part quoted only when it must be ({@code public.t}, {@code "My Schema".t}). */
    public String sql() {
        return SqlNames.identifier(schema) + "." + SqlNames.identifier(name);
    }

    /**
     * The name as {@link dev.strata.ops.Ops} takes it: dot-separated parts, each literal, a part in double
     * quotes when it holds a dot or a quote.
     */
    public String written() {
        return written(schema) + "." + written(name);
    }

    private static String written(String part) {
        return part.contains(".") || part.contains("\"") ? "\"" + part.replace("\"", "\"\"") + "\"" : part;
    }

    @Override
    public int compareTo(QualifiedName other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return schema + "." + name;
    }
}
