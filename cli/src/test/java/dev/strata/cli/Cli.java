package dev.strata.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Runs {@code migrate} in-process with captured output, in a project folder of the test's own. */
final class Cli {

    record Result(int code, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    private final Path dir;
    private final Map<String, String> env = new HashMap<>();

    Cli(Path dir) {
        this.dir = dir;
    }

    Cli env(String key, String value) {
        env.put(key, value);
        return this;
    }

    /**
     * Fails, saying why, when SIGINT is ignored in this JVM: the processes a test starts inherit that,
     * and a JVM installs no handler for a signal ignored at its start, so a Ctrl-C test would see SIGINT
     * do nothing. A background job of a script starts so (`mvn verify &` in a non-interactive shell);
     * bin/test restores SIGINT before it runs anything.
     */
    static void requireSigintDelivered() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    long ignored = Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16);
                    org.assertj.core.api.Assertions.assertThat(ignored & 2)
                            .as("SIGINT is ignored in this test JVM (started as a background job of a script?), so the"
                                    + " processes it starts would ignore it too: run the tests in the foreground or through bin/test")
                            .isZero();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), env, dir);
        return new Result(code, out.toString(), err.toString());
    }

    Path dir() {
        return dir;
    }

    /** Writes a file relative to the project folder. */
    Path write(String relative, String text) {
        Path p = dir.resolve(relative);
        try {
            Files.createDirectories(p.getParent());
            Files.writeString(p, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** A file's text, relative to the project folder. */
    String read(String relative) {
        try {
            return Files.readString(dir.resolve(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every regular file under the project folder, as relative paths, sorted. */
    List<String> files() {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A script with the given header lines and bodies. */
    static String script(String id, String down, String extraHeader, String upgrade, String downgrade) {
        return "-- revision: " + id + "\n-- down_revision: " + down + "\n" + extraHeader
                + "-- message: " + id + " step\n\n-- migrate:upgrade\n" + upgrade + "\n\n-- migrate:downgrade\n" + downgrade + "\n";
    }
}
