package dev.strata.run;

import dev.strata.error.StrataException;

/** A run stopped because it was asked to (a signal): says where it stopped and what state it left. */
public final class RunStoppedException extends StrataException {
    private final int exitCode;

    public RunStoppedException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    @Override
    public Kind kind() {
        return Kind.MIGRATION_FAILED;
    }

    @Override
    public int exitCode() {
        return exitCode;
    }
}
