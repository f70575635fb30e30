package dev.strata.diff;

import static dev.strata.diff.SchemaDiffTest.col;
import static dev.strata.diff.SchemaDiffTest.downgradeSql;
import static dev.strata.diff.SchemaDiffTest.notNull;
import static dev.strata.diff.SchemaDiffTest.q;
import static dev.strata.diff.SchemaDiffTest.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.schema.Catalog;
import dev.strata.schema.ContinuousAggregate;
import dev.strata.schema.Hypertable;
import dev.strata.schema.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimescaleDiffTest {

    static Catalog with(Table t, List<Hypertable> hypertables, List<ContinuousAggregate> caggs) {
        return new Catalog(List.of("public"), List.of(), List.of(t), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                hypertables, caggs, List.of());
    }

    static final Table PINGS = table("pings", List.of(notNull("ts", "timestamp with time zone"), col("v", "integer")));

    @Test
    void aNewHypertableOnANewTable() {
        Hypertable h = new Hypertable(q("pings"), List.of(new Hypertable.Dimension("ts", "1 day", null)), null, null, "30 days");
        Diff diff = SchemaDiff.compare(SchemaDiffTest.catalog(), with(PINGS, List.of(h), List.of()), Renames.none());
        assertThat(MigrationText.statements(diff)).containsExactly(
                "CREATE TABLE public.pings (ts timestamp with time zone NOT NULL, v integer)",
                "SELECT create_hypertable('public.pings', by_range('ts', INTERVAL '1 day'))",
                "SELECT add_retention_policy('public.pings', drop_after => INTERVAL '30 days')");
        assertThat(downgradeSql(diff)).containsExactly("SELECT remove_retention_policy('public.pings')", "DROP TABLE public.pings");
    }

    @Test
    void anExistingTableBecomesAHypertableIrreversibly() {
        Hypertable h = new Hypertable(q("pings"), List.of(new Hypertable.Dimension("ts", "7 days", null),
                new Hypertable.Dimension("v", null, 4)), null, null, null);
        Diff diff = SchemaDiff.compare(with(PINGS, List.of(), List.of()), with(PINGS, List.of(h), List.of()), Renames.none());
        assertThat(MigrationText.statements(diff)).containsExactly(
                "SELECT create_hypertable('public.pings', by_range('ts', INTERVAL '7 days'), migrate_data => TRUE)",
                "SELECT add_dimension('public.pings', by_hash('v', 4))");
        assertThat(MigrationText.sql(diff).downgrade()).contains("-- irreversible: TimescaleDB cannot turn hypertable 'public.pings'");
    }

    @Test
    void aTypeChangeOnACompressedHypertableTurnsCompressionOffAroundIt() {
        Hypertable.Compression c = new Hypertable.Compression(List.of("v"), List.of("ts DESC"));
        Hypertable h = new Hypertable(q("pings"), List.of(new Hypertable.Dimension("ts", "1 day", null)), c, "7 days", null);
        Table wider = table("pings", List.of(notNull("ts", "timestamp with time zone"), col("v", "bigint")));
        Diff diff = SchemaDiff.compare(with(PINGS, List.of(h), List.of()), with(wider, List.of(h), List.of()), Renames.none());
        assertThat(MigrationText.statements(diff)).containsExactly(
                "SELECT remove_compression_policy('public.pings')",
                "SELECT decompress_chunk(c, TRUE) FROM show_chunks('public.pings') c",
                "ALTER TABLE public.pings SET (timescaledb.compress = FALSE)",
                "ALTER TABLE public.pings ALTER v TYPE bigint USING v::bigint",
                "ALTER TABLE public.pings SET (timescaledb.compress, timescaledb.compress_segmentby = 'v', timescaledb.compress_orderby = 'ts DESC')",
                "SELECT add_compression_policy('public.pings', compress_after => INTERVAL '7 days')");
        assertThat(diff.warnings()).anyMatch(w -> w.contains("decompressed"));
    }

    @Test
    void continuousAggregatesAndTheirRefreshPolicies() {
        Hypertable h = new Hypertable(q("pings"), List.of(new Hypertable.Dimension("ts", "1 day", null)), null, null, null);
        ContinuousAggregate hourly = new ContinuousAggregate(q("hourly"), "SELECT time_bucket('01:00:00'::interval, ts) AS b FROM pings GROUP BY 1",
                true, new ContinuousAggregate.Refresh("3 days", "01:00:00", "01:00:00"), null);
        Diff diff = SchemaDiff.compare(with(PINGS, List.of(h), List.of()), with(PINGS, List.of(h), List.of(hourly)), Renames.none());
        assertThat(MigrationText.statements(diff)).containsExactly(
                "CREATE MATERIALIZED VIEW public.hourly WITH (timescaledb.continuous, timescaledb.materialized_only = true) AS "
                        + "SELECT time_bucket('01:00:00'::interval, ts) AS b FROM pings GROUP BY 1 WITH NO DATA",
                "SELECT add_continuous_aggregate_policy('public.hourly', start_offset => INTERVAL '3 days', end_offset => INTERVAL '1 hour', "
                        + "schedule_interval => INTERVAL '1 hour')");
        assertThat(downgradeSql(diff)).containsExactly("DROP MATERIALIZED VIEW public.hourly");
    }
}
