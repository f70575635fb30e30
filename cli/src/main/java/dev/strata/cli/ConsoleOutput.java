package dev.strata.cli;

import dev.strata.api.Online;
import dev.strata.plan.Step;
import java.io.PrintWriter;

/** Prints what online commands report: Alembic's "Running upgrade ..." lines and notices. */
final class ConsoleOutput implements Online.Output {
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean quiet;
    private final boolean verbose;

    ConsoleOutput(PrintWriter out, PrintWriter err, boolean quiet, boolean verbose) {
        this.out = out;
        this.err = err;
        this.quiet = quiet;
        this.verbose = verbose;
    }

    @Override
    public void info(String line) {
        if (!quiet) {
            err.println(line);
            err.flush();
        }
    }

    @Override
    public void stepStarting(Step step) {
        if (!quiet) {
            out.println("Running " + step.describe());
            out.flush();
        }
    }

    @Override
    public void stepDone(Step step, long millis) {
        if (verbose) {
            out.println("  done in " + millis + " ms");
        }
    }
}
