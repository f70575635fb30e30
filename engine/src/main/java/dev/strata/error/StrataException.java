package dev.strata.error;

/**
 * Base of every error Strata reports to a user. Each subclass carries the data of its failure and
 * builds its one-line message from it, once; the command line maps {@link #kind()} to an exit code.
 */
public abstract class StrataException extends RuntimeException {

    /** What kind of failure this is; decides the process exit code. */
    public enum Kind {
        /** A check found something: pending revisions, drift, a changed checksum. */
        CHECK_FAILED(1),
        /** Bad usage or bad input: config, scripts, revision expressions. */
        BAD_INPUT(2),
        /** The database could not be reached or refused the connection. */
        DATABASE(3),
        /** A migration step failed (and was rolled back where it ran in a transaction). */
        MIGRATION_FAILED(4);

        private final int exitCode;

        Kind(int exitCode) {
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    protected StrataException(String message) {
        super(message);
    }

    protected StrataException(String message, Throwable cause) {
        super(message, cause);
    }

    public abstract Kind kind();

    /** The process exit code: the kind's, unless the failure has a code of its own (a signal's). */
    public int exitCode() {
        return kind().exitCode();
    }
}
