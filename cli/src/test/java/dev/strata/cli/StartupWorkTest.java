package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up thread leaves java.util.logging silent before a command may connect, and hands the
 * command the configuration it read ahead only when picocli agrees on the file.
 */
class StartupWorkTest {

    private static final String TOML = "[scripts]\nlocations = [\"s\"]\n[targets.app]\nurl = \"${APP_URL}\"\n";

    @TempDir
    Path dir;

    @Test
    void loggingIsSilentOnceAwaited() {
        StartupWork.start(null, new Environment(Map.of(), dir));
        StartupWork.awaitQuietLogging();
        Logger root = Logger.getLogger("");
        assertThat(root.getLevel()).isEqualTo(Level.OFF);
        assertThat(root.getHandlers()).as("no handler left to print to the console").isEmpty();
        assertThat(Logger.getLogger("org.postgresql.Driver").isLoggable(Level.SEVERE)).isFalse();
        assertThat(StartupWork.config(null)).as("no command named: nothing read ahead").isNull();
    }

    @Test
    void theConfigurationReadAheadIsTheOneTheCommandNames() throws IOException {
        Files.writeString(dir.resolve("other.toml"), TOML);
        Environment env = new Environment(Map.of("APP_URL", "jdbc:postgresql://h/db"), dir);

        StartupWork.start(new String[] {"--db", "app", "-c", "other.toml", "current"}, env);
        Config config = StartupWork.config("other.toml");
        assertThat(config).isNotNull();
        assertThat(config.target("app").url()).isEqualTo("jdbc:postgresql://h/db");
        assertThat(StartupWork.config("other.toml")).as("handed out once").isNull();

        StartupWork.start(new String[] {"-cother.toml", "current"}, env);
        assertThat(StartupWork.config("else.toml")).as("picocli parsed another file").isNull();
    }

    @Test
    void aConfigurationThatCannotBeReadIsLeftToTheCommand() throws IOException {
        Files.writeString(dir.resolve("migrate.toml"), "[targets.app\n");
        StartupWork.start(new String[] {"current"}, new Environment(Map.of(), dir));
        assertThat(StartupWork.config(null)).isNull();
    }

    @Test
    void readsTheConfigOptionInEveryFormPicocliTakes() {
        assertThat(StartupWork.configOption(new String[] {"-c", "a.toml", "current"})).isEqualTo("a.toml");
        assertThat(StartupWork.configOption(new String[] {"current", "--config", "b.toml"})).isEqualTo("b.toml");
        assertThat(StartupWork.configOption(new String[] {"--config=c.toml", "current"})).isEqualTo("c.toml");
        assertThat(StartupWork.configOption(new String[] {"-c=d.toml", "current"})).isEqualTo("d.toml");
        assertThat(StartupWork.configOption(new String[] {"-ce.toml", "current"})).isEqualTo("e.toml");
        assertThat(StartupWork.configOption(new String[] {"current", "--", "-c", "f.toml"})).isNull();
        assertThat(StartupWork.configOption(new String[] {"current", "-c"})).isNull();
        assertThat(StartupWork.configOption(new String[] {"upgrade", "head"})).isNull();
    }
}
