package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.testing.TestDatabase;
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
 * Colour and progress on a real terminal (a pseudo-terminal from util-linux's {@code script}), and
 * none of it when the output is piped or {@code NO_COLOR} is set.
 */
class TerminalCliIT {

    private static final Path LAUNCHER = Path.of("..").toAbsolutePath().normalize().resolve("bin/migrate");
    private static final String ESC = "\u001b[";

    @TempDir
    Path dir;

    @Test
    void errorsAreRedOnATerminalOnly() throws Exception {
        String onTerminal = onTerminal(Map.of(), "histroy");
        assertThat(onTerminal).contains(ESC + "1m" + ESC + "31merror:" + ESC + "0m unknown command 'histroy'", "Did you mean 'history'?");
        assertThat(onTerminal(Map.of("NO_COLOR", "1"), "histroy")).contains("error: unknown command 'histroy'").doesNotContain(ESC);
        assertThat(onTerminal(Map.of("TERM", "dumb"), "histroy")).doesNotContain(ESC);
        assertThat(piped(Map.of(), "histroy")).contains("error: unknown command 'histroy'").doesNotContain(ESC);
    }

    @Test
    void aLongStepShowsWhichStepOfHowManyAndTheTimeOnATerminalOnly() throws Exception {
        try (TestDatabase db = TestDatabase.create("terminal")) {
            Files.writeString(dir.resolve("migrate.toml"), "[scripts]\nlocations = [\"m\"]\n[targets.app]\nurl = \"" + db.jdbcUrl() + "\"\n");
            Files.createDirectories(dir.resolve("m"));
            Files.writeString(dir.resolve("m/a1.sql"), Cli.script("a1", "", "", "SELECT 1;", "SELECT 1;"));
            Files.writeString(dir.resolve("m/a2.sql"), Cli.script("a2", "a1", "", "SELECT pg_sleep(3.5);", "SELECT 1;"));
            String shown = onTerminal(Map.of(), "upgrade", "heads");
            assertThat(shown).contains("Running upgrade a1 -> a2", "\r" + ESC + "K[2/2] upgrade a2  2s (run ", "\r" + ESC + "K[2/2] upgrade a2  3s");
            assertThat(shown).doesNotContain("[1/2]"); // a quick step shows nothing
            assertThat(db.column("SELECT version_num FROM strata_version")).containsExactly("a2");

            Files.writeString(dir.resolve("m/a3.sql"), Cli.script("a3", "a2", "", "SELECT pg_sleep(2.5);", "SELECT 1;"));
            String quiet = piped(Map.of(), "upgrade", "heads");
            assertThat(quiet).contains("Running upgrade a2 -> a3").doesNotContain("[1/1]").doesNotContain(ESC).doesNotContain("\r");
        }
    }

    /** The launcher's output under a pseudo-terminal: stdout and stderr together, as a person sees them. */
    private String onTerminal(Map<String, String> env, String... args) throws Exception {
        StringBuilder command = new StringBuilder(LAUNCHER.toString());
        for (String a : args) {
            command.append(" '").append(a).append("'");
        }
        return run(env, "script", "-qec", command.toString(), "/dev/null");
    }

    private String piped(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        return run(env, command.toArray(String[]::new));
    }

    private String run(Map<String, String> env, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().remove("NO_COLOR");
        pb.environment().put("TERM", "xterm");
        pb.environment().put("STRATA_ARCHIVE", "off");
        pb.environment().putAll(env);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Process p = pb.redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finishes").isTrue();
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
