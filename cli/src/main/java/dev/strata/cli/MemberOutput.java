package dev.strata.cli;

import dev.strata.api.Online;
import dev.strata.plan.Step;
import java.io.PrintWriter;
import java.util.List;

/**
 * What one member of a target set reports, each line led by the member's name ({@code [tenant_a] Running
 * upgrade ...}), so that the lines of members running at once can be told apart. A line is printed
 * whole: members share the writers, which lock per line.
 */
final class MemberOutput implements Online.Output {
    private final String prefix;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean quiet;
    private final boolean verbose;

    /** @param out null to print no step lines (JSON output) */
    MemberOutput(String member, PrintWriter out, PrintWriter err, boolean quiet, boolean verbose) {
        this.prefix = "[" + member + "] ";
        this.out = out;
        this.err = err;
        this.quiet = quiet;
        this.verbose = verbose;
    }

    @Override
    public void info(String line) {
        if (!quiet) {
            err.println(prefix + line);
        }
    }

    /** A line of the command's own output for this member. */
    void line(String line) {
        if (!quiet && out != null) {
            out.println(prefix + line);
        }
    }

    @Override
    public void planned(List<Step> plan) {
        // members report their steps as they run; no progress line, which would interleave
    }

    @Override
    public void stepStarting(Step step) {
        line("Running " + step.describe());
    }

    @Override
    public void stepDone(Step step, long millis) {
        if (verbose) {
            line("  done in " + millis + " ms");
        }
    }
}
