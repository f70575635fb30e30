package dev.strata.ops;

/** A table rename: a table created earlier in the recording is known by its new name afterwards. */
record RenamedTable(SqlOp op, String renamedTo) implements MarkedOp, Downgrades.RenamesTable {

    @Override
    public String renamedFrom() {
        return op.table();
    }
}
