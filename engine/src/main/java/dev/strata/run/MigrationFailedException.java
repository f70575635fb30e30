package dev.strata.run;

import dev.strata.error.StrataException;

/** A step failed: rolled back if it ran in a transaction, else left as reported. */
public final class MigrationFailedException extends StrataException {
    private final String revision;
    private final String file;
    private final int statement;
    private final int line;
    private final String serverMessage;

    public MigrationFailedException(String revision, String file, int statement, int line, String serverMessage, String consequence) {
        super("revision " + revision + " failed at statement " + statement + " (" + file + ":" + line + "): "
                + serverMessage.replaceAll("[.\\s]+$", "") + "; " + consequence);
        this.revision = revision;
        this.file = file;
        this.statement = statement;
        this.line = line;
        this.serverMessage = serverMessage;
    }

    public String revision() {
        return revision;
    }

    public String file() {
        return file;
    }

    /** 1-based number of the statement within its section. */
    public int statement() {
        return statement;
    }

    /** Line in the file where the error is (the statement's start, or where the server pointed). */
    public int line() {
        return line;
    }

    public String serverMessage() {
        return serverMessage;
    }

    @Override
    public Kind kind() {
        return Kind.MIGRATION_FAILED;
    }
}
