package dev.strata.api;

import dev.strata.error.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Where an Alembic project keeps its revision files: from alembic.ini, a script folder, or the versions folder. */
final class AlembicProject {

    private AlembicProject() {}

    /**
     * The versions folders: alembic.ini's {@code version_locations}, else its {@code script_location}'s
     * {@code versions/}; without an ini, {@code DIR/versions} if there is one, else DIR itself.
     */
    static List<Path> versionFolders(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir + " is not a folder; give the folder that holds alembic.ini, or the versions folder");
        }
        Path ini = dir.resolve("alembic.ini");
        List<Path> out = new ArrayList<>();
        if (Files.isRegularFile(ini)) {
            String scriptLocation = setting(ini, "script_location");
            if (scriptLocation == null) {
                throw new BadInputException(ini + ": no script_location in its [alembic] section");
            }
            String versionLocations = setting(ini, "version_locations");
            if (versionLocations != null && !versionLocations.isBlank()) {
                for (String p : versionLocations.split("[\\s,]+")) {
                    out.add(resolve(dir, p));
                }
            } else {
                out.add(resolve(dir, scriptLocation).resolve("versions"));
            }
        } else if (Files.isDirectory(dir.resolve("versions"))) {
            out.add(dir.resolve("versions"));
        } else {
            out.add(dir);
        }
        for (Path p : out) {
            if (!Files.isDirectory(p)) {
                throw new BadInputException("the Alembic versions folder " + p + " does not exist");
            }
        }
        return out;
    }

    /** The folder Alembic runs from, whose modules revision files may import ({@code prepend_sys_path = .}). */
    static Path projectRoot(Path dir) {
        if (Files.isRegularFile(dir.resolve("alembic.ini")) || Files.isDirectory(dir.resolve("versions"))) {
            return Files.isRegularFile(dir.resolve("alembic.ini")) ? dir : dir.toAbsolutePath().getParent();
        }
        Path parent = dir.toAbsolutePath().getParent();
        return parent == null || parent.getParent() == null ? parent : parent.getParent();
    }

    private static Path resolve(Path dir, String written) {
        String p = written.replace("%(here)s", dir.toAbsolutePath().toString());
        Path path = Path.of(p);
        return path.isAbsolute() ? path : dir.resolve(path);
    }

    /** A key of the ini's [alembic] section, or null. */
    private static String setting(Path ini, String key) {
        try {
            boolean inSection = false;
            for (String raw : Files.readAllLines(ini, StandardCharsets.UTF_8)) {
                String line = raw.strip();
                if (line.startsWith("[")) {
                    inSection = line.equals("[alembic]");
                } else if (inSection && !line.startsWith("#") && !line.startsWith(";")) {
                    int eq = line.indexOf('=');
                    if (eq > 0 && line.substring(0, eq).strip().equals(key)) {
                        return line.substring(eq + 1).strip();
                    }
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
