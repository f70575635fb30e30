package dev.strata.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.config.Dialect;
import dev.strata.config.TargetConfig;
import dev.strata.config.TargetSet;
import dev.strata.fleet.MemberResult.Outcome;
import dev.strata.run.MigrationFailedException;
import dev.strata.run.RunStoppedException;
import dev.strata.run.Stop;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Scheduling a set's members: per-server limits, carrying on or failing fast, and stopping on a signal. */
class FleetTest {

    private static final TargetConfig BASE = new TargetConfig("tenants", "jdbc:postgresql://h/x", null, null, null,
            Dialect.POSTGRESQL, null, TargetConfig.DEFAULT_VERSION_TABLE, null);

    /** Members named m00.., alternating between servers h0 .. h(servers-1). */
    private static List<TargetConfig> members(int count, int servers) {
        List<TargetConfig> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = String.format("m%02d", i);
            out.add(TargetSet.memberConfig(BASE, new TargetSet.Member(name, "jdbc:postgresql://h" + (i % servers) + ":5432/" + name, null)));
        }
        return out;
    }

    private static final Fleet.Words WORDS = (member, e) -> e.getMessage();

    private static MigrationFailedException failure(String member) {
        return new MigrationFailedException("r2", member + ".sql", 1, 1, "boom", "rolled back");
    }

    @Test
    void atMostNAtOnceOnEachServer() {
        Map<String, AtomicInteger> now = new ConcurrentHashMap<>();
        Map<String, Integer> peak = new ConcurrentHashMap<>();
        AtomicInteger overall = new AtomicInteger();
        AtomicInteger overallPeak = new AtomicInteger();
        Summary s = new Fleet(3, 0, false).run("tenants", members(24, 2), Stop.never(), (member, stop) -> {
            String server = Members.server(member);
            int here = now.computeIfAbsent(server, k -> new AtomicInteger()).incrementAndGet();
            peak.merge(server, here, Math::max);
            overallPeak.accumulateAndGet(overall.incrementAndGet(), Math::max);
            sleep(30);
            overall.decrementAndGet();
            now.get(server).decrementAndGet();
            return new Fleet.Done(true, 2);
        }, WORDS);
        assertThat(s.counts()).containsEntry(Outcome.DONE, 24);
        assertThat(peak).containsOnlyKeys("h0:5432", "h1:5432");
        assertThat(peak.values()).allMatch(p -> p <= 3).contains(3);
        assertThat(overallPeak.get()).as("two servers, three each").isGreaterThan(3).isLessThanOrEqualTo(6);
        assertThat(s.peakPerServer()).isEqualTo(3);
        assertThat(s.exitCode()).isZero();
    }

    @Test
    void theConfiguredLimitWinsWhenSmaller() {
        AtomicInteger now = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        Summary s = new Fleet(8, 2, false).run("tenants", members(10, 1), Stop.never(), (member, stop) -> {
            peak.accumulateAndGet(now.incrementAndGet(), Math::max);
            sleep(20);
            now.decrementAndGet();
            return new Fleet.Done(false, 0);
        }, WORDS);
        assertThat(peak.get()).isEqualTo(2);
        assertThat(s.counts()).containsEntry(Outcome.ALREADY, 10);
    }

    @Test
    void aFailingMemberStopsOnlyItsOwnRun() {
        for (int parallel : new int[] {1, 4}) {
            Summary s = new Fleet(parallel, 0, false).run("tenants", members(20, 1), Stop.never(), (member, stop) -> {
                if (member.name().equals("m07")) {
                    throw failure(member.name());
                }
                return new Fleet.Done(true, 3);
            }, WORDS);
            assertThat(s.counts()).as("--parallel %d", parallel).containsEntry(Outcome.DONE, 19).containsEntry(Outcome.FAILED, 1);
            assertThat(s.results().get(7).error()).contains("revision r2 failed");
            assertThat(s.results()).extracting(MemberResult::member).as("in the set's order").isSortedAccordingTo(String::compareTo);
            assertThat(s.exitCode()).isEqualTo(4);
        }
    }

    @Test
    void failFastStartsNoNewMemberAfterAFailure() {
        List<String> ran = new ArrayList<>();
        Summary s = new Fleet(1, 0, true).run("tenants", members(10, 1), Stop.never(), (member, stop) -> {
            synchronized (ran) {
                ran.add(member.name());
            }
            if (member.name().equals("m03")) {
                throw failure(member.name());
            }
            return new Fleet.Done(true, 1);
        }, WORDS);
        assertThat(ran).containsExactly("m00", "m01", "m02", "m03");
        assertThat(s.counts()).containsEntry(Outcome.DONE, 3).containsEntry(Outcome.FAILED, 1).containsEntry(Outcome.NOT_STARTED, 6);
        assertThat(s.exitCode()).isEqualTo(4);
    }

    @Test
    void aStopReachesTheRunningMembersAndStartsNoMore() throws Exception {
        Stop signal = new Stop();
        CountDownLatch running = new CountDownLatch(2);
        Summary[] out = new Summary[1];
        Thread fleet = new Thread(() -> out[0] = new Fleet(2, 0, false).run("tenants", members(10, 1), signal, (member, stop) -> {
            running.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!stop.requested() && System.nanoTime() < deadline) {
                sleep(5);
            }
            throw new RunStoppedException("stopped before its next step", stop.exitCode());
        }, WORDS));
        fleet.start();
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(signal.request("SIGINT", 130)).as("members are running: wait for them").isTrue();
        fleet.join(10_000);
        Summary s = out[0];
        assertThat(s.counts()).containsEntry(Outcome.STOPPED, 2).containsEntry(Outcome.NOT_STARTED, 8);
        assertThat(s.stoppedBy()).isEqualTo("SIGINT");
        assertThat(s.exitCode()).isEqualTo(130);
        assertThat(signal.request("SIGINT", 130)).as("no member holds a stop any more").isFalse();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
