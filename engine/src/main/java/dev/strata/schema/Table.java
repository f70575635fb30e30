package dev.strata.schema;

import java.util.List;

/**
 * A table, a partitioned table or a partition.
 *
 * @param columns in column order (dropped columns left out)
 * @param constraints sorted by name
 * @param partitionKey {@code pg_get_partkeydef} of a partitioned table ({@code RANGE (ts)}), else {@code null}
 * @param partitionOf the parent of a partition, else {@code null}
 * @param partitionBound {@code pg_get_expr(relpartbound)} of a partition ({@code FOR VALUES FROM (...) TO (...)})
 * @param unlogged whether the table is {@code UNLOGGED}
 */
public record Table(QualifiedName name, List<Column> columns, List<Constraint> constraints, String partitionKey,
        QualifiedName partitionOf, String partitionBound, boolean unlogged, String comment) {

    public Table {
        columns = List.copyOf(columns);
        constraints = List.copyOf(constraints);
    }

    public Column column(String column) {
        return columns.stream().filter(c -> c.name().equals(column)).findFirst().orElse(null);
    }
}
