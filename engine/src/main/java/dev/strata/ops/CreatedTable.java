package dev.strata.ops;

/**
 * An op that creates a relation later ops may act on: a table, or a continuous aggregate (whose
 * policies and refresh go away with it).
 */
record CreatedTable(SqlOp op) implements MarkedOp, Downgrades.CreatesTable {

    @Override
    public String createdTable() {
        return op.table();
    }
}
