package dev.strata.cli;

import dev.strata.config.Config;
import dev.strata.config.ConfigLoader;
import dev.strata.db.TargetDatabase;
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
 *       MIGRATE_CONFIG, else {@code migrate.toml}), which the command takes with {@link #config} if
 *       picocli agrees on the file; if the read fails, the command reads the file again itself and
 *       reports the error as always;</li>
 *   <li>then does the once-a-process work of the driver's first connection ({@link
 *       TargetDatabase#warmUp()}) and initialises the locale data it reads (a calendar, a number
 *       format). Class initialisation runs once whichever thread asks first, so this only moves work
 *       off the main thread.</li>
 * </ol>
 */
final class StartupWork {

    /** A configuration read ahead: the {@code -c} value it was read for, and the result (null: failed). */
    private record ReadAhead(String option, Config config) {}

    private static volatile CountDownLatch quiet;
    private static volatile CompletableFuture<ReadAhead> readAhead;

    private StartupWork() {}

    /**
     * Starts the thread.
     *
     * @param args        the command line; null when it names no command (help, a typo): then only
     *                    logging is silenced
     * @param environment where the configuration is looked for
     */
    static void start(String[] args, Environment environment) {
        CountDownLatch latch = new CountDownLatch(1);
        quiet = latch;
        CompletableFuture<ReadAhead> config = args == null ? null : new CompletableFuture<>();
        readAhead = config;
        // A subclass, not a lambda: bootstrapping a lambda costs the start-up more than it saves here.
        Thread t = new Thread("strata-start-up") {
            @Override
            public void run() {
                try {
                    silenceLogging();
                } finally {
                    latch.countDown();
                }
                if (config != null) {
                    String option = configOption(args);
                    config.complete(new ReadAhead(option, read(option, environment)));
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
     * The configuration read ahead, if it was read for this {@code -c} value (null: none given) and
     * read without error; else null, and the caller reads it. Hands it out once.
     */
    static Config config(String option) {
        CompletableFuture<ReadAhead> future = readAhead;
        if (future == null) {
            return null;
        }
        readAhead = null;
        ReadAhead read = future.join();
        return Objects.equals(read.option(), option) ? read.config() : null;
    }

    /**
     * The value of {@code -c}/{@code --config} in the forms picocli takes ({@code -c F}, {@code -cF},
     * {@code -c=F}, {@code --config F}, {@code --config=F}); null if absent. A form it misses only
     * costs the read ahead: {@link #config} compares with what picocli parsed.
     */
    static String configOption(String[] args) {
        String value = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                break;
            } else if (a.equals("-c") || a.equals("--config")) {
                value = i + 1 < args.length ? args[++i] : null;
            } else if (a.startsWith("--config=")) {
                value = a.substring("--config=".length());
            } else if (a.startsWith("-c=")) {
                value = a.substring(3);
            } else if (a.startsWith("-c") && !a.startsWith("--")) {
                value = a.substring(2);
            }
        }
        return value;
    }

    static void silenceLogging() {
        LogManager.getLogManager().reset();
        Logger.getLogger("").setLevel(Level.OFF);
    }

    /** The configuration, or null if it cannot be read (the command reads it again and says why). */
    private static Config read(String option, Environment environment) {
        try {
            ConfigLoader loader = new ConfigLoader(environment.variables());
            return loader.load(loader.locate(option, environment.workingDir()));
        } catch (RuntimeException | LinkageError e) {
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
