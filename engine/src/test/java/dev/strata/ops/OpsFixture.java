package dev.strata.ops;

import java.util.List;
import java.util.function.Consumer;

/** Records ops the way a migration does and reads back what was recorded (Alembic's op_fixture). */
final class OpsFixture {

    private OpsFixture() {}

    static List<Ops.Recorded> record(Consumer<Ops> migration) {
        Ops ops = new Ops();
        migration.accept(ops);
        return ops.recorded();
    }

    /** The single op {@code migration} records. */
    static Op only(Consumer<Ops> migration) {
        List<Ops.Recorded> r = record(migration);
        if (r.size() != 1) {
            throw new AssertionError("expected one op, got " + r);
        }
        return r.get(0).op();
    }

    /** Every statement, in order. */
    static List<String> sql(Consumer<Ops> migration) {
        return record(migration).stream().flatMap(r -> r.op().statements().stream()).toList();
    }

    /** Every statement of the generated downgrade, in order. */
    static List<String> downgradeSql(Consumer<Ops> migration) {
        Ops down = new Ops();
        down.undo(migration);
        return down.recorded().stream().flatMap(r -> r.op().statements().stream()).toList();
    }

    /** The statements of the op's inverse. */
    static List<String> inverseSql(Op op) {
        if (!(op.inverse() instanceof Inverse.Undo undo)) {
            throw new AssertionError("no inverse: " + op.inverse());
        }
        return undo.ops().stream().flatMap(o -> o.statements().stream()).toList();
    }
}
