package dev.strata.autogenerate;

import static org.assertj.core.api.Assertions.fail;

import dev.strata.testing.TestDatabase;
import dev.strata.testing.TestTimescale;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The autogenerate corpus (src/test/resources/autogenerate, see {@link CorpusCase}) against the real
 * servers: plain pairs and "same" pairs on PostgreSQL (a fresh database per side and case), TimescaleDB
 * cases on the two TimescaleDB servers (STRATA_TEST_TIMESCALE_URL for the live side,
 * STRATA_TEST_SCRATCH_URL for the desired side), both reset before each case. Each case is one test
 * ({@link PairRun} says what it checks).
 *
 * <p>{@link #KNOWN_FAILURES} lists the cases that fail today because of the catalog reader or the
 * differ, with why; such a case must still fail, so that a fix shows up here and the entry goes.
 */
class AutogenerateCorpusIT {

    /** Case id ({@code group/name}) to the reason it fails today. Keep it short and honest. */
    static final Map<String, String> KNOWN_FAILURES = Map.of();

    @TestFactory
    Stream<DynamicTest> plainPairs() {
        return tests(CorpusCase.of("pairs"), AutogenerateCorpusIT::onPostgres);
    }

    @TestFactory
    Stream<DynamicTest> samePairs() {
        return tests(CorpusCase.of("same"), AutogenerateCorpusIT::onPostgres);
    }

    @TestFactory
    Stream<DynamicTest> timescaleCases() {
        return tests(CorpusCase.of("timescale"), AutogenerateCorpusIT::onTimescale);
    }

    private interface Runner {
        void run(CorpusCase c) throws Exception;
    }

    /** {@code -Dstrata.corpus=TEXT} runs only the cases whose id ({@code group/name}) contains TEXT. */
    private static Stream<DynamicTest> tests(List<CorpusCase> cases, Runner runner) {
        String only = System.getProperty("strata.corpus", "");
        return cases.stream().filter(c -> c.id().contains(only)).map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            String known = KNOWN_FAILURES.get(c.id());
            if (known == null) {
                try {
                    runner.run(c);
                } catch (Throwable e) {
                    throw new AssertionError(c.id() + ": " + firstLine(e), e);
                }
                return;
            }
            try {
                runner.run(c);
            } catch (Throwable expected) {
                System.err.println("known failure " + c.id() + " (" + known + "): "
                        + firstLine(expected));
                return;
            }
            fail(c.id() + " passes now: remove it from KNOWN_FAILURES (it said: " + known + ")");
        }));
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage()).strip();
        return m.lines().findFirst().orElse(e.getClass().getSimpleName()) + (m.contains("\n") ? " ..." : "");
    }

    private static void onPostgres(CorpusCase c) {
        try (TestDatabase live = TestDatabase.create("ag_live"); TestDatabase desired = TestDatabase.create("ag_desired")) {
            new PairRun(c, live::connect, desired::connect).run();
        }
    }

    private static void onTimescale(CorpusCase c) {
        TestTimescale live = TestTimescale.server();
        TestTimescale desired = TestTimescale.scratch();
        // Both at once: after a reset each server takes a while to accept the next session.
        CompletableFuture<Void> other = CompletableFuture.runAsync(desired::reset);
        live.reset();
        other.join();
        new PairRun(c, live::connect, desired::connect).run();
    }
}
