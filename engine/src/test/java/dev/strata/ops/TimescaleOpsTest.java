package dev.strata.ops;

import static dev.strata.ops.OpsFixture.inverseSql;
import static dev.strata.ops.OpsFixture.only;
import static dev.strata.ops.OpsFixture.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimescaleOpsTest {

    @Test
    void createHypertableByRange() {
        Op op = only(o -> o.timescale().createHypertable("metrics.ping_results", "time", h -> h.chunkInterval(Duration.ofDays(1))));
        assertThat(op.statements()).containsExactly("SELECT create_hypertable('metrics.ping_results', by_range('time', INTERVAL '1 day'))");
        assertThat(op.timescaleVersion()).isEqualTo("2.13.0");
        assertThat(op.transactional()).isTrue();
        assertThat(op.table()).isEqualTo("metrics.ping_results");
        assertThat(((Inverse.None) op.inverse()).reason()).contains("drop the table").contains("rebuildOnDowngrade()");
    }

    @Test
    void createHypertableOptionsAndOddNames() {
        Op op = only(o -> o.timescale().createHypertable("Metrics.Ping", "Time", h -> h.chunkInterval("7 days").ifNotExists().migrateData()
                .withoutDefaultIndexes()));
        assertThat(op.statements()).containsExactly("SELECT create_hypertable('\"Metrics\".\"Ping\"', by_range('Time', INTERVAL '7 days'), "
                + "if_not_exists => TRUE, migrate_data => TRUE, create_default_indexes => FALSE)");
        assertThat(only(o -> o.timescale().createHypertable("ticks", "ts", h -> h.chunkInterval(86_400_000L))).statements())
                .containsExactly("SELECT create_hypertable('ticks', by_range('ts', 86400000))");
        assertThat(only(o -> o.timescale().createHypertable("ticks", "ts")).statements())
                .containsExactly("SELECT create_hypertable('ticks', by_range('ts'))");
    }

    @Test
    void rebuildInverseCopiesRowsIntoAPlainTable() {
        Op op = only(o -> o.timescale().createHypertable("metrics.ping", "time", h -> h.rebuildOnDowngrade()));
        List<String> rebuild = inverseSql(op);
        assertThat(rebuild).hasSize(1);
        assertThat(rebuild.get(0))
                .startsWith("DO $strata$\n")
                .contains("CREATE TABLE metrics.ping_plain (LIKE metrics.ping INCLUDING ALL EXCLUDING INDEXES);")
                .contains("INSERT INTO metrics.ping_plain OVERRIDING SYSTEM VALUE SELECT * FROM metrics.ping;")
                .contains("DROP TABLE metrics.ping;")
                .contains("ALTER TABLE metrics.ping_plain RENAME TO ping;")
                .contains("FOREACH statement IN ARRAY definitions LOOP EXECUTE statement; END LOOP;")
                .endsWith("\n$strata$");
        // Order matters: copy, hand over sequences, drop, rename, then restore indexes and constraints.
        String sql = rebuild.get(0);
        assertThat(sql.indexOf("INSERT INTO")).isLessThan(sql.indexOf("ALTER SEQUENCE"));
        assertThat(sql.indexOf("ALTER SEQUENCE")).isLessThan(sql.indexOf("DROP TABLE"));
        assertThat(sql.indexOf("DROP TABLE")).isLessThan(sql.indexOf("RENAME TO"));
        assertThat(sql.indexOf("RENAME TO")).isLessThan(sql.indexOf("FOREACH"));
    }

    @Test
    void dimensionsHaveNoInverse() {
        Op hash = only(o -> o.timescale().addHashDimension("ping", "device_id", 4));
        assertThat(hash.statements()).containsExactly("SELECT add_dimension('ping', by_hash('device_id', 4))");
        assertThat(hash.timescaleVersion()).isEqualTo("2.13.0");
        assertThat(hash.inverse()).isInstanceOf(Inverse.None.class);
        assertThat(only(o -> o.timescale().addRangeDimension("ping", "seen", Duration.ofHours(6))).statements())
                .containsExactly("SELECT add_dimension('ping', by_range('seen', INTERVAL '6 hours'))");
        assertThatThrownBy(() -> only(o -> o.timescale().addHashDimension("ping", "d", 0))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void chunkTimeInterval() {
        Op op = only(o -> o.timescale().setChunkTimeInterval("ping", "1 day", "7 days"));
        assertThat(op.statements()).containsExactly("SELECT set_chunk_time_interval('ping', INTERVAL '1 day')");
        assertThat(inverseSql(op)).containsExactly("SELECT set_chunk_time_interval('ping', INTERVAL '7 days')");
        assertThat(op.timescaleVersion()).isEqualTo("0.1.0");
        assertThat(only(o -> o.timescale().setChunkTimeInterval("ping", "1 day")).inverse()).isInstanceOf(Inverse.None.class);
        assertThat(only(o -> o.timescale().setChunkTimeInterval("ping", Duration.ofHours(12), Duration.ofDays(1))).statements())
                .containsExactly("SELECT set_chunk_time_interval('ping', INTERVAL '12 hours')");
    }

    @Test
    void compressionAndItsSafeInverse() {
        Op op = only(o -> o.timescale().enableCompression("metrics.ping", c -> c.segmentBy("device_id", "User").orderBy("time DESC", "seq")));
        assertThat(op.statements()).containsExactly("ALTER TABLE metrics.ping SET (timescaledb.compress, "
                + "timescaledb.compress_segmentby = 'device_id, \"User\"', timescaledb.compress_orderby = 'time DESC, seq')");
        assertThat(op.timescaleVersion()).isEqualTo("1.5.0");
        assertThat(inverseSql(op)).containsExactly(
                "SELECT decompress_chunk(c, TRUE) FROM show_chunks('metrics.ping') c",
                "ALTER TABLE metrics.ping SET (timescaledb.compress = FALSE)");
        assertThat(only(o -> o.timescale().enableCompression("t", c -> {})).statements())
                .containsExactly("ALTER TABLE t SET (timescaledb.compress)");
        assertThatThrownBy(() -> only(o -> o.timescale().enableCompression("t", c -> c.orderBy("time SIDEWAYS"))))
                .isInstanceOf(IllegalArgumentException.class);

        List<Ops.Recorded> disable = record(o -> o.timescale().disableCompression("t"));
        assertThat(disable).extracting(r -> r.op().statements().get(0)).containsExactly(
                "SELECT decompress_chunk(c, TRUE) FROM show_chunks('t') c", "ALTER TABLE t SET (timescaledb.compress = FALSE)");
        assertThat(disable.get(1).op().inverse()).isInstanceOf(Inverse.None.class);
    }

    @Test
    void compressionAndRetentionPoliciesAreEachOthersInverse() {
        Op add = only(o -> o.timescale().addCompressionPolicy("ping", "7 days"));
        assertThat(add.statements()).containsExactly("SELECT add_compression_policy('ping', compress_after => INTERVAL '7 days')");
        assertThat(inverseSql(add)).containsExactly("SELECT remove_compression_policy('ping')");
        assertThat(add.timescaleVersion()).isEqualTo("2.0.0");

        Op idempotent = only(o -> o.timescale().addCompressionPolicy("ping", Interval.of(Duration.ofDays(30)), true));
        assertThat(idempotent.statements()).containsExactly(
                "SELECT add_compression_policy('ping', compress_after => INTERVAL '30 days', if_not_exists => TRUE)");
        assertThat(inverseSql(idempotent)).containsExactly("SELECT remove_compression_policy('ping', if_exists => TRUE)");

        Op remove = only(o -> o.timescale().removeCompressionPolicy("ping", "7 days"));
        assertThat(remove.statements()).containsExactly("SELECT remove_compression_policy('ping')");
        assertThat(inverseSql(remove)).containsExactly("SELECT add_compression_policy('ping', compress_after => INTERVAL '7 days')");
        assertThat(((Inverse.None) only(o -> o.timescale().removeCompressionPolicy("ping")).inverse()).reason())
                .contains("compress_after is unknown");

        Op retention = only(o -> o.timescale().addRetentionPolicy("ping", Duration.ofDays(90)));
        assertThat(retention.statements()).containsExactly("SELECT add_retention_policy('ping', drop_after => INTERVAL '90 days')");
        assertThat(inverseSql(retention)).containsExactly("SELECT remove_retention_policy('ping')");
        Op removeRetention = only(o -> o.timescale().removeRetentionPolicy("ping", Interval.of("1 year"), true));
        assertThat(removeRetention.statements()).containsExactly("SELECT remove_retention_policy('ping', if_exists => TRUE)");
        assertThat(inverseSql(removeRetention)).containsExactly(
                "SELECT add_retention_policy('ping', drop_after => INTERVAL '1 year', if_not_exists => TRUE)");
        assertThat(only(o -> o.timescale().removeRetentionPolicy("ping")).inverse()).isInstanceOf(Inverse.None.class);
    }

    @Test
    void continuousAggregateIsTwoOpsTheRefreshOutsideATransaction() {
        List<Ops.Recorded> r = record(o -> o.timescale().createContinuousAggregate("ping_daily",
                "SELECT time_bucket(INTERVAL '1 day', time) AS day, count(*) FROM ping GROUP BY 1"));
        assertThat(r).hasSize(2);
        Op create = r.get(0).op();
        assertThat(create.statements()).containsExactly("CREATE MATERIALIZED VIEW ping_daily WITH (timescaledb.continuous) AS "
                + "SELECT time_bucket(INTERVAL '1 day', time) AS day, count(*) FROM ping GROUP BY 1 WITH NO DATA");
        assertThat(create.transactional()).isTrue();
        assertThat(create.timescaleVersion()).isEqualTo("2.0.0");
        assertThat(inverseSql(create)).containsExactly("DROP MATERIALIZED VIEW ping_daily");
        Op refresh = r.get(1).op();
        assertThat(refresh.statements()).containsExactly("CALL refresh_continuous_aggregate('ping_daily', NULL, NULL)");
        assertThat(refresh.transactional()).isFalse();
        assertThat(refresh.inverse()).isEqualTo(new Inverse.Undo(List.of()));

        List<Ops.Recorded> empty = record(o -> o.timescale().createContinuousAggregate("d", "SELECT 1", c -> c.withNoData().materializedOnly(false)));
        assertThat(empty).hasSize(1);
        assertThat(empty.get(0).op().statements()).containsExactly(
                "CREATE MATERIALIZED VIEW d WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS SELECT 1 WITH NO DATA");
        assertThat(only(o -> o.timescale().dropContinuousAggregate("d")).statements()).containsExactly("DROP MATERIALIZED VIEW d");
    }

    @Test
    void continuousAggregatePolicies() {
        Op add = only(o -> o.timescale().addContinuousAggregatePolicy("ping_daily", "1 month", "1 hour", "1 hour"));
        assertThat(add.statements()).containsExactly("SELECT add_continuous_aggregate_policy('ping_daily', start_offset => INTERVAL '1 month', "
                + "end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '1 hour')");
        assertThat(inverseSql(add)).containsExactly("SELECT remove_continuous_aggregate_policy('ping_daily')");
        assertThat(only(o -> o.timescale().addContinuousAggregatePolicy("v", null, Duration.ofHours(1), Duration.ofMinutes(30))).statements())
                .containsExactly("SELECT add_continuous_aggregate_policy('v', start_offset => NULL, end_offset => INTERVAL '1 hour', "
                        + "schedule_interval => INTERVAL '30 minutes')");
        Op remove = only(o -> o.timescale().removeContinuousAggregatePolicy("v", "1 month", "1 hour", "1 hour"));
        assertThat(remove.statements()).containsExactly("SELECT remove_continuous_aggregate_policy('v')");
        assertThat(inverseSql(remove)).containsExactly("SELECT add_continuous_aggregate_policy('v', start_offset => INTERVAL '1 month', "
                + "end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '1 hour')");
        assertThat(only(o -> o.timescale().removeContinuousAggregatePolicy("v")).inverse()).isInstanceOf(Inverse.None.class);
    }

    @Test
    void reorderPolicies() {
        Op add = only(o -> o.timescale().addReorderPolicy("metrics.ping", "ping_device_time_idx"));
        assertThat(add.statements()).containsExactly("SELECT add_reorder_policy('metrics.ping', 'ping_device_time_idx')");
        assertThat(inverseSql(add)).containsExactly("SELECT remove_reorder_policy('metrics.ping')");
        assertThat(add.timescaleVersion()).isEqualTo("2.0.0");
        assertThat(inverseSql(only(o -> o.timescale().removeReorderPolicy("ping", "ix"))))
                .containsExactly("SELECT add_reorder_policy('ping', 'ix')");
        assertThat(only(o -> o.timescale().removeReorderPolicy("ping", null)).inverse()).isInstanceOf(Inverse.None.class);
    }

    @Test
    void hypertableIndexBuildsPerChunkOutsideATransaction() {
        Op op = only(o -> o.timescale().createHypertableIndex("ping_device_idx", "metrics.ping", i -> i.columns("device_id").desc("time")));
        assertThat(op.statements()).containsExactly(
                "CREATE INDEX ping_device_idx ON metrics.ping(device_id, time DESC) WITH (timescaledb.transaction_per_chunk)");
        assertThat(op.transactional()).isFalse();
        assertThat(op.timescaleVersion()).isEqualTo("1.3.0");
        assertThat(inverseSql(op)).containsExactly("DROP INDEX metrics.ping_device_idx");
        assertThatThrownBy(() -> only(o -> o.timescale().createHypertableIndex("u", "ping", i -> i.columns("id").unique())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("neither UNIQUE nor CONCURRENTLY");
    }

    @Test
    void concurrentIndexOnAHypertableOfThisMigrationIsRefused() {
        assertThatThrownBy(() -> record(o -> {
            o.timescale().createHypertable("ping", "time");
            o.createIndex("ping_device_idx", "ping", i -> i.columns("device_id").concurrently());
        }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("create_index ping_device_idx on ping (line ")
                .hasMessageContaining("CREATE INDEX CONCURRENTLY")
                .hasMessageContaining("op.timescale().createHypertableIndex(..)");
        // On a plain table it is fine.
        assertThat(record(o -> o.createIndex("ix", "ping", i -> i.columns("device_id").concurrently()))).hasSize(1);
    }
}
