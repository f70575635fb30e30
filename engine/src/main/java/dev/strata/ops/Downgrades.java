package dev.strata.ops;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Turns a recording into the one that undoes it. */
final class Downgrades {

    private Downgrades() {}

    /**
     * The inverse of each op, last op first. An op on a table created earlier in the same recording
     * that goes away with the table (an index, a constraint, a hypertable conversion, compression, a
     * policy) is skipped: dropping the table undoes it, and undoing it first would only cost time (a
     * decompression of every chunk) or fail (an op with no inverse). Renames and drops of such a table
     * are never skipped, since the final {@code DROP TABLE} names the table as it was created.
     *
     * @throws IrreversibleException for the first op, from the end, that has no inverse
     */
    static List<Ops.Recorded> invert(List<Ops.Recorded> forward) {
        Set<String> created = new HashSet<>();
        List<Boolean> covered = new ArrayList<>(forward.size());
        for (Ops.Recorded r : forward) {
            Op op = r.op();
            covered.add(op.table() != null && created.contains(op.table())
                    && op instanceof TableScoped scoped && scoped.diesWithTable());
            if (op instanceof CreatesTable c) {
                created.add(c.createdTable());
            }
            if (op instanceof RenamesTable rename && created.contains(rename.renamedFrom())) {
                created.add(rename.renamedTo());
            }
        }
        List<Ops.Recorded> out = new ArrayList<>();
        for (int i = forward.size() - 1; i >= 0; i--) {
            Ops.Recorded r = forward.get(i);
            if (covered.get(i)) {
                continue;
            }
            Inverse inverse = r.op().inverse();
            if (inverse instanceof Inverse.Undo undo) {
                for (Op op : undo.ops()) {
                    out.add(new Ops.Recorded(op, r.line()));
                }
            } else {
                throw new IrreversibleException(r.op(), r.line(), ((Inverse.None) inverse).reason());
            }
        }
        return out;
    }

    /** An op that creates a table (a plain table, a continuous aggregate): dropping it drops what was done to it. */
    interface CreatesTable {
        String createdTable();
    }

    /** An op that renames a table, as written: {@code renamedTo} carries the schema of {@code renamedFrom}. */
    interface RenamesTable {
        String renamedFrom();

        String renamedTo();
    }

    /** An op on {@link Op#table()} that may or may not go away when that table is dropped. */
    interface TableScoped {
        boolean diesWithTable();
    }
}
