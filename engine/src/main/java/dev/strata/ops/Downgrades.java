package dev.strata.ops;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Turns a recording into the one that undoes it. */
final class Downgrades {

    private Downgrades() {}

    /**
     * The inverse of each op, last op first. An op without an inverse whose table was created earlier
     * in the same recording needs none: dropping the table undoes it.
     *
     * @throws IrreversibleException for the first op, from the end, that has no inverse
     */
    static List<Ops.Recorded> invert(List<Ops.Recorded> forward) {
        Set<String> created = new HashSet<>();
        List<Boolean> covered = new ArrayList<>(forward.size());
        for (Ops.Recorded r : forward) {
            covered.add(r.op().table() != null && created.contains(r.op().table()));
            if (r.op() instanceof CreatesTable c) {
                created.add(c.createdTable());
            }
        }
        List<Ops.Recorded> out = new ArrayList<>();
        for (int i = forward.size() - 1; i >= 0; i--) {
            Ops.Recorded r = forward.get(i);
            Inverse inverse = r.op().inverse();
            if (inverse instanceof Inverse.Undo undo) {
                for (Op op : undo.ops()) {
                    out.add(new Ops.Recorded(op, r.line()));
                }
            } else if (!covered.get(i)) {
                throw new IrreversibleException(r.op(), r.line(), ((Inverse.None) inverse).reason());
            }
        }
        return out;
    }

    /** An op that creates a table (a plain table, a hypertable's table): dropping it drops what was done to it. */
    interface CreatesTable {
        String createdTable();
    }
}
