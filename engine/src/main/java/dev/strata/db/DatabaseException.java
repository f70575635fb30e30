package dev.strata.db;

import dev.strata.error.StrataException;

/** A target could not be reached, refused the connection, or a lock could not be had in time. */
public final class DatabaseException extends StrataException {
    private final String target;

    /**
     * @param target  the target's name
     * @param message what happened, with any password already masked
     */
    public DatabaseException(String target, String message) {
        super("target '" + target + "': " + message);
        this.target = target;
    }

    public String target() {
        return target;
    }

    @Override
    public Kind kind() {
        return Kind.DATABASE;
    }
}
