package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher as a user meets it: through a symlink from another folder, and from the install archive
 * unpacked into a read-only folder, where the start-up archive goes to the user's cache, made in the
 * background. Runs after {@code package}, so the jar and the install archive exist.
 */
class LauncherIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    @Test
    void runsThroughASymlinkFromAnyFolder() throws Exception {
        Path link = dir.resolve("bin/migrate");
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, ROOT.resolve("bin/migrate"));
        Run r = run(dir, Map.of("STRATA_ARCHIVE", "off"), link.toString(), "--version");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("strata ");
    }

    @Test
    void theInstallArchiveRunsFromAReadOnlyFolderAndCachesItsStartUpArchive() throws Exception {
        Path tar = ROOT.resolve("cli/target").resolve("strata-" + version() + ".tar.gz");
        assertThat(tar).exists();
        Path opt = Files.createDirectories(dir.resolve("opt"));
        assertThat(run(dir, Map.of(), "tar", "-xzf", tar.toString(), "-C", opt.toString()).code()).isZero();
        Path home = opt.resolve("strata-" + version());
        assertThat(home.resolve("bin/migrate")).isExecutable();
        assertThat(home.resolve("lib/migrate.jar")).exists();
        Path cache = dir.resolve("cache");
        // Read-only as far as the launcher can tell, also when the tests run as root: it tests -w on lib/.
        assertThat(home.resolve("lib").toFile().setWritable(false, false)).isTrue();
        Path link = Files.createDirectories(dir.resolve("bin")).resolve("migrate");
        Files.createSymbolicLink(link, home.resolve("bin/migrate"));
        try {
            Run r = run(dir, Map.of("XDG_CACHE_HOME", cache.toString()), link.toString(), "--version");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).startsWith("strata " + version());
            assertThat(r.err()).isEmpty();
            // Made in the background, after the command above returned: in the user's cache, or next to
            // the jar when the folder is writable after all (as it is for root).
            Path where = Files.isWritable(home.resolve("lib")) ? home.resolve("lib") : cache.resolve("strata");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!hasArchive(where) && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            assertThat(hasArchive(where)).as("a start-up archive in " + where).isTrue();
            Run again = run(dir, Map.of("XDG_CACHE_HOME", cache.toString()), link.toString(), "--version");
            assertThat(again.out()).startsWith("strata ");
        } finally {
            home.resolve("lib").toFile().setWritable(true, false);
        }
    }

    private static boolean hasArchive(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (var files = Files.list(folder)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".jsa"));
        }
    }

    private static String version() throws IOException {
        String pom = Files.readString(ROOT.resolve("pom.xml"));
        int start = pom.indexOf("<version>") + "<version>".length();
        return pom.substring(start, pom.indexOf("</version>", start));
    }

    private static Run run(Path cwd, Map<String, String> env, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(cwd.toFile());
        pb.environment().putAll(env);
        Path out = Files.createTempFile("launcher", ".out");
        Path err = Files.createTempFile("launcher", ".err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finishes").isTrue();
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
