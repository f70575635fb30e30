package dev.strata.cli;

import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Silences java.util.logging, through which the PostgreSQL driver logs (a bad URL gives "WARNING: JDBC
 * URL invalid port number" on stderr): Strata reports every problem itself, in one line, and nothing
 * else may reach the terminal.
 *
 * <p>Starting java.util.logging takes 15 to 40 ms of a command's start-up (docs/benchmarks.md,
 * "Start-up"), so {@link #start()} does it on a thread of its own while the command line is parsed, and
 * {@link #await()} waits for it before anything can log: before the configuration is read, which comes
 * before every connection.
 */
final class QuietLogging {

    private static volatile Thread thread;

    private QuietLogging() {}

    /** Silences logging on another thread; {@link #await()} waits for it. */
    static void start() {
        // A subclass, not a lambda: bootstrapping a lambda costs the start-up more than it saves here.
        Thread t = new Thread("strata-quiet-logging") {
            @Override
            public void run() {
                silence();
            }
        };
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** Returns once logging is silent; at once if {@link #start()} never ran (tests call Main.run). */
    static void await() {
        Thread t = thread;
        if (t == null) {
            return;
        }
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true; // Ctrl-C is handled by Signals; finish waiting, then pass it on
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    static void silence() {
        LogManager.getLogManager().reset();
        Logger.getLogger("").setLevel(Level.OFF);
    }
}
