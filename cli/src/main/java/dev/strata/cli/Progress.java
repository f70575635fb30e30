package dev.strata.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The progress line of a long step on a terminal: after two seconds, which step of how many, the
 * step's time and the run's, rewritten in place every second on stderr and cleared when the step ends.
 * Only one runs at a time; an error clears it before it is printed ({@link #stop()}).
 */
final class Progress {

    private static final long FIRST_AFTER_MS = 2000;
    private static ScheduledExecutorService timer;
    private static ScheduledFuture<?> ticking;
    private static PrintWriter shownOn;

    private Progress() {}

    static synchronized void start(PrintWriter err, String what, int step, int steps, long runStartedNanos) {
        stop();
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "strata-progress");
                t.setDaemon(true);
                return t;
            });
        }
        long started = System.nanoTime();
        String counter = steps > 0 ? "[" + step + "/" + steps + "] " : "";
        ticking = timer.scheduleAtFixedRate(() -> show(err, counter + what + "  " + elapsed(started)
                + (steps > 1 ? " (run " + elapsed(runStartedNanos) + ")" : "")), FIRST_AFTER_MS, 1000, TimeUnit.MILLISECONDS);
    }

    private static synchronized void show(PrintWriter err, String line) {
        err.print("\r\u001b[K" + line);
        err.flush();
        shownOn = err;
    }

    /** Stops the line and clears it from the terminal. */
    static synchronized void stop() {
        if (ticking != null) {
            ticking.cancel(false);
            ticking = null;
        }
        if (shownOn != null) {
            shownOn.print("\r\u001b[K");
            shownOn.flush();
            shownOn = null;
        }
    }

    static String elapsed(long sinceNanos) {
        Duration d = Duration.ofNanos(System.nanoTime() - sinceNanos);
        long s = d.toSeconds();
        return s < 60 ? s + "s" : (s / 60) + "m" + String.format("%02d", s % 60) + "s";
    }
}
