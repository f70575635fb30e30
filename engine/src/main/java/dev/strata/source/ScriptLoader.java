package dev.strata.source;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

/** Finds the migrations of a project's script locations and reads their headers. */
public final class ScriptLoader {

    private ScriptLoader() {
    }

    /**
     * Loads every SQL script and Java migration of {@code locations} (see {@link #load(List)}), then
     * the Java migrations registered on the class path. Java sources are compiled, all at once, only
     * when the first of them is loaded for running or printing.
     *
     * @param compiler compiles the {@code .java} files when needed
     * @throws ScriptException as {@link #load(List)}, and for a registered class that is not a usable migration
     */
    public static List<Script> load(List<Path> locations, JavaMigrationCompiler compiler) {
        List<Script> scripts = new ArrayList<>(load(locations));
        List<JavaScript> java = new ArrayList<>();
        for (Script s : scripts) {
            if (s instanceof JavaScript j) {
                java.add(j);
            }
        }
        if (!java.isEmpty()) {
            JavaBatch batch = new JavaBatch(compiler);
            for (int i = 0; i < scripts.size(); i++) {
                if (scripts.get(i) instanceof JavaScript j) {
                    JavaScript bound = new JavaScript(j.path(), j.location(), j.revision(), batch);
                    batch.add(bound, j.header());
                    scripts.set(i, bound);
                }
            }
        }
        // A resource lookup, not a class-path scan: only a jar that registers migrations costs more.
        if (ScriptLoader.class.getClassLoader().getResource("META-INF/services/dev.strata.ops.JavaMigration") != null) {
            for (JavaMigrationClass c : JavaMigrationClass.registered()) {
                scripts.add(new JavaScript(null, null, c.revision(), script -> c.type()));
            }
        }
        return Collections.unmodifiableList(scripts);
    }

    /** The Java sources of one project, compiled together the first time one of them is needed. */
    private static final class JavaBatch implements JavaScript.Classes {
        private final JavaMigrationCompiler compiler;
        private final List<JavaScript> scripts = new ArrayList<>();
        private final List<JavaHeader> headers = new ArrayList<>();
        private final java.util.Map<JavaScript, JavaHeader> headerOf = new java.util.IdentityHashMap<>();
        private java.util.Map<JavaScript, Class<?>> classes;

        JavaBatch(JavaMigrationCompiler compiler) {
            this.compiler = compiler;
        }

        void add(JavaScript script, JavaHeader header) {
            scripts.add(script);
            headers.add(header);
            headerOf.put(script, header);
        }

        @Override
        public synchronized Class<?> classOf(JavaScript script) {
            if (classes == null) {
                List<JavaMigrationClass> loaded = compiler.load(headers);
                java.util.Map<JavaScript, Class<?>> map = new java.util.IdentityHashMap<>();
                for (int i = 0; i < scripts.size(); i++) {
                    map.put(scripts.get(i), loaded.get(i).type());
                }
                classes = map;
            }
            return classes.get(script);
        }

        @Override
        public String cachedChecksum(JavaScript script) {
            return compiler.cachedChecksum(header(script));
        }

        @Override
        public void rememberChecksum(JavaScript script, String checksum) {
            compiler.rememberChecksum(header(script), checksum);
        }

        private JavaHeader header(JavaScript script) {
            JavaHeader header = headerOf.get(script);
            if (header == null) {
                throw new IllegalArgumentException("not in this batch: " + script);
            }
            return header;
        }
    }

    /**
     * Loads every script of {@code locations}: the locations in the order given, and inside each the
     * regular files whose names end in {@code .sql}, sorted by file name; sub-folders are not entered
     * and other files are ignored. Only headers are read.
     *
     * @throws ScriptException for a location that is missing, not a folder or unreadable, and for the
     *                         first script (in that order) whose header cannot be read
     */
    public static List<Script> load(List<Path> locations) {
        List<Path> files = new ArrayList<>();
        List<Path> owners = new ArrayList<>();
        for (Path location : locations) {
            for (String name : sqlFileNames(location)) {
                files.add(location.resolve(name));
                owners.add(location);
            }
        }
        // Headers are read in parallel, but results land by index, so the order, and which error is
        // reported when several scripts are bad, never depend on thread timing.
        Loaded[] loaded = IntStream.range(0, files.size())
                .parallel()
                .mapToObj(i -> loadOne(files.get(i), owners.get(i)))
                .toArray(Loaded[]::new);
        List<Script> scripts = new ArrayList<>(loaded.length);
        for (Loaded one : loaded) {
            if (one.error() != null) {
                throw one.error();
            }
            if (one.script() != null) {
                scripts.add(one.script());
            }
        }
        return Collections.unmodifiableList(scripts);
    }

    private static List<String> sqlFileNames(Path location) {
        List<String> names = new ArrayList<>();
        // java.io.File.list() hands back bare names without building a Path per entry, which is
        // most of a listing's cost; it says nothing about failures, so those go through NIO.
        String[] all = location.getFileSystem() == FileSystems.getDefault() ? location.toFile().list() : null;
        if (all != null) {
            for (String name : all) {
                if (isMigration(name)) {
                    names.add(name);
                }
            }
        } else {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(location)) {
                for (Path entry : entries) {
                    String name = entry.getFileName().toString();
                    if (isMigration(name)) {
                        names.add(name);
                    }
                }
            } catch (IOException e) {
                throw new ScriptException(location, 0, "script location: " + ScriptFiles.describe(e, true), e);
            } catch (DirectoryIteratorException e) {
                throw new ScriptException(location, 0, "script location: " + ScriptFiles.describe(e.getCause(), true), e);
            }
        }
        Collections.sort(names);
        return names;
    }

    // Hidden files are skipped: an editor's or a writer's temporary file is not a migration.
    private static boolean isMigration(String name) {
        return (name.endsWith(".sql") || name.endsWith(".java")) && !name.startsWith(".");
    }

    private static Loaded loadOne(Path file, Path location) {
        // Skips folders, FIFOs (opening one would block) and dangling links named *.sql.
        if (!ScriptFiles.isRegularFile(file)) {
            return Loaded.NOTHING;
        }
        try {
            if (file.getFileName().toString().endsWith(".java")) {
                JavaHeader header = JavaHeader.read(file);
                return new Loaded(new JavaScript(file, location, header.revision(), header), null);
            }
            return new Loaded(SqlScript.read(file, location), null);
        } catch (ScriptException e) {
            return new Loaded(null, e);
        }
    }

    private record Loaded(Script script, ScriptException error) {
        static final Loaded NOTHING = new Loaded(null, null);
    }
}
