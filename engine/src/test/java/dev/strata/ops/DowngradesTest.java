package dev.strata.ops;

import static dev.strata.ops.OpsFixture.downgradeSql;
import static dev.strata.ops.OpsFixture.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class DowngradesTest {

    @Test
    void opsOnAnExistingHypertableAreUndoneInTheSafeOrder() {
        Consumer<Ops> upgrade = o -> {
            o.timescale().enableCompression("ping", c -> c.segmentBy("device_id"));
            o.timescale().addCompressionPolicy("ping", "7 days");
            o.addColumn("ping", "note", "text");
        };
        assertThat(downgradeSql(upgrade)).containsExactly(
                "ALTER TABLE ping DROP note",
                "SELECT remove_compression_policy('ping')",
                "SELECT decompress_chunk(c, TRUE) FROM show_chunks('ping') c",
                "ALTER TABLE ping SET (timescaledb.compress = FALSE)");
    }

    @Test
    void aTableCreatedInTheMigrationIsJustDropped() {
        // Dropping the hypertable removes its chunks, compression settings and policies; decompressing
        // every chunk first would only cost time.
        Consumer<Ops> upgrade = o -> {
            o.createTable("ping", t -> t.column("time", "timestamptz", c -> c.notNull()).column("device_id", "int"));
            o.timescale().createHypertable("ping", "time");
            o.timescale().enableCompression("ping", c -> c.segmentBy("device_id"));
            o.timescale().addCompressionPolicy("ping", "7 days");
            o.createIndex("ping_device_idx", "ping", "device_id");
        };
        assertThat(downgradeSql(upgrade)).containsExactly("DROP TABLE ping");
    }

    @Test
    void aContinuousAggregateIsDroppedBeforeItsHypertable() {
        Consumer<Ops> upgrade = o -> {
            o.createTable("ping", t -> t.column("time", "timestamptz", c -> c.notNull()));
            o.timescale().createHypertable("ping", "time");
            o.timescale().createContinuousAggregate("ping_daily", "SELECT time_bucket('1 day', time) AS day, count(*) FROM ping GROUP BY 1");
            o.timescale().addContinuousAggregatePolicy("ping_daily", "1 month", "1 hour", "1 hour");
        };
        assertThat(downgradeSql(upgrade)).containsExactly("DROP MATERIALIZED VIEW ping_daily", "DROP TABLE ping");
    }

    @Test
    void aRenamedTableIsRenamedBackBeforeItIsDropped() {
        Consumer<Ops> upgrade = o -> {
            o.createTable("metrics.ping", t -> t.column("id", "int"));
            o.renameTable("metrics.ping", "pings");
            o.createIndex("pings_id_idx", "metrics.pings", "id");
            o.timescale().createHypertable("metrics.pings", "id");
        };
        assertThat(downgradeSql(upgrade)).containsExactly("ALTER TABLE metrics.pings RENAME TO ping", "DROP TABLE metrics.ping");
    }

    @Test
    void aHypertableOfAnExistingTableNamesTheOpAndItsLine() {
        int line = currentLine() + 2;
        Consumer<Ops> upgrade = o -> {
            o.timescale().createHypertable("ping", "time");
            o.timescale().addRetentionPolicy("ping", "30 days");
        };
        assertThatThrownBy(() -> downgradeSql(upgrade))
                .isInstanceOf(IrreversibleException.class)
                .hasMessage("create_hypertable ping (line " + line + ") cannot be undone: TimescaleDB cannot turn a hypertable back "
                        + "into a plain table; drop the table in a downgrade() of your own, or use "
                        + "createHypertable(table, column, h -> h.rebuildOnDowngrade()) to copy its rows into a plain table")
                .satisfies(e -> assertThat(((IrreversibleException) e).line()).isEqualTo(line));
    }

    @Test
    void rawSqlWithoutInverseIsIrreversible() {
        int line = currentLine() + 1;
        Consumer<Ops> upgrade = o -> o.execute("UPDATE users SET name = 'O''Brien'");
        assertThatThrownBy(() -> downgradeSql(upgrade))
                .isInstanceOf(IrreversibleException.class)
                .hasMessage("execute (line " + line + ") cannot be undone: execute(sql) has no inverse; "
                        + "give one as execute(sql, inverseSql) or write downgrade()");
    }

    @Test
    void theDefaultDowngradeOfAJavaMigrationKeepsTheUpgradesLines() {
        int line = currentLine() + 4;
        JavaMigration migration = new JavaMigration() {
            @Override
            public void upgrade(Ops op) {
                op.createSchema("metrics");
                op.createEnum("metrics.mood", "sad", "happy");
            }
        };
        Ops down = new Ops();
        migration.downgrade(down);
        assertThat(down.recorded()).extracting(r -> r.op().statements().get(0), Ops.Recorded::line).containsExactly(
                org.assertj.core.groups.Tuple.tuple("DROP TYPE metrics.mood", line + 1),
                org.assertj.core.groups.Tuple.tuple("DROP SCHEMA metrics", line));
    }

    @Test
    void recordedLinesPointAtTheCallersOwnLines() {
        int first = currentLine() + 2;
        List<Ops.Recorded> r = record(o -> {
            o.createTable("users", t -> t.column("id", "bigint"));
            o.timescale().addRetentionPolicy("users", "1 day");
            o.execute("SELECT 1");
        });
        assertThat(r).extracting(Ops.Recorded::line).containsExactly(first, first + 1, first + 2);
    }

    private static int currentLine() {
        return StackWalker.getInstance().walk(s -> s.skip(1).findFirst().orElseThrow().getLineNumber());
    }
}
