package dev.strata.fleet;

/**
 * How one member's run ended.
 *
 * @param member   the member's name
 * @param outcome  what happened
 * @param exitCode the exit code a run on this member alone would have ended with
 * @param error    the error's one-line message (passwords scrubbed), or null
 * @param steps    steps run, or -1 when the command does not count them
 * @param millis   how long the member took, 0 when it did not start
 */
public record MemberResult(String member, Outcome outcome, int exitCode, String error, int steps, long millis) {

    /** What happened to a member. */
    public enum Outcome {
        /** The command did its work (steps ran, a stamp was recorded, a report was made). */
        DONE,
        /** Already where the command would take it: nothing ran. */
        ALREADY,
        /** It failed; the error says why, the exit code how. */
        FAILED,
        /** A signal stopped it where it could stop safely. */
        STOPPED,
        /** It never started: a signal came, or {@code --fail-fast} after another member failed. */
        NOT_STARTED
    }

    static MemberResult notStarted(String member) {
        return new MemberResult(member, Outcome.NOT_STARTED, 0, null, 0, 0);
    }
}
