package dev.strata.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The kit stands where the CLI does, on top of the engine: it uses the engine's entry points and
 * values (api, config, error, expr, plan, store's table names), never its machinery (run, db, source,
 * ops, ...), so that migrating in a test is exactly what {@code migrate upgrade} does.
 */
class ArchitectureTest {

    private static final List<String> ALLOWED = List.of("api", "config", "error", "expr", "plan", "store", "testkit");

    @Test
    void theKitReachesTheEngineOnlyThroughItsEntryPoints() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (line.startsWith("import dev.strata.")) {
                        String pkg = line.substring("import dev.strata.".length()).split("\\.")[0];
                        if (!ALLOWED.contains(pkg)) {
                            violations.add(file.getFileName() + ": " + line);
                        }
                    }
                    if (line.startsWith("import picocli")) {
                        violations.add(file.getFileName() + ": " + line + " (no CLI code)");
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }
}
