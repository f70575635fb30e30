package dev.strata.ops;

import java.util.List;

/** A table rename: a table created earlier in the recording is known by its new name afterwards. */
record RenamedTable(SqlOp op, String renamedTo) implements Op, Downgrades.RenamesTable {

    @Override
    public String renamedFrom() {
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
    public String table() {
        return op.table();
    }

    @Override
    public Inverse inverse() {
        return op.inverse();
    }
}
