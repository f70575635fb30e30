package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The start-up thread leaves java.util.logging silent before a command may connect. */
class StartupWorkTest {

    @Test
    void loggingIsSilentOnceAwaited() {
        StartupWork.start(true);
        StartupWork.awaitQuietLogging();
        Logger root = Logger.getLogger("");
        assertThat(root.getLevel()).isEqualTo(Level.OFF);
        assertThat(root.getHandlers()).as("no handler left to print to the console").isEmpty();
        assertThat(Logger.getLogger("org.postgresql.Driver").isLoggable(Level.SEVERE)).isFalse();
    }
}
