package dev.strata.diff;

import dev.strata.ops.Op;

/**
 * One operation of a {@link Change}.
 *
 * @param op the operation: its {@link Op#statements()} are the SQL, {@link Op#transactional()} its
 *     transaction need; {@code null} for a step that is only a note (an irreversible downgrade, a TODO)
 * @param java the {@link dev.strata.ops.Ops} call as Java source, e.g. {@code op.addColumn("public.t", "c", "bigint");},
 *     or {@code null} with a {@code null} op
 * @param note a comment to put before it (TODO, destructive, irreversible), or {@code null}
 */
public record Step(Op op, String java, String note) {}
