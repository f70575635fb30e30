package dev.strata.cli;

import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Work a command's start-up does on a second thread while picocli parses the command line on the
 * first (docs/benchmarks.md, "Start-up, quiet machine"):
 *
 * <ol>
 *   <li>silences java.util.logging, through which the PostgreSQL driver logs (a bad URL gives "WARNING:
 *       JDBC URL invalid port number" on stderr): Strata reports every problem itself, in one line, and
 *       nothing else may reach the terminal. Starting java.util.logging takes 15 to 40 ms.
 *       {@link #awaitQuietLogging()} waits for it before anything can log: before the configuration is
 *       read, which comes before every connection;</li>
 *   <li>when a command is named, initialises what it needs next: tomlj's parser (ANTLR builds its
 *       automata in static initialisers) and the locale data the driver's first connection reads (a
 *       calendar, a number format). Class initialisation runs once whichever thread asks first, so
 *       this only moves work off the main thread; measured, a command starts about 15 ms sooner.</li>
 * </ol>
 */
final class StartupWork {

    private static volatile CountDownLatch quiet;

    private StartupWork() {}

    /** Starts the thread; {@code command}: a command is named, so warm up what it will need. */
    static void start(boolean command) {
        CountDownLatch latch = new CountDownLatch(1);
        quiet = latch;
        // A subclass, not a lambda: bootstrapping a lambda costs the start-up more than it saves here.
        Thread t = new Thread("strata-start-up") {
            @Override
            public void run() {
                try {
                    silenceLogging();
                } finally {
                    latch.countDown();
                }
                if (command) {
                    warmUp();
                }
            }
        };
        t.setDaemon(true);
        t.start();
    }

    /** Returns once logging is silent; at once if {@link #start} never ran (tests call Main.run). */
    static void awaitQuietLogging() {
        CountDownLatch latch = quiet;
        if (latch == null) {
            return;
        }
        boolean interrupted = false;
        while (latch.getCount() > 0) {
            try {
                latch.await();
            } catch (InterruptedException e) {
                interrupted = true; // Ctrl-C is handled by Signals; finish waiting, then pass it on
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    static void silenceLogging() {
        LogManager.getLogManager().reset();
        Logger.getLogger("").setLevel(Level.OFF);
    }

    /** Nothing here may fail a command or be seen: it only initialises classes the command uses anyway. */
    private static void warmUp() {
        try {
            org.tomlj.Toml.parse("[a]\nb = [\"c\", 1]\n");
            new java.util.GregorianCalendar();
            java.text.NumberFormat.getIntegerInstance();
        } catch (RuntimeException | LinkageError ignored) {
            // the main thread meets the same problem, if it is one, and reports it
        }
    }
}
