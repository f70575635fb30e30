package dev.strata.run;

import dev.strata.error.StrataException;

/** A step left an invalid index (a failed or interrupted CREATE INDEX CONCURRENTLY) that could not be rebuilt. */
public final class InvalidIndexException extends StrataException {

    public InvalidIndexException(String message) {
        super(message);
    }

    @Override
    public Kind kind() {
        return Kind.MIGRATION_FAILED;
    }
}
