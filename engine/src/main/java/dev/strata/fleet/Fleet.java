package dev.strata.fleet;

import dev.strata.config.TargetConfig;
import dev.strata.error.StrataException;
import dev.strata.run.RunStoppedException;
import dev.strata.run.Stop;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs one command on every member of a target set: members start in the set's order, each as soon as
 * its server has a free slot (see {@link Slots}); a failing member stops only its own run, unless
 * {@code failFast}, which starts no new member after the first failure. When {@code stop} is requested
 * (a signal) no new member starts, and the running ones stop where they safely can, each through its
 * own child of {@code stop}, so every member is left at a recorded revision.
 */
public final class Fleet {

    /** What runs on one member. */
    @FunctionalInterface
    public interface Task {
        /**
         * Runs the command on one member; an error it throws is that member's failure.
         *
         * @param stop requested when the fleet is stopped
         */
        Done run(TargetConfig member, Stop stop);
    }

    /**
     * A member's run went through.
     *
     * @param changed whether it did anything (false: already there)
     * @param steps   steps run, or -1 when the command does not count them
     */
    public record Done(boolean changed, int steps) {}

    /**
     * Turns an error a member's run threw into the words of its summary line; the caller scrubs the
     * member's passwords here.
     */
    @FunctionalInterface
    public interface Words {
        String of(TargetConfig member, RuntimeException error);
    }

    private final int parallel;
    private final int maxPerServer;
    private final boolean failFast;

    /**
     * @param parallel     {@code --parallel}: at most this many members at once on one server
     * @param maxPerServer the set's {@code max_connections_per_server}, or 0
     * @param failFast     start no new member after one failed
     */
    public Fleet(int parallel, int maxPerServer, boolean failFast) {
        if (parallel < 1) {
            throw new dev.strata.error.BadInputException("--parallel " + parallel + ": give 1 or more");
        }
        this.parallel = parallel;
        this.maxPerServer = maxPerServer;
        this.failFast = failFast;
    }

    /** Runs {@code task} on every member and sums it up; returns when every started member has ended. */
    public Summary run(String target, List<TargetConfig> members, Stop stop, Task task, Words words) {
        Slots slots = new Slots(parallel, maxPerServer);
        MemberResult[] results = new MemberResult[members.size()];
        LinkedList<Integer> pending = new LinkedList<>();
        for (int i = 0; i < members.size(); i++) {
            pending.add(i);
        }
        Object lock = new Object();
        int[] running = {0};
        boolean[] failed = {false};
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fleet-member");
            t.setDaemon(true);
            return t;
        });
        try {
            synchronized (lock) {
                while (!pending.isEmpty() && !stop.requested() && !(failFast && failed[0])) {
                    Integer next = null;
                    for (Integer i : pending) {
                        if (slots.free(Members.server(members.get(i)))) {
                            next = i;
                            break;
                        }
                    }
                    if (next == null) {
                        waitOn(lock);
                        continue;
                    }
                    int index = next;
                    pending.remove(next);
                    TargetConfig member = members.get(index);
                    String server = Members.server(member);
                    slots.take(server);
                    running[0]++;
                    Stop own = stop.child();
                    pool.execute(() -> {
                        MemberResult result = runOne(member, own, task, words);
                        stop.release(own);
                        synchronized (lock) {
                            results[index] = result;
                            slots.release(server);
                            running[0]--;
                            if (result.outcome() == MemberResult.Outcome.FAILED) {
                                failed[0] = true;
                            }
                            lock.notifyAll();
                        }
                    });
                }
                while (running[0] > 0) {
                    waitOn(lock);
                }
            }
        } finally {
            pool.shutdown();
        }
        List<MemberResult> all = new ArrayList<>(members.size());
        for (int i = 0; i < members.size(); i++) {
            all.add(results[i] != null ? results[i] : MemberResult.notStarted(members.get(i).name()));
        }
        return new Summary(target, all, slots.peak(), stop.requested() ? stop.reason() : null,
                stop.requested() ? stop.exitCode() : 0);
    }

    private static void waitOn(Object lock) {
        try {
            lock.wait(200); // also wakes to notice a stop requested meanwhile
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while members ran", e);
        }
    }

    private static MemberResult runOne(TargetConfig member, Stop stop, Task task, Words words) {
        long started = System.nanoTime();
        try {
            Done done = task.run(member, stop);
            return new MemberResult(member.name(), done.changed() ? MemberResult.Outcome.DONE : MemberResult.Outcome.ALREADY,
                    0, null, done.steps(), millisSince(started));
        } catch (RunStoppedException e) {
            return new MemberResult(member.name(), MemberResult.Outcome.STOPPED, e.exitCode(), words.of(member, e), -1, millisSince(started));
        } catch (StrataException e) {
            return new MemberResult(member.name(), MemberResult.Outcome.FAILED, e.exitCode(), words.of(member, e), -1, millisSince(started));
        } catch (RuntimeException e) {
            return new MemberResult(member.name(), MemberResult.Outcome.FAILED, 70, "internal error: " + e.getClass().getName()
                    + ": " + words.of(member, e), -1, millisSince(started));
        }
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
