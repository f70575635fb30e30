package dev.strata.schema;

import java.util.List;

/**
 * A table constraint (not a NOT NULL, which is the column's).
 *
 * @param definition as {@code pg_get_constraintdef} prints it, e.g. {@code FOREIGN KEY (user_id)
 *     REFERENCES public.users(id) ON DELETE CASCADE}; equal definitions mean the same constraint
 * @param columns the constrained columns, in key order (empty for a check on an expression)
 * @param references the referenced table of a foreign key, else {@code null}
 * @param defaultName whether {@code name} is the one PostgreSQL would choose by itself
 *     ({@code t_pkey}, {@code t_a_key}, {@code t_a_fkey}, {@code t_a_check}), so a difference in it alone
 *     is no change
 */
public record Constraint(String name, Kind kind, String definition, List<String> columns, QualifiedName references,
        boolean deferrable, boolean initiallyDeferred, boolean defaultName, String comment) {

    public enum Kind { PRIMARY_KEY, UNIQUE, CHECK, FOREIGN_KEY, EXCLUDE }

    public Constraint {
        columns = List.copyOf(columns);
    }
}
