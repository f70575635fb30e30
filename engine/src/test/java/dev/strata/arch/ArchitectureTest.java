package dev.strata.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Holds the dependency rules of STYLE.md: the pure packages do no I/O, and packages depend one way
 * ({@code api -> run -> (store, source, config) -> plan -> expr -> graph}).
 */
class ArchitectureTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/strata");

    /** For each package, the dev.strata packages it must not import, and whether it must stay pure. */
    private static final Map<String, List<String>> FORBIDDEN = Map.ofEntries(
            Map.entry("graph", List.of("expr", "plan", "source", "config", "store", "run", "api", "catalog")),
            Map.entry("expr", List.of("plan", "source", "config", "store", "run", "api", "catalog")),
            Map.entry("plan", List.of("source", "config", "store", "run", "api", "catalog")),
            Map.entry("store", List.of("source", "config", "run", "api")),
            Map.entry("source", List.of("plan", "expr", "store", "run", "api", "config")),
            Map.entry("config", List.of("graph", "expr", "plan", "source", "store", "run", "api")),
            Map.entry("run", List.of("api")),
            Map.entry("fleet", List.of("api", "graph", "expr", "plan", "source", "store")),
            Map.entry("ops", List.of("expr", "plan", "source", "config", "store", "run", "api", "db", "schema", "diff", "catalog")),
            // Autogenerate's three rooms: catalog (reads a database) -> schema (values) <- diff (pure).
            Map.entry("schema", List.of("graph", "expr", "plan", "source", "config", "store", "run", "api", "db", "diff", "catalog")),
            Map.entry("diff", List.of("expr", "plan", "source", "config", "store", "run", "api", "db", "catalog")),
            Map.entry("catalog", List.of("expr", "plan", "source", "config", "store", "run", "api", "diff")),
            // The scratch database replays SQL and hands the connection to catalog; it decides nothing.
            Map.entry("scratch", List.of("graph", "expr", "plan", "store", "run", "api", "diff", "catalog", "ops")));

    private static final List<String> PURE = List.of("graph", "expr", "plan", "ops", "schema", "diff");
    private static final List<String> IO_IMPORTS = List.of(
            "import java.sql", "import java.nio.file", "import java.io.File", "import com.zaxxer", "import picocli", "import org.postgresql");

    static Stream<String> packages() {
        return FORBIDDEN.keySet().stream().sorted();
    }

    @ParameterizedTest
    @MethodSource("packages")
    void packageImportsOnlyWhatItMay(String pkg) throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.list(SOURCES.resolve(pkg))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (!line.startsWith("import ")) {
                        continue;
                    }
                    for (String other : FORBIDDEN.get(pkg)) {
                        if (line.startsWith("import dev.strata." + other + ".")) {
                            violations.add(file.getFileName() + ": " + line);
                        }
                    }
                    if (PURE.contains(pkg) && IO_IMPORTS.stream().anyMatch(line::startsWith)) {
                        violations.add(file.getFileName() + ": " + line + " (a pure package does no I/O)");
                    }
                    if (line.startsWith("import picocli")) {
                        violations.add(file.getFileName() + ": " + line + " (the engine has no CLI code)");
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }
}
