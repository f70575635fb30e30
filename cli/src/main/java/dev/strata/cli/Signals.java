package dev.strata.cli;

import dev.strata.run.Stop;
import java.io.PrintWriter;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT (Ctrl-C) and SIGTERM (docker stop, systemd, CI cancelling a job). While a revision runs, the
 * first signal asks the run to stop where it safely can (see {@link Stop}): a transactional revision
 * has its statement cancelled and is rolled back; a {@code transactional: false} one finishes the
 * statement it is in and stops there, recorded as far as it got. The command then says what state it
 * left and exits with 128 + the signal's number (130, 143). When no revision is running it exits at
 * once, and a second signal always does.
 *
 * <p>{@code sun.misc.Signal} (module jdk.unsupported, kept for this purpose by JEP 260) tells which
 * signal came; a shutdown hook would not, and could not let the run finish its statement first.
 */
final class Signals {

    private static final Stop STOP = new Stop();

    private Signals() {}

    /** The stop the signals request; never requested unless {@link #install} ran (as in tests). */
    static Stop stop() {
        return STOP;
    }

    static void install(PrintWriter err) {
        // A named class, not a lambda: bootstrapping the lambda cost every start about 4 ms.
        final class Handler implements SignalHandler {
            @Override
            public void handle(Signal s) {
                received("SIG" + s.getName(), 128 + s.getNumber(), err);
            }
        }
        Handler handler = new Handler();
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), handler);
            } catch (IllegalArgumentException e) {
                // the JVM keeps this signal for itself (-Xrs): its default handling stays
            }
        }
    }

    private static void received(String name, int exitCode, PrintWriter err) {
        if (STOP.requested()) {
            err.println("error: " + name + " again: stopped at once; a revision running outside a transaction stays recorded as"
                    + " started, and the next run reports it as interrupted (see docs/guides/recovery.md)");
            err.flush();
            Runtime.getRuntime().halt(exitCode);
        }
        if (STOP.request(name, exitCode)) {
            err.println(name + ": stopping (a revision in a transaction is rolled back now, one outside a transaction stops"
                    + " after its running statement); send it again to stop at once");
            err.flush();
            return;
        }
        err.println("error: stopped by " + name + "; no revision was running, so every revision is applied and recorded"
                + " or not run at all");
        err.flush();
        System.exit(exitCode);
    }
}
