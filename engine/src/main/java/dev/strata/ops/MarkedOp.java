package dev.strata.ops;

import java.util.List;

/**
 * An op that is another op with a mark {@link Downgrades} reads (it creates or renames a table):
 * everything else is the wrapped op's.
 */
interface MarkedOp extends Op {

    SqlOp op();

    @Override
    default String describe() {
        return op().describe();
    }

    @Override
    default List<String> statements() {
        return op().statements();
    }

    @Override
    default boolean transactional() {
        return op().transactional();
    }

    @Override
    default String timescaleVersion() {
        return op().timescaleVersion();
    }

    @Override
    default String table() {
        return op().table();
    }

    @Override
    default Inverse inverse() {
        return op().inverse();
    }
}
