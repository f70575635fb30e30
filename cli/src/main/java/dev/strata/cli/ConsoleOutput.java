package dev.strata.cli;

import dev.strata.api.Online;
import dev.strata.plan.Step;
import java.io.PrintWriter;
import java.util.List;

/**
 * Prints what online commands report: Alembic's "Running upgrade ..." lines and notices; on a
 * terminal, also a {@link Progress} line while a long step runs.
 */
final class ConsoleOutput implements Online.Output {
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean quiet;
    private final boolean verbose;
    private final PrintWriter progress;
    private int steps;
    private int step;
    private long runStarted;

    ConsoleOutput(PrintWriter out, PrintWriter err, boolean quiet, boolean verbose) {
        this(out, err, quiet, verbose, null);
    }

    /**
     * @param progress where the progress line goes (the terminal's stderr, unescaped, as the line is
     *     made of our own text and cursor codes), or null for none
     */
    ConsoleOutput(PrintWriter out, PrintWriter err, boolean quiet, boolean verbose, PrintWriter progress) {
        this.out = out;
        this.err = err;
        this.quiet = quiet;
        this.verbose = verbose;
        this.progress = progress;
    }

    @Override
    public void info(String line) {
        if (!quiet) {
            Progress.stop();
            err.println(line);
            err.flush();
        }
    }

    @Override
    public void planned(List<Step> plan) {
        steps = plan.size();
        step = 0;
        runStarted = System.nanoTime();
    }

    @Override
    public void stepStarting(Step step) {
        this.step++;
        if (!quiet) {
            out.println("Running " + step.describe());
            out.flush();
            if (progress != null) {
                Progress.start(progress, step.direction().word() + " " + VisibleText.of(step.revision().id()), this.step, steps,
                        runStarted == 0 ? System.nanoTime() : runStarted);
            }
        }
    }

    @Override
    public void stepDone(Step step, long millis) {
        Progress.stop();
        if (verbose) {
            out.println("  done in " + millis + " ms");
        }
    }
}
