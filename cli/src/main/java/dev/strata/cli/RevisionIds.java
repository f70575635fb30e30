package dev.strata.cli;

import java.security.SecureRandom;

/** New revision ids: 12 lowercase hex characters, as Alembic makes them. */
final class RevisionIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private RevisionIds() {}

    static String random() {
        return String.format("%012x", RANDOM.nextLong() & 0xffffffffffffL);
    }
}
