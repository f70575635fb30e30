package dev.strata.source;

import dev.strata.graph.Revision;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One {@code .sql} migration script. The header is read when the script is loaded; the body is
 * read from the file each time it is asked for, so building the graph never touches bodies. Nothing
 * is cached: the object itself never changes.
 */
public final class SqlScript implements Script {

    private final Path path;
    private final Path location;
    private final Revision revision;

    SqlScript(Path path, Path location, Revision revision) {
        this.path = Objects.requireNonNull(path, "path");
        this.location = Objects.requireNonNull(location, "location");
        this.revision = Objects.requireNonNull(revision, "revision");
    }

    // Reads path's header; the script's location is the folder it was found in.
    static SqlScript read(Path path, Path location) {
        return new SqlScript(path, location, ScriptFiles.readHeader(path));
    }

    /** The script file. */
    @Override
    public Path path() {
        return path;
    }

    /** The scanned folder the script came from. */
    @Override
    public Path location() {
        return location;
    }

    /** The revision the header declares; its origin is this script's path. */
    @Override
    public Revision revision() {
        return revision;
    }

    /**
     * Reads the whole file and splits both parts into statements.
     *
     * @throws ScriptException when the file cannot be read, is not UTF-8, its markers are out of
     *                         place, a quote or comment is never closed, or its header no longer
     *                         declares the revision it declared when loaded
     */
    public ScriptBody body() {
        return bodyOf(text());
    }

    /** The body and the checksum from one read of the file: what a run needs of each step. */
    @Override
    public Loaded load() {
        String text = text();
        return new Loaded(this, bodyOf(text), Checksum.of(text));
    }

    private ScriptBody bodyOf(String text) {
        Sections sections = Sections.of(path, text);
        if (!sections.revision().equals(revision)) {
            throw new ScriptException(path, "header changed since the scripts were loaded; load them again");
        }
        try {
            List<Statement> upgrade = StatementSplitter.split(sections.upgrade(), sections.upgradeLine());
            List<Statement> downgrade = StatementSplitter.split(sections.downgrade(), sections.downgradeLine());
            return new ScriptBody(upgrade, downgrade);
        } catch (ScriptException e) {
            throw e.file() == null ? e.in(path) : e;
        }
    }

    /** {@link Checksum#of} the whole file text; reads the file (without splitting it). */
    @Override
    public String checksum() {
        return Checksum.of(text());
    }

    /** The whole file text, decoded as strict UTF-8, without a leading byte-order mark; reads the file. */
    public String text() {
        return ScriptFiles.readText(path);
    }

    @Override
    public String toString() {
        return "SqlScript[" + path + "]";
    }
}
