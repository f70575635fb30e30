package dev.strata.cli;

import dev.strata.config.Config;
import dev.strata.config.ConfigLoader;
import dev.strata.db.TargetDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Work a command's start-up does on a second thread while picocli reads the command line on the first
 * (docs/benchmarks.md, "Start-up, quiet machine" and "Start-up: work moved off the main thread"):
 *
 * <ol>
 *   <li>silences java.util.logging, through which the PostgreSQL driver logs (a bad URL gives "WARNING:
 *       JDBC URL invalid port number" on stderr): Strata reports every problem itself, in one line, and
 *       nothing else may reach the terminal. Starting java.util.logging takes 15 to 40 ms.
 *       {@link #awaitQuietLogging()} waits for it before anything can log: before the configuration is
 *       read, which comes before every connection;</li>
 *   <li>when a command is named, reads the configuration the arguments name ({@code -c FILE}, else
 *       MIGRATE_CONFIG, else {@code migrate.toml}) if it is a regular file (a pipe such as
 *       {@code /dev/stdin} can be read only once). The command takes it with {@link #config} when
 *       picocli parsed the same {@code -c} value in the same environment; otherwise, and when the read
 *       failed, the command reads the file itself and reports any error as always;</li>
 *   <li>then does the once-a-process work of the driver's first connection ({@link
 *       TargetDatabase#warmUp()}) and initialises the locale data it reads (a calendar, a number
 *       format). Class initialisation runs once whichever thread asks first, so this only moves work
 *       off the main thread.</li>
 * </ol>
 */
final class StartupWork {

    /**
     * A configuration being read ahead: the {@code -c} value and environment it is read for, and the
     * configuration (null if it could not be read).
     */
    private record ReadAhead(String option, Environment environment, CompletableFuture<Config> config) {}

    private static volatile CountDownLatch quiet;
    private static volatile ReadAhead readAhead;

    private StartupWork() {}

    /**
     * Starts the thread.
     *
     * @param command      whether the arguments name a command; if not (help, a typo) only logging is
     *                     silenced
     * @param configOption the {@code -c} value the arguments give ({@link Main#configOption}), or null
     * @param environment  where the configuration is looked for
     */
    static void start(boolean command, String configOption, Environment environment) {
        CountDownLatch latch = new CountDownLatch(1);
        quiet = latch;
        ReadAhead ahead = command ? new ReadAhead(configOption, environment, new CompletableFuture<>()) : null;
        readAhead = ahead;
        // A subclass, not a lambda: bootstrapping a lambda costs the start-up more than it saves here.
        Thread t = new Thread("strata-start-up") {
            @Override
            public void run() {
                Config config = null;
                try {
                    try {
                        silenceLogging();
                    } finally {
                        latch.countDown();
                    }
                    if (ahead != null) {
                        config = read(ahead.option(), ahead.environment());
                    }
                } finally {
                    // Whatever happened, the command never waits for this in vain.
                    if (ahead != null) {
                        ahead.config().complete(config);
                    }
                }
                if (ahead != null) {
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

    /**
     * The configuration read ahead, if it was read for this {@code -c} value (null: none given) in
     * this environment and read without error; else null, and the caller reads it. Waits for it only
     * when it is the one asked for. Hands it out once.
     */
    static Config config(String option, Environment environment) {
        ReadAhead ahead = readAhead;
        readAhead = null;
        if (ahead == null || !Objects.equals(ahead.option(), option) || !ahead.environment().equals(environment)) {
            return null;
        }
        return ahead.config().join();
    }

    static void silenceLogging() {
        LogManager.getLogManager().reset();
        Logger.getLogger("").setLevel(Level.OFF);
    }

    /**
     * The configuration, or null if it is not a regular file or cannot be read (the command reads it
     * again and says why). Errors too are left to the command, out of memory included: it meets them
     * again and reports them its own way.
     */
    private static Config read(String option, Environment environment) {
        try {
            ConfigLoader loader = new ConfigLoader(environment.variables());
            Path file = loader.locate(option, environment.workingDir());
            return Files.isRegularFile(file) ? loader.load(file) : null;
        } catch (RuntimeException | Error e) {
            return null;
        }
    }

    /** Nothing here may fail a command or be seen: it only initialises classes the command uses anyway. */
    private static void warmUp() {
        try {
            TargetDatabase.warmUp();
            new java.util.GregorianCalendar();
            java.text.NumberFormat.getIntegerInstance();
        } catch (RuntimeException | LinkageError ignored) {
            // the main thread meets the same problem, if it is one, and reports it
        }
    }
}
