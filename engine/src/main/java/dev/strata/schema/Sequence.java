package dev.strata.schema;

/**
 * A sequence that is not an identity column's own (those belong to their column).
 *
 * @param type {@code bigint}, {@code integer} or {@code smallint}
 * @param ownedBy the column it is {@code OWNED BY} as {@code table.column} of {@code ownedTable}, or {@code null}
 */
public record Sequence(QualifiedName name, String type, long start, long increment, long min, long max, long cache,
        boolean cycle, QualifiedName ownedTable, String ownedColumn, String comment) {}
