package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher as a user meets it: through a symlink from another folder, and from the install archive
 * unpacked into a read-only folder, where the start-up archive goes to the user's cache, made in the
 * background; on a JDK 25 named by JAVA_HOME (an ahead-of-time cache) and on the JDK 17 the build
 * runs on (a static class-data-sharing archive), which a JDK 25 in /usr/lib/jvm does not displace. Runs after {@code package}, so
 * the jar and the install archive exist. Needs a JDK 25 in /usr/lib/jvm/*25* (or named by
 * STRATA_JAVA_HOME_25) and fails without one.
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
    void onAJdk25TheFirstRunStartsWithoutACacheAndTheNextUsesTheAotCacheMadeInTheBackground() throws Exception {
        Path home = install();
        Path jdk25 = jdk25();
        Path log1 = dir.resolve("run1.log");
        Path log2 = dir.resolve("run2.log");
        // The JDK 25 named the way most users name a JDK: JAVA_HOME.
        Map<String, String> env = new HashMap<>(Map.of("JAVA_HOME", jdk25.toString()));
        Map<String, String> first = new HashMap<>(env);
        first.put("JDK_JAVA_OPTIONS", "-Xlog:class+load:file=" + log1);
        Run r = run(dir, first, home.resolve("bin/migrate").toString(), "--version");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("strata ");
        assertThat(Files.readString(log1)).as("the first run's classes").contains("dev.strata.cli.Main")
            .doesNotContain("dev.strata.cli.Main source: shared objects file");
        assertThat(waitFor(home.resolve("lib/migrate.aot"))).as("an AOT cache next to the jar").isTrue();
        assertThat(Files.readString(home.resolve("lib/migrate.aot.path")))
            .contains(home.resolve("lib/migrate.jar").toString())
            .contains(jdk25.resolve("bin/java").toString());
        assertThat(home.resolve("lib/migrate.jsa")).doesNotExist();
        assertThat(home.resolve("lib").toFile().list()).as("no temporary files left").allMatch(
            f -> f.equals("migrate.jar") || f.startsWith("migrate.aot"));

        Map<String, String> second = new HashMap<>(env);
        second.put("JDK_JAVA_OPTIONS", "-Xlog:class+load:file=" + log2);
        Run again = run(dir, second, home.resolve("bin/migrate").toString(), "--version");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).startsWith("strata ");
        assertThat(again.err()).doesNotContain("warning").doesNotContain("AOT");
        assertThat(Files.readString(log2)).as("the second run's classes")
            .contains("dev.strata.cli.Main source: shared objects file");
    }

    @Test
    void onJava17TheLauncherKeepsTheClassDataSharingArchive() throws Exception {
        assertThat(Runtime.version().feature()).as("the build's own JDK is the Java 17 to test").isLessThan(25);
        assertThat(jdk25()).as("a JDK 25 in /usr/lib/jvm, which must not displace JAVA_HOME's").exists();
        Path home = install();
        Path log = dir.resolve("run.log");
        Map<String, String> env = Map.of("JAVA_HOME", System.getProperty("java.home"));
        Run r = run(dir, env, home.resolve("bin/migrate").toString(), "--version");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(waitFor(home.resolve("lib/migrate.jsa"))).as("a CDS archive next to the jar").isTrue();
        assertThat(home.resolve("lib/migrate.aot")).doesNotExist();
        Map<String, String> logged = new HashMap<>(env);
        logged.put("JDK_JAVA_OPTIONS", "-Xlog:class+load:file=" + log);
        Run again = run(dir, logged, home.resolve("bin/migrate").toString(), "--version");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).startsWith("strata ");
        assertThat(Files.readString(log)).contains("dev.strata.cli.Main source: shared objects file");
    }

    @Test
    void aJdkWithoutAReleaseFileRunsAsJava17WithoutAWord() throws Exception {
        // A JDK whose version cannot be read from its release file: the class-data-sharing path, quietly.
        Path jdk = Files.createDirectories(dir.resolve("jdk/bin"));
        Files.createSymbolicLink(jdk.resolve("java"), Path.of(System.getProperty("java.home"), "bin/java"));
        Path home = install();
        Run r = run(dir, Map.of("STRATA_JAVA_HOME", jdk.getParent().toString(), "STRATA_ARCHIVE", "off"),
            home.resolve("bin/migrate").toString(), "--version");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("strata ");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void aStrataJavaHomeWithoutJavaIsOneClearLine() throws Exception {
        Path home = install();
        Run r = run(dir, Map.of("STRATA_JAVA_HOME", dir.resolve("nothing").toString()),
            home.resolve("bin/migrate").toString(), "--version");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: STRATA_JAVA_HOME=" + dir.resolve("nothing") + " has no bin/java\n");
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
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".jsa")
                || f.getFileName().toString().endsWith(".aot"));
        }
    }

    /** The launcher and the jar copied as the install archive lays them out: bin/migrate, lib/migrate.jar. */
    private Path install() throws IOException {
        Path home = dir.resolve("strata");
        Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("lib"));
        Files.copy(ROOT.resolve("bin/migrate"), home.resolve("bin/migrate"));
        Files.copy(ROOT.resolve("cli/target/migrate.jar"), home.resolve("lib/migrate.jar"));
        return home;
    }

    private static Path jdk25() throws IOException {
        String named = System.getenv("STRATA_JAVA_HOME_25");
        if (named != null) {
            return Path.of(named);
        }
        try (var jdks = Files.newDirectoryStream(Path.of("/usr/lib/jvm"), "*25*")) {
            for (Path jdk : jdks) {
                if (Files.isExecutable(jdk.resolve("bin/java"))) {
                    return jdk;
                }
            }
        }
        throw new AssertionError("no JDK 25 in /usr/lib/jvm/*25*: install one (e.g. temurin-25-jdk) or set STRATA_JAVA_HOME_25");
    }

    /** Waits up to two minutes for an archive the launcher makes in the background, and for its lock to go. */
    private static boolean waitFor(Path archive) throws InterruptedException {
        Path lock = archive.resolveSibling(archive.getFileName() + ".lock");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!(Files.exists(archive) && !Files.exists(lock)) && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        return Files.exists(archive) && !Files.exists(lock);
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
