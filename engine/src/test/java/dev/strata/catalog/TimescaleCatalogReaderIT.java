package dev.strata.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.schema.Catalog;
import dev.strata.schema.ContinuousAggregate;
import dev.strata.schema.Hypertable;
import dev.strata.schema.Index;
import dev.strata.schema.QualifiedName;
import dev.strata.schema.Table;
import dev.strata.testing.TestTimescale;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link CatalogReader} against the real TimescaleDB: what it adds is read, what it makes for itself is not. */
class TimescaleCatalogReaderIT {

    final TestTimescale tsdb = TestTimescale.server();

    @BeforeEach
    void emptyDatabase() {
        tsdb.reset();
    }

    private Catalog read() {
        try (Connection c = tsdb.connect()) {
            return CatalogReader.read(c, Set.of());
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static QualifiedName pub(String name) {
        return QualifiedName.of("public", name);
    }

    @Test
    void hypertablesCompressionPoliciesAndContinuousAggregates() {
        tsdb.execute("CREATE EXTENSION IF NOT EXISTS timescaledb",
                "CREATE TABLE m (ts timestamptz NOT NULL, device int NOT NULL, v double precision)",
                "SELECT create_hypertable('m', 'ts', chunk_time_interval => interval '1 day')",
                "SELECT add_dimension('m', 'device', number_partitions => 4)",
                "CREATE INDEX m_v_idx ON m (v)",
                "ALTER TABLE m SET (timescaledb.compress, timescaledb.compress_segmentby = 'device',"
                        + " timescaledb.compress_orderby = 'ts DESC, v NULLS FIRST')",
                "SELECT add_compression_policy('m', interval '7 days')",
                "SELECT add_retention_policy('m', interval '90 days')",
                "INSERT INTO m VALUES (now(), 1, 1.0), (now() - interval '3 days', 2, 2.0)",
                "CREATE MATERIALIZED VIEW hourly WITH (timescaledb.continuous, timescaledb.materialized_only = true) AS"
                        + " SELECT time_bucket('1 hour', ts) AS bucket, device, avg(v) AS v FROM m GROUP BY 1, 2 WITH NO DATA",
                "SELECT add_continuous_aggregate_policy('hourly', start_offset => interval '3 days',"
                        + " end_offset => interval '1 hour', schedule_interval => interval '1 hour')",
                "CREATE TABLE counters (n bigint NOT NULL, x int)",
                "SELECT create_hypertable('counters', 'n', chunk_time_interval => 1000)",
                "INSERT INTO counters VALUES (1, 1), (5000, 2)");
        Catalog c = read();

        assertThat(c.tables()).extracting(Table::name).containsExactly(pub("counters"), pub("m"));
        assertThat(c.schemas()).containsExactly("public");
        assertThat(c.extensions()).extracting(e -> e.name()).containsExactly("timescaledb");
        assertThat(c.indexes()).as("TimescaleDB's default indexes are left out, the user's kept")
                .extracting(Index::name).containsExactly(pub("m_v_idx"));
        assertThat(c.triggers()).isEmpty();
        assertThat(c.functions()).isEmpty();
        assertThat(c.views()).as("a continuous aggregate is not a plain view").isEmpty();
        assertThat(c.sequences()).isEmpty();
        assertThat(c.dependencies()).allSatisfy(d -> {
            assertThat(d.from().name().schema()).isEqualTo("public");
            assertThat(d.to().name().schema()).isEqualTo("public");
        });

        assertThat(c.hypertable(pub("counters"))).isEqualTo(new Hypertable(pub("counters"),
                List.of(new Hypertable.Dimension("n", "1000", null)), null, null, null));
        assertThat(c.hypertable(pub("m"))).isEqualTo(new Hypertable(pub("m"),
                List.of(new Hypertable.Dimension("ts", "1 day", null), new Hypertable.Dimension("device", null, 4)),
                new Hypertable.Compression(List.of("device"), List.of("ts DESC", "v NULLS FIRST")), "7 days", "90 days"));
        assertThat(c.hypertables()).hasSize(2);

        assertThat(c.continuousAggregates()).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo(pub("hourly"));
            assertThat(a.materializedOnly()).isTrue();
            assertThat(a.refresh()).isEqualTo(new ContinuousAggregate.Refresh("3 days", "01:00:00", "01:00:00"));
            assertThat(a.definition()).contains("time_bucket").contains("public.m").doesNotContain("_timescaledb");
        });
    }

    @Test
    void theSameSchemaWrittenTwiceReadsTheSame() {
        tsdb.execute("CREATE EXTENSION IF NOT EXISTS timescaledb",
                "CREATE TABLE m (ts timestamptz NOT NULL, v int)",
                "SELECT create_hypertable('m', 'ts')",
                "CREATE MATERIALIZED VIEW daily WITH (timescaledb.continuous) AS"
                        + " SELECT time_bucket('1 day', ts) AS day, max(v) AS v FROM m GROUP BY 1 WITH NO DATA");
        Catalog first = read();
        tsdb.reset();
        tsdb.execute("CREATE EXTENSION IF NOT EXISTS timescaledb",
                "CREATE TABLE other (id int)", "SELECT 1",
                "CREATE TABLE m (ts timestamptz NOT NULL, v int)",
                "SELECT create_hypertable('m', 'ts', chunk_time_interval => interval '7 days')",
                "CREATE MATERIALIZED VIEW daily WITH (timescaledb.continuous) AS"
                        + " SELECT time_bucket('1 day', m.ts) AS day, MAX(m.v) AS v FROM public.m GROUP BY 1 WITH NO DATA",
                "DROP TABLE other");
        assertThat(read()).isEqualTo(first);
        assertThat(first.continuousAggregates().get(0).materializedOnly()).isTrue();
    }
}
