package dev.strata.schema;

/**
 * A table column.
 *
 * @param type the type as {@code format_type} prints it, with its typmod ({@code character varying(20)},
 *     {@code timestamp with time zone}, {@code public.mood}); aliases ({@code int4}, {@code varchar}) never appear
 * @param defaultExpr the default as {@code pg_get_expr} prints it, or {@code null}; a default that only
 *     serves an identity column is {@code null}; a {@code serial}'s {@code nextval(...)} is kept as written
 * @param identity {@code null}, {@code "ALWAYS"} or {@code "BY DEFAULT"}
 * @param generated the expression of a {@code GENERATED ALWAYS AS (...) STORED} column, or {@code null}
 * @param collation the collation when it is not the type's default, else {@code null}
 * @param comment the column's comment, or {@code null}
 */
public record Column(String name, String type, boolean notNull, String defaultExpr, String identity,
        String generated, String collation, String comment) {}
