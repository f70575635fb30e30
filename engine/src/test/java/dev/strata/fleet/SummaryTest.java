package dev.strata.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.fleet.MemberResult.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The end of a fleet run: counts, the worst exit code, and the lines. */
class SummaryTest {

    private static final List<MemberResult> RESULTS = List.of(
            new MemberResult("a", Outcome.DONE, 0, null, 3, 120),
            new MemberResult("b", Outcome.FAILED, 4, "revision r3 failed", -1, 80),
            new MemberResult("c", Outcome.ALREADY, 0, null, 0, 15),
            new MemberResult("d", Outcome.FAILED, 3, "cannot connect", -1, 5),
            MemberResult.notStarted("e"));

    @Test
    void countsAndTheWorstExitCode() {
        Summary s = new Summary("tenants", RESULTS, 2, null, 0);
        assertThat(s.counts()).containsEntry(Outcome.DONE, 1).containsEntry(Outcome.FAILED, 2).containsEntry(Outcome.ALREADY, 1)
                .containsEntry(Outcome.STOPPED, 0).containsEntry(Outcome.NOT_STARTED, 1);
        assertThat(s.exitCode()).isEqualTo(4);
        assertThat(new Summary("t", List.of(RESULTS.get(0), RESULTS.get(2)), 1, null, 0).exitCode()).isZero();
        assertThat(new Summary("t", List.of(RESULTS.get(0)), 1, "SIGINT", 130).exitCode())
                .as("a signal's code even when every started member finished").isEqualTo(130);
    }

    @Test
    void linesNameEveryFailureAndWithVerboseEveryMember() {
        Summary s = new Summary("tenants", RESULTS, 2, null, 0);
        assertThat(s.lines("upgraded", false)).containsExactly(
                "Summary of target 'tenants' (5 members): 1 upgraded, 1 already there, 2 failed, 1 not started",
                "  [b] failed (exit 4): revision r3 failed",
                "  [d] failed (exit 3): cannot connect");
        assertThat(s.lines("upgraded", true)).containsExactly(
                "Summary of target 'tenants' (5 members): 1 upgraded, 1 already there, 2 failed, 1 not started",
                "  [a] upgraded (3 steps) in 120 ms",
                "  [b] failed (exit 4) in 80 ms: revision r3 failed",
                "  [c] already there in 15 ms",
                "  [d] failed (exit 3) in 5 ms: cannot connect",
                "  [e] not started");
        Summary stopped = new Summary("t", List.of(new MemberResult("a", Outcome.STOPPED, 130, "rolled back r2", -1, 9),
                new MemberResult("b", Outcome.DONE, 0, null, 1, 3)), 2, "SIGINT", 130);
        assertThat(stopped.lines("stamped", false)).containsExactly(
                "Summary of target 't' (2 members): 1 stamped, 0 already there, 0 failed, 1 stopped (stopped by SIGINT)",
                "  [a] stopped: rolled back r2");
    }
}
