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
    private final java.util.Set<Stop> children = new java.util.LinkedHashSet<>();

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
        boolean running = inStep || !children.isEmpty();
        for (Stop child : children) {
            child.request(reason, exitCode);
        }
        return running;
    }

    /**
     * A stop for one of several runs going on at once (the members of a target set), requested when
     * this one is. While a child is held, {@link #request} answers that a run will stop on its own, so
     * the caller waits for the runs to end rather than ending the process. Give it back with
     * {@link #release} when its run ends.
     */
    public synchronized Stop child() {
        Stop child = new Stop();
        if (reason != null) {
            child.request(reason, exitCode);
        } else {
            children.add(child);
        }
        return child;
    }

    /** The run of a {@link #child} has ended. */
    public synchronized void release(Stop child) {
        children.remove(child);
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
