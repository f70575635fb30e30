package dev.strata.ops;

import java.util.List;
import java.util.Objects;

/** How an {@link Op} is undone: the ops that undo it, in the order they run, or why none can. */
public sealed interface Inverse {

    /** Undone by running {@code ops} in order. */
    record Undo(List<Op> ops) implements Inverse {
        public Undo {
            ops = List.copyOf(ops);
        }
    }

    /** Cannot be undone; {@code reason} says why and what to do instead. */
    record None(String reason) implements Inverse {
        public None {
            Objects.requireNonNull(reason, "reason");
        }
    }

    static Inverse of(Op... ops) {
        return new Undo(List.of(ops));
    }

    static Inverse none(String reason) {
        return new None(reason);
    }
}
