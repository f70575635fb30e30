package dev.strata.ops;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * Records schema operations as data for a {@link JavaMigration}. Nothing connects: every method adds
 * an {@link Op} (with the line of the migration that asked for it) to the recording, which Strata
 * renders and runs, or prints for {@code --sql}.
 */
public final class Ops {

    /** An op and the line of the migration source that recorded it (0 when unknown). */
    public record Recorded(Op op, int line) {}

    private final List<Recorded> recorded = new ArrayList<>();

    /** The ops recorded so far, in order. */
    public List<Recorded> recorded() {
        return Collections.unmodifiableList(recorded);
    }

    /** Records {@code op}. */
    public Ops add(Op op) {
        recorded.add(new Recorded(op, callerLine()));
        return this;
    }

    /** Records one statement of raw SQL; it has no inverse unless one is given. */
    public Ops execute(String sql) {
        return add(RawSql.of(sql));
    }

    /**
     * Records the inverse of what {@code upgrade} records, last op first.
     *
     * @throws IrreversibleException naming the first op (from the end) that has no inverse
     */
    public Ops undo(Consumer<Ops> upgrade) {
        Ops forward = new Ops();
        upgrade.accept(forward);
        for (Recorded r : Downgrades.invert(forward.recorded())) {
            recorded.add(r);
        }
        return this;
    }

    // The first frame outside this package: the migration's own line.
    private static int callerLine() {
        return StackWalker.getInstance().walk(frames -> frames
                .filter(f -> !f.getClassName().startsWith(Ops.class.getPackageName() + "."))
                .findFirst()
                .map(StackWalker.StackFrame::getLineNumber)
                .orElse(0));
    }
}
