package dev.strata.source;

import dev.strata.graph.Revision;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A Java migration: a {@code .java} file in a script location, compiled by Strata when a step needs
 * it, or a class found on the class path. Its revision comes from the {@code @Migration} annotation,
 * read from the source text without compiling; its body is what {@code upgrade(Ops)} and
 * {@code downgrade(Ops)} record, rendered to SQL.
 */
public final class JavaScript implements Script {

    /** Finds the compiled class of a Java migration (compiling it and its siblings on first use). */
    public interface Classes {
        Class<?> classOf(JavaScript script);

        /** The checksum remembered from an earlier rendering of this very source, or null. */
        default String cachedChecksum(JavaScript script) {
            return null;
        }

        /** Remembers the checksum of a rendering, for {@link #cachedChecksum}. */
        default void rememberChecksum(JavaScript script, String checksum) {}
    }

    private final Path path;
    private final Path location;
    private final Revision revision;
    private final Classes classes;
    private final JavaHeader header;

    public JavaScript(Path path, Path location, Revision revision, Classes classes) {
        this.path = path;
        this.location = location;
        this.revision = Objects.requireNonNull(revision, "revision");
        this.classes = Objects.requireNonNull(classes, "classes");
        this.header = null;
    }

    // A source file read but not yet bound to the batch that compiles it.
    JavaScript(Path path, Path location, Revision revision, JavaHeader header) {
        this.path = path;
        this.location = location;
        this.revision = revision;
        this.classes = script -> {
            throw new IllegalStateException("not bound to a compiler: " + script);
        };
        this.header = header;
    }

    JavaHeader header() {
        return header;
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public Path location() {
        return location;
    }

    @Override
    public Revision revision() {
        return revision;
    }

    /**
     * Compiles (or finds) the class, records both directions and renders them.
     *
     * @throws ScriptException when the source does not compile, the class is unusable, or the
     *                         migration's code fails while recording
     */
    @Override
    public Loaded load() {
        // JavaRendering holds every reference to the ops package (and so to jOOQ): loading this class
        // while reading headers must not pull them in.
        Loaded loaded = JavaRendering.load(this, classes.classOf(this));
        classes.rememberChecksum(this, loaded.checksum());
        return loaded;
    }

    /**
     * The checksum of what the migration renders; from the compile cache when this source was
     * rendered before, so verifying applied migrations neither compiles nor loads jOOQ.
     */
    @Override
    public String checksum() {
        String cached = classes.cachedChecksum(this);
        return cached != null ? cached : load().checksum();
    }

    @Override
    public String toString() {
        return "JavaScript[" + origin() + "]";
    }
}
