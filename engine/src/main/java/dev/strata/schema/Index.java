package dev.strata.schema;

/**
 * An index that is not a constraint's own (those come with their {@link Constraint}); on a table or a
 * materialized view.
 *
 * @param definition {@code pg_get_indexdef} with the index name replaced by {@code {name}} so two indexes
 *     that differ only in name compare equal: {@code CREATE UNIQUE INDEX {name} ON public.t USING btree (a)
 *     INCLUDE (b) WHERE (c > 0)}
 * @param defaultName whether the name is the one PostgreSQL picks for an unnamed {@code CREATE INDEX}
 */
public record Index(QualifiedName name, QualifiedName table, String definition, boolean unique,
        boolean defaultName, String comment) {

    /** The statement that creates it under its own name. */
    public String createStatement() {
        return definition.replace("{name}", dev.strata.ops.SqlNames.identifier(name.name()));
    }
}
