package dev.strata.plan;

/** Which way a step moves. */
public enum Direction {
    UPGRADE,
    DOWNGRADE;

    /** {@code upgrade} or {@code downgrade}, as in output lines and the history table. */
    public String word() {
        return this == UPGRADE ? "upgrade" : "downgrade";
    }
}
