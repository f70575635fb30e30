package dev.strata.ops;

import java.util.List;

/**
 * An op that creates a relation later ops may act on: a table, or a continuous aggregate (whose
 * policies and refresh go away with it).
 */
record CreatedTable(SqlOp op) implements Op, Downgrades.CreatesTable {

    @Override
    public String createdTable() {
        return op.table();
    }

    @Override
    public String describe() {
        return op.describe();
    }

    @Override
    public List<String> statements() {
        return op.statements();
    }

    @Override
    public boolean transactional() {
        return op.transactional();
    }

    @Override
    public String timescaleVersion() {
        return op.timescaleVersion();
    }

    @Override
    public String table() {
        return op.table();
    }

    @Override
    public Inverse inverse() {
        return op.inverse();
    }
}
