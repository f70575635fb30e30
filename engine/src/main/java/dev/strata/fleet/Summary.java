package dev.strata.fleet;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The end of a fleet run: every member's result in the set's order, the counts, the exit code (the
 * worst member's), and the lines that say so.
 *
 * @param target  the set's name
 * @param results one per member, in the set's order
 * @param peakPerServer the most members that ran at once on one server
 * @param stoppedBy the signal that stopped the run ("SIGINT"), or null
 * @param stopExitCode the exit code the signal asks for (130, 143), or 0
 */
public record Summary(String target, List<MemberResult> results, int peakPerServer, String stoppedBy, int stopExitCode) {

    public Summary {
        results = List.copyOf(results);
    }

    /** How many members ended each way. */
    public Map<MemberResult.Outcome, Integer> counts() {
        Map<MemberResult.Outcome, Integer> counts = new EnumMap<>(MemberResult.Outcome.class);
        for (MemberResult.Outcome o : MemberResult.Outcome.values()) {
            counts.put(o, 0);
        }
        results.forEach(r -> counts.merge(r.outcome(), 1, Integer::sum));
        return counts;
    }

    /** The worst member's exit code: a signal's (130, 143) over a failed migration (4) over an unreachable database (3) ... */
    public int exitCode() {
        return Math.max(stopExitCode, results.stream().mapToInt(MemberResult::exitCode).max().orElse(0));
    }

    /**
     * The summary lines: one of counts, then one per member that failed or was stopped, and with
     * {@code verbose} one per member with its outcome and duration.
     *
     * @param done what a member that did its work did ("upgraded", "stamped")
     */
    public List<String> lines(String done, boolean verbose) {
        Map<MemberResult.Outcome, Integer> c = counts();
        List<String> out = new ArrayList<>();
        StringBuilder head = new StringBuilder("Summary of target '" + target + "' (" + results.size()
                + (results.size() == 1 ? " member" : " members") + "): " + c.get(MemberResult.Outcome.DONE) + " " + done
                + ", " + c.get(MemberResult.Outcome.ALREADY) + " already there, " + c.get(MemberResult.Outcome.FAILED) + " failed");
        if (c.get(MemberResult.Outcome.STOPPED) > 0 || stoppedBy != null) {
            head.append(", ").append(c.get(MemberResult.Outcome.STOPPED)).append(" stopped");
        }
        if (c.get(MemberResult.Outcome.NOT_STARTED) > 0) {
            head.append(", ").append(c.get(MemberResult.Outcome.NOT_STARTED)).append(" not started");
        }
        if (stoppedBy != null) {
            head.append(" (stopped by ").append(stoppedBy).append(")");
        }
        out.add(head.toString());
        for (MemberResult r : results) {
            boolean problem = r.outcome() == MemberResult.Outcome.FAILED || r.outcome() == MemberResult.Outcome.STOPPED;
            if (problem || verbose) {
                String took = verbose && r.outcome() != MemberResult.Outcome.NOT_STARTED ? " in " + r.millis() + " ms" : "";
                out.add("  [" + r.member() + "] " + describe(r, done, took));
            }
        }
        return out;
    }

    private static String describe(MemberResult r, String done, String took) {
        return switch (r.outcome()) {
            case DONE -> done + (r.steps() < 0 ? "" : " (" + r.steps() + (r.steps() == 1 ? " step)" : " steps)")) + took;
            case ALREADY -> "already there" + took;
            case FAILED -> "failed (exit " + r.exitCode() + ")" + took + ": " + r.error();
            case STOPPED -> "stopped" + took + ": " + r.error();
            case NOT_STARTED -> "not started";
        };
    }
}
