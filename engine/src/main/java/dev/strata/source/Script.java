package dev.strata.source;

import dev.strata.graph.Revision;
import java.nio.file.Path;

/**
 * A migration: a {@code .sql} script or a Java migration. Its revision is known from its header
 * alone; its body (statements) is produced only when a step runs or is printed.
 */
public sealed interface Script permits SqlScript, JavaScript {

    /** The revision the header (or annotation) declares. */
    Revision revision();

    /** The file the migration came from, or null for a class found on the class path. */
    Path path();

    /** The scanned folder the migration was found in, or null for a class on the class path. */
    Path location();

    /** Where the migration came from, for messages: its file, or {@code classpath:<class>}. */
    default String origin() {
        return path() != null ? path().toString() : revision().origin();
    }

    /**
     * The body and checksum, from one read.
     *
     * @throws ScriptException when the migration cannot be read, split, compiled or recorded
     */
    Loaded load();

    /** {@link #load()}'s checksum alone. */
    default String checksum() {
        return load().checksum();
    }

    /**
     * A migration read for running.
     *
     * @param script   the migration
     * @param body     its statements
     * @param checksum {@link Checksum#of} its text (for Java, of its rendered statements)
     */
    record Loaded(Script script, ScriptBody body, String checksum) {}
}
