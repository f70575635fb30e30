package dev.strata.schema;

import java.util.List;

/**
 * A view or materialized view (not a continuous aggregate, which is a {@link ContinuousAggregate}).
 *
 * @param definition the query as {@code pg_get_viewdef(oid, true)} prints it, so formatting never differs
 * @param columns its output columns, in order
 */
public record View(QualifiedName name, boolean materialized, String definition, List<String> columns, String comment) {

    public View {
        columns = List.copyOf(columns);
    }
}
