package dev.strata.run;

/**
 * A request, from another thread (the command line's signal handler), that a run stop as soon as it
 * safely can: a transactional step has its statement cancelled and is rolled back; a
 * {@code transactional: false} step finishes the statement it is in and stops there, recorded as far
 * as it got. Between steps the run stops before the next one.
 */
public final class Stop {

    private String reason;
    private int exitCode;
    private boolean inStep;
    private Runnable cancel;

    /** A stop that nobody will ever request. */
    public static Stop never() {
        return new Stop();
    }

    /**
     * Asks the run to stop.
     *
     * @param reason   what asked, for the messages ("SIGTERM")
     * @param exitCode the exit code the process should end with
     * @return whether a step is running and will stop on its own (then wait for it); false when no step
     *         is running, so the caller may end the process at once
     */
    public synchronized boolean request(String reason, int exitCode) {
        if (this.reason == null) {
            this.reason = reason;
            this.exitCode = exitCode;
        }
        if (cancel != null) {
            cancel.run();
        }
        return inStep;
    }

    public synchronized boolean requested() {
        return reason != null;
    }

    public synchronized String reason() {
        return reason;
    }

    public synchronized int exitCode() {
        return exitCode;
    }

    /** A step starts; false if a stop was requested first (then it must not start). */
    synchronized boolean enterStep() {
        if (reason != null) {
            return false;
        }
        inStep = true;
        return true;
    }

    synchronized void leaveStep() {
        inStep = false;
        cancel = null;
    }

    /** While a transaction runs: how to cancel its statement (null when none may be cancelled). */
    synchronized void cancelWith(Runnable cancel) {
        this.cancel = cancel;
    }
}
