package dev.strata.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jooq.impl.DSL;

/**
 * TimescaleDB operations, reached as {@code op.timescale()} and recorded into that same {@link Ops}.
 * Each op says the lowest TimescaleDB version it needs ({@link Op#timescaleVersion()}). TimescaleDB's
 * functions are not in jOOQ, so they are plain-SQL templates over jOOQ names and inlined literals; a
 * table passed to a function is a {@code regclass} literal ({@code 'metrics."Ping"'}).
 */
public final class TimescaleOps {

    /** The generalized hypertable API ({@code by_range}, {@code by_hash}). */
    static final String GENERALIZED_API = "2.13.0";
    /** Policies, continuous aggregates as {@code CREATE MATERIALIZED VIEW}, {@code refresh_continuous_aggregate}. */
    static final String POLICIES = "2.0.0";
    /** Native compression and {@code decompress_chunk}. */
    static final String COMPRESSION = "1.5.0";
    /** {@code WITH (timescaledb.transaction_per_chunk)}. */
    static final String TRANSACTION_PER_CHUNK = "1.3.0";
    /** {@code set_chunk_time_interval}, there from the first release. */
    static final String FIRST_RELEASE = "0.1.0";

    private final Ops ops;

    TimescaleOps(Ops ops) {
        this.ops = ops;
    }

    // ---- hypertables ----

    /** {@code SELECT create_hypertable('table', by_range('timeColumn'))}. */
    public TimescaleOps createHypertable(String table, String timeColumn) {
        return createHypertable(table, timeColumn, h -> {});
    }

    /**
     * {@code SELECT create_hypertable('table', by_range('timeColumn', INTERVAL '1 day'), ..)}. No inverse,
     * unless the migration created the table (its drop undoes this) or {@code h.rebuildOnDowngrade()} is set.
     */
    public TimescaleOps createHypertable(String table, String timeColumn, Consumer<HypertableOptions> options) {
        HypertableOptions o = new HypertableOptions();
        options.accept(o);
        Sql.identifier(timeColumn);
        // by_range takes the column's name as a value of type name, not as an identifier: it is never quoted.
        StringBuilder t = new StringBuilder("SELECT create_hypertable({0}, by_range({1}");
        t.append(o.chunkInterval == null ? ")" : ", " + o.chunkInterval + ")");
        if (o.ifNotExists) {
            t.append(", if_not_exists => TRUE");
        }
        if (o.migrateData) {
            t.append(", migrate_data => TRUE");
        }
        if (o.withoutDefaultIndexes) {
            t.append(", create_default_indexes => FALSE");
        }
        t.append(')');
        Inverse inverse = o.rebuildOnDowngrade
                ? Inverse.of(rebuildOp(table))
                : Inverse.none("TimescaleDB cannot turn a hypertable back into a plain table; drop the table in a downgrade() of your own, "
                        + "or use createHypertable(table, column, h -> h.rebuildOnDowngrade()) to copy its rows into a plain table");
        ops.add(op("create_hypertable " + table, table, GENERALIZED_API, inverse,
                Sql.template(t.toString(), Sql.regclass(table), DSL.inline(timeColumn))));
        ops.markHypertable(table);
        return this;
    }

    /** {@code SELECT add_dimension('table', by_hash('column', partitions))}. No inverse: a dimension cannot be removed. */
    public TimescaleOps addHashDimension(String table, String column, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("add_dimension " + table + "." + column + ": partitions must be positive, not " + partitions);
        }
        Sql.identifier(column);
        return dimension(table, column, Sql.template("SELECT add_dimension({0}, by_hash({1}, {2}))",
                Sql.regclass(table), DSL.inline(column), DSL.inline(partitions)));
    }

    /** {@code SELECT add_dimension('table', by_range('column', INTERVAL '..'))}. No inverse. */
    public TimescaleOps addRangeDimension(String table, String column, String interval) {
        return addRangeDimension(table, column, Interval.of(interval));
    }

    public TimescaleOps addRangeDimension(String table, String column, Duration interval) {
        return addRangeDimension(table, column, Interval.of(interval));
    }

    private TimescaleOps addRangeDimension(String table, String column, Interval interval) {
        Sql.identifier(column);
        return dimension(table, column, Sql.template("SELECT add_dimension({0}, by_range({1}, " + interval.sql() + "))",
                Sql.regclass(table), DSL.inline(column)));
    }

    private TimescaleOps dimension(String table, String column, String sql) {
        ops.add(op("add_dimension " + table + "." + column, table, GENERALIZED_API,
                Inverse.none("TimescaleDB cannot remove a dimension from a hypertable; only dropping the table undoes it"), sql));
        return this;
    }

    /** {@code SELECT set_chunk_time_interval('table', INTERVAL '..')}; no inverse, as the previous interval is unknown. */
    public TimescaleOps setChunkTimeInterval(String table, String interval) {
        ops.add(op("set_chunk_time_interval " + table, table, FIRST_RELEASE,
                Inverse.none("the previous chunk interval is unknown; give it as setChunkTimeInterval(table, interval, previous)"),
                chunkIntervalSql(table, Interval.of(interval))));
        return this;
    }

    /** {@code SELECT set_chunk_time_interval(..)}, undone by setting {@code previous} again. New chunks only. */
    public TimescaleOps setChunkTimeInterval(String table, String interval, String previous) {
        SqlOp back = op("set_chunk_time_interval " + table, table, FIRST_RELEASE, Inverse.none("undoes set_chunk_time_interval"),
                chunkIntervalSql(table, Interval.of(previous)));
        ops.add(op("set_chunk_time_interval " + table, table, FIRST_RELEASE, Inverse.of(back), chunkIntervalSql(table, Interval.of(interval))));
        return this;
    }

    public TimescaleOps setChunkTimeInterval(String table, Duration interval, Duration previous) {
        return setChunkTimeInterval(table, Interval.of(interval).text(), Interval.of(previous).text());
    }

    private static String chunkIntervalSql(String table, Interval interval) {
        return Sql.template("SELECT set_chunk_time_interval({0}, " + interval.sql() + ")", Sql.regclass(table));
    }

    /**
     * {@code CREATE INDEX .. WITH (timescaledb.transaction_per_chunk)}: the hypertable's answer to
     * {@code CONCURRENTLY}, one transaction per chunk, so it runs outside a transaction. Undone by
     * {@code DROP INDEX}. TimescaleDB refuses it for unique indexes.
     */
    public TimescaleOps createHypertableIndex(String name, String table, Consumer<IndexDefinition> definition) {
        IndexDefinition index = new IndexDefinition();
        definition.accept(index);
        if (index.unique || index.concurrently) {
            throw new IllegalArgumentException("create_hypertable_index " + name + ": TimescaleDB builds a transaction_per_chunk index "
                    + "neither UNIQUE nor CONCURRENTLY; use op.createIndex(..) for a unique index");
        }
        String sql = index.render(name, table, List.of("timescaledb.transaction_per_chunk"));
        ops.add(Ops.indexOp(name, table, index, sql, false, TRANSACTION_PER_CHUNK));
        return this;
    }

    // ---- compression ----

    /**
     * {@code ALTER TABLE t SET (timescaledb.compress, timescaledb.compress_segmentby = '..',
     * timescaledb.compress_orderby = '..')}. Undone by decompressing every compressed chunk and then
     * {@code SET (timescaledb.compress = false)}; a compression policy must be removed first, which a
     * downgrade does when the policy was added after this op.
     */
    public TimescaleOps enableCompression(String table, Consumer<CompressionOptions> options) {
        CompressionOptions o = new CompressionOptions();
        options.accept(o);
        List<String> settings = new ArrayList<>(List.of("timescaledb.compress"));
        if (!o.segmentBy.isEmpty()) {
            settings.add("timescaledb.compress_segmentby = " + Sql.literal(String.join(", ", o.segmentBy)));
        }
        if (!o.orderBy.isEmpty()) {
            settings.add("timescaledb.compress_orderby = " + Sql.literal(String.join(", ", o.orderBy)));
        }
        String sql = Sql.template("ALTER TABLE {0} SET (" + String.join(", ", settings) + ")", Sql.name(table));
        ops.add(op("enable_compression " + table, table, COMPRESSION,
                new Inverse.Undo(disableCompressionOps(table)), sql));
        return this;
    }

    /**
     * Decompresses every compressed chunk, then {@code SET (timescaledb.compress = false)}. No inverse:
     * the compression settings are unknown here; {@link #enableCompression} in a downgrade of your own restores them.
     */
    public TimescaleOps disableCompression(String table) {
        List<Op> steps = disableCompressionOps(table);
        for (Op step : steps) {
            ops.add(((SqlOp) step).withInverse(Inverse.none(
                    "the compression settings are unknown; call enableCompression(..) in a downgrade() of your own")));
        }
        return this;
    }

    private static List<Op> disableCompressionOps(String table) {
        // if_compressed => true (the second argument) skips chunks that are not compressed, so this is
        // safe to run whatever the chunks' state.
        SqlOp decompress = op("decompress_chunks " + table, table, COMPRESSION, Inverse.none("undoes a decompression"),
                Sql.template("SELECT decompress_chunk(c, TRUE) FROM show_chunks({0}) c", Sql.regclass(table)));
        SqlOp disable = op("disable_compression " + table, table, COMPRESSION, Inverse.none("undoes enable_compression"),
                Sql.template("ALTER TABLE {0} SET (timescaledb.compress = FALSE)", Sql.name(table)));
        return List.of(decompress, disable);
    }

    /** {@code SELECT add_compression_policy('t', compress_after => INTERVAL '..')}; undone by removing it. */
    public TimescaleOps addCompressionPolicy(String table, String compressAfter) {
        return addCompressionPolicy(table, Interval.of(compressAfter), false);
    }

    public TimescaleOps addCompressionPolicy(String table, Duration compressAfter) {
        return addCompressionPolicy(table, Interval.of(compressAfter), false);
    }

    /** With {@code if_not_exists => TRUE}; the downgrade then removes it with {@code if_exists => TRUE}. */
    public TimescaleOps addCompressionPolicy(String table, Interval compressAfter, boolean ifNotExists) {
        ops.add(policy("compression", table, "compress_after", compressAfter, ifNotExists, true));
        return this;
    }

    /** {@code SELECT remove_compression_policy('t')}; no inverse, as the interval is unknown. */
    public TimescaleOps removeCompressionPolicy(String table) {
        ops.add(removal("compression", table, "compress_after", null, false));
        return this;
    }

    /** {@code SELECT remove_compression_policy('t')}, undone by adding it back with {@code compressAfter}. */
    public TimescaleOps removeCompressionPolicy(String table, String compressAfter) {
        ops.add(removal("compression", table, "compress_after", Interval.of(compressAfter), false));
        return this;
    }

    /** With {@code if_exists => TRUE}; {@code compressAfter} may be null (no inverse). */
    public TimescaleOps removeCompressionPolicy(String table, Interval compressAfter, boolean ifExists) {
        ops.add(removal("compression", table, "compress_after", compressAfter, ifExists));
        return this;
    }

    // ---- retention ----

    /** {@code SELECT add_retention_policy('t', drop_after => INTERVAL '..')}; undone by removing it. */
    public TimescaleOps addRetentionPolicy(String table, String dropAfter) {
        return addRetentionPolicy(table, Interval.of(dropAfter), false);
    }

    public TimescaleOps addRetentionPolicy(String table, Duration dropAfter) {
        return addRetentionPolicy(table, Interval.of(dropAfter), false);
    }

    public TimescaleOps addRetentionPolicy(String table, Interval dropAfter, boolean ifNotExists) {
        ops.add(policy("retention", table, "drop_after", dropAfter, ifNotExists, true));
        return this;
    }

    /** {@code SELECT remove_retention_policy('t')}; no inverse. */
    public TimescaleOps removeRetentionPolicy(String table) {
        ops.add(removal("retention", table, "drop_after", null, false));
        return this;
    }

    /** {@code SELECT remove_retention_policy('t')}, undone by adding it back with {@code dropAfter}. */
    public TimescaleOps removeRetentionPolicy(String table, String dropAfter) {
        ops.add(removal("retention", table, "drop_after", Interval.of(dropAfter), false));
        return this;
    }

    public TimescaleOps removeRetentionPolicy(String table, Interval dropAfter, boolean ifExists) {
        ops.add(removal("retention", table, "drop_after", dropAfter, ifExists));
        return this;
    }

    private static SqlOp policy(String kind, String table, String argument, Interval interval, boolean ifNotExists, boolean withInverse) {
        String sql = Sql.template("SELECT add_" + kind + "_policy({0}, " + argument + " => " + interval.sql()
                + (ifNotExists ? ", if_not_exists => TRUE)" : ")"), Sql.regclass(table));
        Inverse inverse = withInverse
                ? Inverse.of(removal(kind, table, argument, null, ifNotExists).withInverse(Inverse.none("undoes add_" + kind + "_policy")))
                : Inverse.none("undoes remove_" + kind + "_policy");
        return op("add_" + kind + "_policy " + table, table, POLICIES, inverse, sql);
    }

    private static SqlOp removal(String kind, String table, String argument, Interval previous, boolean ifExists) {
        String sql = Sql.template("SELECT remove_" + kind + "_policy({0}" + (ifExists ? ", if_exists => TRUE)" : ")"), Sql.regclass(table));
        Inverse inverse = previous == null
                ? Inverse.none("the policy's " + argument + " is unknown; give it to remove" + capitalized(kind) + "Policy(table, " + argument + ")")
                : Inverse.of(policy(kind, table, argument, previous, ifExists, false));
        return op("remove_" + kind + "_policy " + table, table, POLICIES, inverse, sql);
    }

    private static String capitalized(String kind) {
        return Character.toUpperCase(kind.charAt(0)) + kind.substring(1);
    }

    // ---- reorder ----

    /** {@code SELECT add_reorder_policy('t', 'index')}; undone by removing it. */
    public TimescaleOps addReorderPolicy(String table, String index) {
        SqlOp remove = op("remove_reorder_policy " + table, table, POLICIES, Inverse.none("undoes add_reorder_policy"), removeReorderSql(table));
        ops.add(op("add_reorder_policy " + table, table, POLICIES, Inverse.of(remove), addReorderSql(table, index)));
        return this;
    }

    /** {@code SELECT remove_reorder_policy('t')}, undone by adding it back on {@code index}, if given (else none). */
    public TimescaleOps removeReorderPolicy(String table, String index) {
        Inverse inverse = index == null
                ? Inverse.none("the policy's index is unknown; give it to removeReorderPolicy(table, index)")
                : Inverse.of(op("add_reorder_policy " + table, table, POLICIES, Inverse.none("undoes remove_reorder_policy"), addReorderSql(table, index)));
        ops.add(op("remove_reorder_policy " + table, table, POLICIES, inverse, removeReorderSql(table)));
        return this;
    }

    private static String addReorderSql(String table, String index) {
        // The index is a name value, looked up in the table's schema, so it is passed as its plain text.
        Sql.identifier(index);
        return Sql.template("SELECT add_reorder_policy({0}, {1})", Sql.regclass(table), DSL.inline(index));
    }

    private static String removeReorderSql(String table) {
        return Sql.template("SELECT remove_reorder_policy({0})", Sql.regclass(table));
    }

    // ---- continuous aggregates ----

    /** {@link #createContinuousAggregate(String, String, Consumer)} with the defaults: created, then filled. */
    public TimescaleOps createContinuousAggregate(String name, String select) {
        return createContinuousAggregate(name, select, c -> {});
    }

    /**
     * Records two ops: {@code CREATE MATERIALIZED VIEW name WITH (timescaledb.continuous) AS select WITH NO DATA}
     * (undone by {@code DROP MATERIALIZED VIEW}), and, unless {@code c.withNoData()}, the fill
     * {@code CALL refresh_continuous_aggregate('name', NULL, NULL)}, which cannot run in a transaction
     * and needs no undo.
     */
    public TimescaleOps createContinuousAggregate(String name, String select, Consumer<ContinuousAggregateOptions> options) {
        ContinuousAggregateOptions o = new ContinuousAggregateOptions();
        options.accept(o);
        String with = "timescaledb.continuous" + (o.materializedOnly == null ? "" : ", timescaledb.materialized_only = " + o.materializedOnly);
        // WITH NO DATA always: filling the view (WITH DATA) would refresh inside the migration's
        // transaction, which TimescaleDB refuses; the refresh is its own, non-transactional op.
        String sql = Ops.viewSql("CREATE MATERIALIZED VIEW", name, select).replaceFirst(" AS ", " WITH (" + with + ") AS ")
                + " WITH NO DATA";
        SqlOp drop = op("drop_continuous_aggregate " + name, name, POLICIES, Inverse.none("undoes create_continuous_aggregate"),
                Sql.render(Sql.CTX.dropMaterializedView(Sql.name(name))));
        ops.add(new CreatedTable(op("create_continuous_aggregate " + name, name, POLICIES, Inverse.of(drop), sql).survivesTable()));
        if (o.refresh) {
            ops.add(op("refresh_continuous_aggregate " + name, name, POLICIES, new Inverse.Undo(List.of()),
                    Sql.template("CALL refresh_continuous_aggregate({0}, NULL, NULL)", Sql.regclass(name))).nonTransactional());
        }
        return this;
    }

    /** {@code DROP MATERIALIZED VIEW name} of a continuous aggregate. No inverse. */
    public TimescaleOps dropContinuousAggregate(String name) {
        ops.add(op("drop_continuous_aggregate " + name, name, POLICIES,
                Inverse.none("recreate the continuous aggregate with createContinuousAggregate(..) in a downgrade() of your own"),
                Sql.render(Sql.CTX.dropMaterializedView(Sql.name(name)))).survivesTable());
        return this;
    }

    /**
     * {@code SELECT add_continuous_aggregate_policy('view', start_offset => .., end_offset => .., schedule_interval => ..)};
     * a {@code null} offset is {@code NULL} (unbounded). Undone by removing it.
     */
    public TimescaleOps addContinuousAggregatePolicy(String view, String startOffset, String endOffset, String scheduleInterval) {
        return addContinuousAggregatePolicy(view, interval(startOffset), interval(endOffset), Interval.of(scheduleInterval));
    }

    public TimescaleOps addContinuousAggregatePolicy(String view, Duration startOffset, Duration endOffset, Duration scheduleInterval) {
        return addContinuousAggregatePolicy(view, startOffset == null ? null : Interval.of(startOffset),
                endOffset == null ? null : Interval.of(endOffset), Interval.of(scheduleInterval));
    }

    public TimescaleOps addContinuousAggregatePolicy(String view, Interval startOffset, Interval endOffset, Interval scheduleInterval) {
        SqlOp remove = op("remove_continuous_aggregate_policy " + view, view, POLICIES, Inverse.none("undoes add_continuous_aggregate_policy"),
                removeCaggPolicySql(view));
        ops.add(op("add_continuous_aggregate_policy " + view, view, POLICIES, Inverse.of(remove),
                caggPolicySql(view, startOffset, endOffset, scheduleInterval)));
        return this;
    }

    /** {@code SELECT remove_continuous_aggregate_policy('view')}; no inverse. */
    public TimescaleOps removeContinuousAggregatePolicy(String view) {
        ops.add(op("remove_continuous_aggregate_policy " + view, view, POLICIES,
                Inverse.none("the policy's offsets are unknown; give them to removeContinuousAggregatePolicy(view, start, end, schedule)"),
                removeCaggPolicySql(view)));
        return this;
    }

    /** {@code SELECT remove_continuous_aggregate_policy('view')}, undone by adding the policy back. */
    public TimescaleOps removeContinuousAggregatePolicy(String view, String startOffset, String endOffset, String scheduleInterval) {
        SqlOp add = op("add_continuous_aggregate_policy " + view, view, POLICIES, Inverse.none("undoes remove_continuous_aggregate_policy"),
                caggPolicySql(view, interval(startOffset), interval(endOffset), Interval.of(scheduleInterval)));
        ops.add(op("remove_continuous_aggregate_policy " + view, view, POLICIES, Inverse.of(add), removeCaggPolicySql(view)));
        return this;
    }

    private static Interval interval(String text) {
        return text == null ? null : Interval.of(text);
    }

    private static String caggPolicySql(String view, Interval start, Interval end, Interval schedule) {
        return Sql.template("SELECT add_continuous_aggregate_policy({0}, start_offset => " + (start == null ? "NULL" : start.sql())
                + ", end_offset => " + (end == null ? "NULL" : end.sql())
                + ", schedule_interval => " + schedule.sql() + ")", Sql.regclass(view));
    }

    private static String removeCaggPolicySql(String view) {
        return Sql.template("SELECT remove_continuous_aggregate_policy({0})", Sql.regclass(view));
    }

    // ---- the rebuild inverse of create_hypertable ----

    /**
     * Copies the hypertable's rows into a plain table and swaps it in, in one {@code DO} block: the
     * definitions to restore are read from the catalogue before the hypertable is dropped. Indexes are
     * excluded from {@code LIKE} and recreated from their own definitions so they keep their names
     * ({@code LIKE} would invent new ones); foreign keys, which {@code LIKE} never copies, are re-added;
     * serial sequences are handed to the new table before the old one is dropped (they would go with
     * it); identity sequences, which {@code LIKE} makes anew, continue after the copied values.
     */
    private static SqlOp rebuildOp(String table) {
        String plainName = Sql.lastPart(table) + "_plain";
        String plain = Sql.sibling(table, plainName);
        String t = Sql.quoted(table);
        String reg = Sql.literal(t);
        String plainReg = Sql.literal(plain);
        String sql = String.join("\n",
                "DO $strata$",
                "DECLARE",
                "  definitions text[];",
                "  table_comment text := obj_description(" + reg + "::regclass, 'pg_class');",
                "  statement text;",
                "BEGIN",
                "  SELECT coalesce(array_agg(d ORDER BY o), '{}') INTO definitions FROM (",
                "    SELECT 1 AS o, format('ALTER TABLE %s ADD CONSTRAINT %I %s', " + reg + ", conname, pg_get_constraintdef(oid)) AS d",
                "      FROM pg_constraint WHERE conrelid = " + reg + "::regclass AND contype IN ('p', 'u', 'x', 'f')",
                "    UNION ALL",
                "    SELECT 2, pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = " + reg + "::regclass",
                "      AND indexrelid NOT IN (SELECT conindid FROM pg_constraint WHERE conrelid = " + reg + "::regclass)",
                "  ) existing;",
                "  CREATE TABLE " + plain + " (LIKE " + t + " INCLUDING ALL EXCLUDING INDEXES);",
                "  INSERT INTO " + plain + " OVERRIDING SYSTEM VALUE SELECT * FROM " + t + ";",
                "  FOR statement IN SELECT format('ALTER SEQUENCE %s OWNED BY %s.%I', s.seq, " + plainReg + ", a.attname)",
                "      FROM pg_attribute a, LATERAL (SELECT pg_get_serial_sequence(" + reg + ", a.attname) AS seq) s",
                "      WHERE a.attrelid = " + reg + "::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attidentity = '' AND s.seq IS NOT NULL",
                "  LOOP EXECUTE statement; END LOOP;",
                "  DROP TABLE " + t + ";",
                "  ALTER TABLE " + plain + " RENAME TO " + Sql.render(Sql.identifier(Sql.lastPart(table))) + ";",
                "  FOREACH statement IN ARRAY definitions LOOP EXECUTE statement; END LOOP;",
                "  IF table_comment IS NOT NULL THEN EXECUTE format('COMMENT ON TABLE %s IS %L', " + reg + ", table_comment); END IF;",
                "  FOR statement IN SELECT format('SELECT setval(pg_get_serial_sequence(%L, %L), coalesce(max(%I), 0) + 1, false) FROM %s', "
                        + reg + ", a.attname, a.attname, " + reg + ")",
                "      FROM pg_attribute a WHERE a.attrelid = " + reg + "::regclass AND a.attidentity <> '' AND NOT a.attisdropped",
                "  LOOP EXECUTE statement; END LOOP;",
                "END",
                "$strata$");
        return new SqlOp("rebuild " + table + " as a plain table", List.of(sql), true, null, table, false,
                Inverse.none("undoes create_hypertable"));
    }

    private static SqlOp op(String describe, String table, String version, Inverse inverse, String sql) {
        return new SqlOp(describe, List.of(sql), true, version, table, true, inverse);
    }
}
