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
    static final Map<String, String> KNOWN_FAILURES = Map.ofEntries(
            Map.entry("pairs/enum_value_added_first", "differ: the downgrade leaves the added label 'low' in the type"
                    + " (PostgreSQL cannot drop a label; the downgrade must rebuild the type, or be marked irreversible)"),
            Map.entry("pairs/enum_value_added_in_middle", "differ: the downgrade leaves the added labels 'ok', 'elated'"
                    + " in the type (rebuild the type, or mark the downgrade irreversible)"),
            Map.entry("pairs/enum_value_removed", "differ: a removed label is only a TODO, so the upgrade leaves 'meh';"
                    + " the issue asks for the type to be rebuilt (new type, ALTER COLUMN ... TYPE ... USING ::text::, drop old, rename)"),
            Map.entry("pairs/everything_from_empty", "differ: CREATE FUNCTION shop.customer_total (LANGUAGE sql) runs before"
                    + " CREATE TABLE shop.purchase, which its body reads; a SQL function's body is checked at creation and"
                    + " pg_depend does not record what it reads, so create functions after tables (or SET check_function_bodies = off)"),
            Map.entry("pairs/materialized_view_new", "differ: CREATE UNIQUE INDEX on the materialized view is emitted before"
                    + " CREATE MATERIALIZED VIEW; an index on a view must come after the view"),
            Map.entry("pairs/partitioned_column_add", "differ: ADD COLUMN is emitted for the partition log_entry_2024 too"
                    + " (PostgreSQL: cannot add column to a partition; it inherits the parent's); also the index on the parent is"
                    + " CREATE INDEX ... ON ONLY, which leaves it invalid without ATTACH of the partitions' indexes"),
            Map.entry("pairs/serial_column_add", "differ: the downgrade drops the column, then DROP SEQUENCE public.note_id_seq,"
                    + " but a sequence OWNED BY the column is dropped with it (sequence does not exist); skip or IF EXISTS"),
            Map.entry("timescale/continuous_aggregate_new", "differ: CREATE MATERIALIZED VIEW ... WITH (timescaledb.continuous)"
                    + " AS <pg_get_viewdef>; WITH NO DATA: the view definition keeps its trailing ';', so WITH NO DATA is cut off,"
                    + " the view is created WITH DATA, which TimescaleDB refuses in a transaction; strip the ';'"),
            Map.entry("timescale/continuous_aggregate_definition_change", "differ: same trailing ';' before WITH NO DATA"
                    + " in the recreated continuous aggregate"),
            Map.entry("timescale/continuous_aggregate_drop", "differ: the downgrade recreates the aggregate with the same"
                    + " trailing ';' before WITH NO DATA"),
            Map.entry("timescale/same_interval_spelling", "reader: compression policy compress_after is not normalised,"
                    + " INTERVAL '7 days' and '168 hours' read differently (chunk intervals are, policies are not); the differ"
                    + " then reports compression off and on instead of a policy change"));

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

    private static Stream<DynamicTest> tests(List<CorpusCase> cases, Runner runner) {
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
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
