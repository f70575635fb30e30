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

/** Finds the SQL scripts of a project's script locations and reads their headers. */
public final class ScriptLoader {

    private ScriptLoader() {
    }

    /**
     * Loads every script of {@code locations}: the locations in the order given, and inside each the
     * regular files whose names end in {@code .sql}, sorted by file name; sub-folders are not entered
     * and other files are ignored. Only headers are read.
     *
     * @throws ScriptException for a location that is missing, not a folder or unreadable, and for the
     *                         first script (in that order) whose header cannot be read
     */
    public static List<SqlScript> load(List<Path> locations) {
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
        List<SqlScript> scripts = new ArrayList<>(loaded.length);
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
                if (name.endsWith(".sql")) {
                    names.add(name);
                }
            }
        } else {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(location)) {
                for (Path entry : entries) {
                    String name = entry.getFileName().toString();
                    if (name.endsWith(".sql")) {
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

    private static Loaded loadOne(Path file, Path location) {
        // Skips folders, FIFOs (opening one would block) and dangling links named *.sql.
        if (!ScriptFiles.isRegularFile(file)) {
            return Loaded.NOTHING;
        }
        try {
            return new Loaded(SqlScript.read(file, location), null);
        } catch (ScriptException e) {
            return new Loaded(null, e);
        }
    }

    private record Loaded(SqlScript script, ScriptException error) {
        static final Loaded NOTHING = new Loaded(null, null);
    }
}
