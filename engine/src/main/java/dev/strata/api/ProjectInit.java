package dev.strata.api;

import dev.strata.config.ConfigLoader;
import dev.strata.error.BadInputException;
import dev.strata.graph.Revision;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code migrate init}: a {@code migrate.toml} and one script folder per branch. */
public final class ProjectInit {

    private ProjectInit() {}

    /**
     * What {@link #create} did.
     *
     * @param created the folders and the config it created
     * @param kept    folders that existed, each with what it holds: they become script locations as they are
     */
    public record Result(List<Path> created, List<Kept> kept) {}

    /**
     * An existing folder taken as a script location.
     *
     * @param scripts     its Strata scripts ({@code .sql}, {@code .java}), now part of the revision graph
     * @param pythonFiles its {@code .py} files: Alembic revisions, which {@code migrate import alembic} converts
     */
    public record Kept(Path folder, long scripts, long pythonFiles) {}

    /**
     * Creates the folders and the config. Refuses, writing nothing, when {@code migrate.toml} exists.
     *
     * @param dir      the project folder
     * @param branches branch names, one location and target each; empty for a single {@code migrations} folder
     */
    public static Result create(Path dir, List<String> branches) {
        Path config = dir.resolve(ConfigLoader.DEFAULT_FILE);
        if (Files.exists(config)) {
            throw new BadInputException(config + " already exists; nothing was written");
        }
        for (String b : branches) {
            if (!Revision.isValidId(b) || b.contains(".")) {
                throw new BadInputException("branch name '" + b + "' may hold only letters, digits and '_'");
            }
        }
        List<String> folders = new ArrayList<>();
        if (branches.isEmpty()) {
            folders.add("migrations");
        } else {
            branches.forEach(b -> folders.add("branches/" + b));
        }
        StringBuilder toml = new StringBuilder();
        toml.append("# Strata configuration. Reference: docs/reference/config.md\n\n");
        toml.append("[scripts]\n# Scanned together: one revision graph.\nlocations = [");
        for (int i = 0; i < folders.size(); i++) {
            toml.append(i == 0 ? "" : ", ").append('"').append(folders.get(i)).append('"');
        }
        toml.append("]\n");
        if (branches.isEmpty()) {
            toml.append("\n[targets.default]\nurl = \"${DATABASE_URL:-jdbc:postgresql://localhost:5432/app}\"\n");
        }
        for (String b : branches) {
            boolean timescale = b.toLowerCase(Locale.ROOT).contains("timescale");
            String env = b.toUpperCase(Locale.ROOT) + "_URL";
            toml.append("\n[targets.").append(b).append("]\n")
                    .append("url = \"${").append(env).append(":-jdbc:postgresql://localhost:")
                    .append(timescale ? "5433" : "5432").append('/').append(b).append("}\"\n")
                    .append("branch = \"").append(b).append("\"\n");
            if (timescale) {
                toml.append("dialect = \"timescaledb\"\n");
            }
        }
        List<Path> created = new ArrayList<>();
        List<Kept> kept = new ArrayList<>();
        try {
            for (String f : folders) {
                Path p = dir.resolve(f);
                if (!Files.isDirectory(p)) {
                    Files.createDirectories(p);
                    created.add(p);
                } else {
                    kept.add(kept(p));
                }
            }
            // Not Files.createTempFile: that makes the file owner-only, and a config is shared like code.
            Path tmp = dir.resolve(".migrate.toml." + ProcessHandle.current().pid() + ".tmp");
            try {
                Files.writeString(tmp, toml, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                Files.move(tmp, config, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            created.add(config);
        } catch (FileAlreadyExistsException e) {
            throw new BadInputException(config + " already exists; nothing was written");
        } catch (IOException e) {
            throw new BadInputException("cannot write in " + dir + " (" + e.getClass().getSimpleName() + ")");
        }
        return new Result(created, kept);
    }

    private static Kept kept(Path folder) throws IOException {
        long scripts = 0;
        long python = 0;
        try (var files = Files.list(folder)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (name.endsWith(".sql") || name.endsWith(".java")) {
                    scripts++;
                } else if (name.endsWith(".py")) {
                    python++;
                }
            }
        }
        return new Kept(folder, scripts, python);
    }
}
