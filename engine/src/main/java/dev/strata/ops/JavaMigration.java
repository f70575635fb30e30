package dev.strata.ops;

/**
 * A migration written in Java. The class carries {@link Migration} with the same metadata as a SQL
 * script's header; {@link #upgrade} records operations on {@code op}, and Strata renders and runs them.
 * Both methods only record: they must not connect to anything, so {@code --sql} renders them offline.
 */
public interface JavaMigration {

    /** Records the upgrade's operations. */
    void upgrade(Ops op);

    /**
     * Records the downgrade's operations. The default undoes {@link #upgrade}'s operations in reverse
     * order, each by its inverse, and fails naming the first one that has none.
     */
    default void downgrade(Ops op) {
        op.undo(this::upgrade);
    }
}
