package dev.strata.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The SQL of Alembic revisions, rendered by Alembic itself in offline mode: a small Python script
 * (alembic_sql.py, beside this class) run with an interpreter that can import alembic. Alembic is the
 * only thing that knows what its operations mean in SQL; reimplementing them would be a guess.
 */
final class AlembicSql {

    /** One part's SQL, or why there is none. */
    record Part(String sql, String error) {}

    /**
     * @param parts by {@code "<revision> upgrade"} / {@code "<revision> downgrade"}
     * @param notes what kept Alembic from rendering, if anything
     */
    record Rendered(Map<String, Part> parts, List<String> notes) {}

    private static final long TIMEOUT_SECONDS = 300;

    private AlembicSql() {}

    static Rendered render(Path root, List<Path> versions, String python) {
        String interpreter = python != null ? (importsAlembic(python) ? python : null) : findPython();
        if (interpreter == null && python != null) {
            return new Rendered(Map.of(), List.of("--python " + python + " cannot import alembic: headers converted, "
                    + "each body left as a TODO that refuses to run"));
        }
        if (interpreter == null) {
            return new Rendered(Map.of(), List.of("Alembic is not installed for python3 ('import alembic' failed): headers converted, "
                    + "each body left as a TODO that refuses to run. Install Alembic (Debian: apt-get install python3-alembic), "
                    + "or run in the virtualenv your project uses, or pass --python, and import again"));
        }
        Path script = null;
        try {
            script = Files.createTempFile("strata-alembic", ".py");
            try (InputStream in = AlembicSql.class.getResourceAsStream("alembic_sql.py")) {
                Files.write(script, in.readAllBytes());
            }
            List<String> command = new ArrayList<>(List.of(interpreter, script.toString()));
            versions.forEach(v -> command.add(v.toAbsolutePath().toString()));
            ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile());
            pb.environment().merge("PYTHONPATH", root.toAbsolutePath().toString(), (a, b) -> b + java.io.File.pathSeparator + a);
            Path stderr = Files.createTempFile("strata-alembic", ".err");
            pb.redirectError(stderr.toFile());
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            boolean done = p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            String err = Files.readString(stderr, StandardCharsets.UTF_8).strip();
            Files.deleteIfExists(stderr);
            if (!done) {
                p.destroyForcibly();
                return failed("Alembic did not finish rendering within " + TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() != 0) {
                String last = err.isEmpty() ? "exit code " + p.exitValue() : err.substring(err.lastIndexOf('\n') + 1);
                return failed("Alembic could not load the revisions (" + last + ")");
            }
            return new Rendered(parse(out), List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed("interrupted while Alembic rendered the revisions");
        } finally {
            if (script != null) {
                try {
                    Files.deleteIfExists(script);
                } catch (IOException ignored) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }

    private static Rendered failed(String why) {
        return new Rendered(Map.of(), List.of(why + ": headers converted, each body left as a TODO that refuses to run"));
    }

    private static Map<String, Part> parse(String out) {
        Map<String, Part> parts = new HashMap<>();
        for (String line : out.split("\n")) {
            String[] f = line.split("\t", -1);
            if (f.length != 4) {
                continue; // a revision module's own print()
            }
            String text = new String(Base64.getDecoder().decode(f[3]), StandardCharsets.UTF_8);
            parts.put(f[0] + " " + f[1], f[2].equals("ok") ? new Part(text, null) : new Part(null, text));
        }
        return parts;
    }

    /** {@code python3} on the PATH if it can import alembic, else Debian's {@code /usr/bin/python3}, else null. */
    private static String findPython() {
        for (String candidate : List.of("python3", "/usr/bin/python3")) {
            if (importsAlembic(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static boolean importsAlembic(String python) {
        try {
            Process p = new ProcessBuilder(python, "-c", "import alembic").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor(30, TimeUnit.SECONDS)) {
                return p.exitValue() == 0;
            }
            p.destroyForcibly();
            return false;
        } catch (IOException e) {
            return false; // no such interpreter
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
