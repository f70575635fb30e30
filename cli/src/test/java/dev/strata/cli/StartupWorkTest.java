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
        Environment env = new Environment(Map.of(), dir);
        StartupWork.start(false, null, env);
        StartupWork.awaitQuietLogging();
        Logger root = Logger.getLogger("");
        assertThat(root.getLevel()).isEqualTo(Level.OFF);
        assertThat(root.getHandlers()).as("no handler left to print to the console").isEmpty();
        assertThat(Logger.getLogger("org.postgresql.Driver").isLoggable(Level.SEVERE)).isFalse();
        assertThat(StartupWork.config(null, env)).as("no command named: nothing read ahead").isNull();
    }

    @Test
    void theConfigurationReadAheadIsTheOneTheCommandNames() throws IOException {
        Files.writeString(dir.resolve("other.toml"), TOML);
        Environment env = new Environment(Map.of("APP_URL", "jdbc:postgresql://h/db"), dir);

        StartupWork.start(true, "other.toml", env);
        Config config = StartupWork.config("other.toml", env);
        assertThat(config).isNotNull();
        assertThat(config.target("app").url()).isEqualTo("jdbc:postgresql://h/db");
        assertThat(StartupWork.config("other.toml", env)).as("handed out once").isNull();

        StartupWork.start(true, "other.toml", env);
        assertThat(StartupWork.config("else.toml", env)).as("picocli parsed another file").isNull();

        StartupWork.start(true, "other.toml", env);
        Environment elsewhere = new Environment(Map.of("APP_URL", "jdbc:postgresql://h/db"), dir.resolve("sub"));
        assertThat(StartupWork.config("other.toml", elsewhere)).as("another run's environment").isNull();
    }

    @Test
    void aConfigurationThatCannotBeReadIsLeftToTheCommand() throws IOException {
        Environment env = new Environment(Map.of(), dir);
        Files.writeString(dir.resolve("migrate.toml"), "[targets.app\n");
        StartupWork.start(true, null, env);
        assertThat(StartupWork.config(null, env)).as("not TOML").isNull();

        Files.createDirectory(dir.resolve("folder.toml"));
        StartupWork.start(true, "folder.toml", env);
        assertThat(StartupWork.config("folder.toml", env)).as("not a regular file").isNull();

        StartupWork.start(true, "missing.toml", env);
        assertThat(StartupWork.config("missing.toml", env)).as("no such file").isNull();
    }

    @Test
    void readsTheConfigOptionInEveryFormPicocliTakesOnItsOwn() {
        assertThat(Main.configOption(new String[] {"-c", "a.toml", "current"})).isEqualTo("a.toml");
        assertThat(Main.configOption(new String[] {"current", "--config", "b.toml"})).isEqualTo("b.toml");
        assertThat(Main.configOption(new String[] {"--config=c.toml", "current"})).isEqualTo("c.toml");
        assertThat(Main.configOption(new String[] {"-c=d.toml", "current"})).isEqualTo("d.toml");
        assertThat(Main.configOption(new String[] {"-ce.toml", "current"})).isEqualTo("e.toml");
        assertThat(Main.configOption(new String[] {"current", "--", "-c", "f.toml"})).isNull();
        assertThat(Main.configOption(new String[] {"current", "-c"})).isNull();
        assertThat(Main.configOption(new String[] {"upgrade", "head"})).isNull();
        assertThat(Main.commandName(new String[] {"-c", "current", "upgrade"})).as("the two scans agree").isEqualTo("upgrade");
    }
}
