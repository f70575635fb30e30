package dev.strata.diff;

import dev.strata.ops.Ops;
import dev.strata.schema.ContinuousAggregate;
import dev.strata.schema.Hypertable;
import dev.strata.schema.QualifiedName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/** TimescaleDB: hypertables, their dimensions, compression and policies, and continuous aggregates. */
final class TimescaleChanges {

    private TimescaleChanges() {}

    static void diff(Tables tables, Collected out) {
        Map<QualifiedName, Hypertable> old = new TreeMap<>();
        for (Hypertable h : tables.from.hypertables()) {
            if (!tables.isRemoved(h.table())) {
                QualifiedName now = tables.renamed(h.table());
                old.put(now == null ? h.table() : now, h);
            }
        }
        for (Hypertable n : tables.to.hypertables()) {
            hypertable(tables, old.remove(n.table()), n, out);
        }
        for (Hypertable o : old.values()) {
            out.warn("'" + o.table() + "' is a hypertable in the database but not in the desired schema: TimescaleDB cannot turn it back "
                    + "into a plain table; copy its rows into a new plain table by hand");
            out.add(Phase.HYPERTABLES, "removed hypertable '" + o.table() + "'", false,
                    List.of(Steps.note("TODO: '" + o.table() + "' stays a hypertable: TimescaleDB cannot turn it back into a plain table")),
                    List.of());
        }
        continuousAggregates(tables, out);
    }

    private static void hypertable(Tables tables, Hypertable o, Hypertable n, Collected out) {
        String table = n.table().written();
        String s = Steps.string(table);
        boolean newTable = tables.isNew(n.table());
        if (o == null) {
            Hypertable.Dimension time = n.dimensions().get(0);
            String interval = Intervals.text(time.interval());
            boolean migrate = !newTable;
            String java = "op.timescale().createHypertable(" + s + ", " + Steps.string(time.column()) + ", h -> h"
                    + (interval == null ? "" : ".chunkInterval(" + Steps.string(interval) + ")") + (migrate ? ".migrateData()" : "") + ");";
            List<Step> up = new ArrayList<>(List.of(call(java, x -> x.timescale().createHypertable(table, time.column(), h -> {
                if (interval != null) {
                    h.chunkInterval(interval);
                }
                if (migrate) {
                    h.migrateData();
                }
            }))));
            for (Hypertable.Dimension d : n.dimensions().subList(1, n.dimensions().size())) {
                up.add(dimension(table, d));
            }
            out.add(Phase.HYPERTABLES, "added hypertable '" + n.table() + "'", false, up, newTable ? List.of()
                    : List.of(Steps.note("irreversible: TimescaleDB cannot turn hypertable '" + n.table() + "' back into a plain table")));
            o = new Hypertable(n.table(), n.dimensions(), null, null, null);
        } else {
            String was = o.dimensions().get(0).interval();
            String is = n.dimensions().get(0).interval();
            if (!Objects.equals(was, is) && was != null && is != null) {
                out.add(Phase.HYPERTABLES, "chunk interval change on '" + n.table() + "' from " + was + " to " + is, false,
                        List.of(chunkInterval(table, is, was)), List.of(chunkInterval(table, was, is)));
            }
            for (Hypertable.Dimension d : n.dimensions().subList(1, n.dimensions().size())) {
                if (!o.dimensions().contains(d)) {
                    out.add(Phase.HYPERTABLES, "added dimension '" + d.column() + "' on '" + n.table() + "'", false, List.of(dimension(table, d)),
                            List.of(Steps.note("irreversible: TimescaleDB cannot remove dimension '" + d.column() + "' from '" + n.table() + "'")));
                }
            }
            for (Hypertable.Dimension d : o.dimensions()) {
                if (!n.dimensions().contains(d) && !n.dimensions().get(0).column().equals(d.column())) {
                    out.warn("dimension '" + d.column() + "' of '" + n.table() + "' is not in the desired schema: TimescaleDB cannot remove a dimension");
                }
            }
        }
        compression(tables, o, n, out);
        retention(o, n, out);
    }

    private static void compression(Tables tables, Hypertable o, Hypertable n, Collected out) {
        boolean retyped = tables.retyped.contains(n.table()) && o.compression() != null;
        boolean off = o.compression() != null && (n.compression() == null || !o.compression().equals(n.compression()) || retyped);
        boolean on = n.compression() != null && (o.compression() == null || !o.compression().equals(n.compression()) || retyped);
        boolean policyOff = o.compressAfter() != null && (off || !Objects.equals(o.compressAfter(), n.compressAfter()));
        boolean policyOn = n.compressAfter() != null && (on || !Objects.equals(o.compressAfter(), n.compressAfter()));
        String table = n.table().written();
        List<Step> stop = new ArrayList<>();
        List<Step> restart = new ArrayList<>();
        if (policyOff) {
            stop.add(removePolicy("compression", table, o.compressAfter()));
        }
        if (off) {
            stop.addAll(disable(n.table()));
            restart.add(enable(table, o.compression()));
        }
        if (policyOff) {
            restart.add(addPolicy("compression", table, o.compressAfter()));
        }
        if (!stop.isEmpty()) {
            if (retyped) {
                out.warn("'" + n.table() + "' is compressed: its chunks are decompressed and compression turned off around the column type change");
            }
            out.add(Phase.TIMESCALE_OFF, (retyped ? "compression off around the type change on '" : "compression off on '") + n.table() + "'",
                    false, stop, restart);
        }
        List<Step> start = new ArrayList<>();
        List<Step> undo = new ArrayList<>();
        if (on) {
            start.add(enable(table, n.compression()));
        }
        if (policyOn) {
            start.add(addPolicy("compression", table, n.compressAfter()));
            undo.add(removePolicy("compression", table, n.compressAfter()));
        }
        if (on) {
            undo.addAll(disable(n.table()));
        }
        if (!start.isEmpty()) {
            out.add(Phase.TIMESCALE_ON, "compression on '" + n.table() + "'", false, start, undo);
        }
    }

    private static void retention(Hypertable o, Hypertable n, Collected out) {
        if (Objects.equals(o.dropAfter(), n.dropAfter())) {
            return;
        }
        String table = n.table().written();
        List<Step> up = new ArrayList<>();
        List<Step> down = new ArrayList<>();
        if (o.dropAfter() != null) {
            up.add(removePolicy("retention", table, o.dropAfter()));
        }
        if (n.dropAfter() != null) {
            up.add(addPolicy("retention", table, n.dropAfter()));
            down.add(removePolicy("retention", table, n.dropAfter()));
        }
        if (o.dropAfter() != null) {
            down.add(addPolicy("retention", table, o.dropAfter()));
        }
        out.add(Phase.POLICIES, "retention policy change on '" + n.table() + "' from " + o.dropAfter() + " to " + n.dropAfter(), false, up, down);
    }

    private static Step enable(String table, Hypertable.Compression c) {
        String java = "op.timescale().enableCompression(" + Steps.string(table) + ", c -> c"
                + (c.segmentBy().isEmpty() ? "" : ".segmentBy(" + Steps.strings(c.segmentBy()) + ")")
                + (c.orderBy().isEmpty() ? "" : ".orderBy(" + Steps.strings(c.orderBy()) + ")") + ");";
        return call(java, x -> x.timescale().enableCompression(table, o -> {
            if (!c.segmentBy().isEmpty()) {
                o.segmentBy(c.segmentBy().toArray(String[]::new));
            }
            if (!c.orderBy().isEmpty()) {
                o.orderBy(c.orderBy().toArray(String[]::new));
            }
        }));
    }

    private static List<Step> disable(QualifiedName table) {
        return List.of(Steps.sql("SELECT decompress_chunk(c, TRUE) FROM show_chunks(" + dev.strata.ops.SqlNames.literal(table.sql()) + ") c"),
                Steps.sql("ALTER TABLE " + table.sql() + " SET (timescaledb.compress = FALSE)"));
    }

    private static Step addPolicy(String kind, String table, String after) {
        String interval = Intervals.text(after);
        String method = kind.equals("compression") ? "addCompressionPolicy" : "addRetentionPolicy";
        String argument = kind.equals("compression") ? "compress_after" : "drop_after";
        if (interval == null) {
            return Steps.sql("SELECT add_" + kind + "_policy(" + regclass(table) + ", " + argument + " => " + after + ")");
        }
        return call("op.timescale()." + method + "(" + Steps.string(table) + ", " + Steps.string(interval) + ");",
                x -> {
                    if (kind.equals("compression")) {
                        x.timescale().addCompressionPolicy(table, interval);
                    } else {
                        x.timescale().addRetentionPolicy(table, interval);
                    }
                });
    }

    private static Step removePolicy(String kind, String table, String after) {
        String method = kind.equals("compression") ? "removeCompressionPolicy" : "removeRetentionPolicy";
        return call("op.timescale()." + method + "(" + Steps.string(table) + ");", x -> {
            if (kind.equals("compression")) {
                x.timescale().removeCompressionPolicy(table);
            } else {
                x.timescale().removeRetentionPolicy(table);
            }
        });
    }

    private static String regclass(String written) {
        return dev.strata.ops.SqlNames.literal(dev.strata.ops.SqlNames.name(written));
    }

    private static Step chunkInterval(String table, String interval, String previous) {
        String text = Intervals.text(interval);
        String before = Intervals.text(previous);
        if (text == null || before == null) {
            return Steps.sql("SELECT set_chunk_time_interval(" + regclass(table) + ", " + interval + ")");
        }
        return call("op.timescale().setChunkTimeInterval(" + Steps.string(table) + ", " + Steps.string(text) + ", " + Steps.string(before) + ");",
                x -> x.timescale().setChunkTimeInterval(table, text, before));
    }

    private static Step dimension(String table, Hypertable.Dimension d) {
        if (d.partitions() != null) {
            return call("op.timescale().addHashDimension(" + Steps.string(table) + ", " + Steps.string(d.column()) + ", " + d.partitions() + ");",
                    x -> x.timescale().addHashDimension(table, d.column(), d.partitions()));
        }
        String interval = Intervals.text(d.interval());
        if (interval == null) {
            return Steps.sql("SELECT add_dimension(" + regclass(table) + ", by_range(" + dev.strata.ops.SqlNames.literal(d.column()) + ", "
                    + d.interval() + "))");
        }
        return call("op.timescale().addRangeDimension(" + Steps.string(table) + ", " + Steps.string(d.column()) + ", " + Steps.string(interval) + ");",
                x -> x.timescale().addRangeDimension(table, d.column(), interval));
    }

    private static Step call(String java, Consumer<Ops> call) {
        return Steps.call(java, call);
    }

    private static void continuousAggregates(Tables tables, Collected out) {
        Map<QualifiedName, ContinuousAggregate> old = new TreeMap<>();
        tables.from.continuousAggregates().forEach(c -> old.put(c.name(), c));
        Map<QualifiedName, Set<QualifiedName>> needs = ViewChanges.needs(tables.from);
        for (ContinuousAggregate n : tables.to.continuousAggregates()) {
            ContinuousAggregate o = old.remove(n.name());
            boolean under = o != null && needs.getOrDefault(n.name(), Set.of()).stream().anyMatch(tables.altered::contains);
            if (o == null || !o.definition().equals(n.definition()) || under) {
                if (o != null) {
                    out.warn("continuous aggregate '" + n.name() + "' is dropped and created again WITH NO DATA: refresh it after the upgrade");
                    out.add(Phase.DROP_VIEWS, "dropped continuous aggregate '" + n.name() + "' to recreate it", false, List.of(dropCagg(o)), createCagg(o));
                }
                out.add(Phase.CONTINUOUS_AGGREGATES, (o == null ? "added" : "recreated") + " continuous aggregate '" + n.name() + "'", false,
                        createCagg(n), List.of(dropCagg(n)));
                continue;
            }
            if (o.materializedOnly() != n.materializedOnly()) {
                out.add(Phase.CONTINUOUS_AGGREGATES, "materialized_only change on '" + n.name() + "'", false,
                        List.of(materializedOnly(n)), List.of(materializedOnly(o)));
            }
            if (!Objects.equals(o.refresh(), n.refresh())) {
                List<Step> up = new ArrayList<>();
                List<Step> down = new ArrayList<>();
                if (o.refresh() != null) {
                    up.add(removeRefresh(n));
                }
                if (n.refresh() != null) {
                    up.add(addRefresh(n.name(), n.refresh()));
                    down.add(removeRefresh(n));
                }
                if (o.refresh() != null) {
                    down.add(addRefresh(n.name(), o.refresh()));
                }
                out.add(Phase.POLICIES, "refresh policy change on '" + n.name() + "'", false, up, down);
            }
        }
        for (ContinuousAggregate o : old.values()) {
            out.add(Phase.DROP_VIEWS, "removed continuous aggregate '" + o.name() + "'", true, List.of(dropCagg(o)), createCagg(o));
        }
    }

    private static List<Step> createCagg(ContinuousAggregate c) {
        String name = c.name().written();
        List<Step> steps = new ArrayList<>();
        steps.add(call("op.timescale().createContinuousAggregate(" + Steps.string(name) + ", " + Steps.string(c.definition())
                + ", c -> c.withNoData().materializedOnly(" + c.materializedOnly() + "));",
                x -> x.timescale().createContinuousAggregate(name, c.definition(), o -> o.withNoData().materializedOnly(c.materializedOnly()))));
        if (c.refresh() != null) {
            steps.add(addRefresh(c.name(), c.refresh()));
        }
        return steps;
    }

    private static Step dropCagg(ContinuousAggregate c) {
        String name = c.name().written();
        return call("op.timescale().dropContinuousAggregate(" + Steps.string(name) + ");", x -> x.timescale().dropContinuousAggregate(name));
    }

    private static Step materializedOnly(ContinuousAggregate c) {
        return Steps.sql("ALTER MATERIALIZED VIEW " + c.name().sql() + " SET (timescaledb.materialized_only = " + c.materializedOnly() + ")");
    }

    private static Step removeRefresh(ContinuousAggregate c) {
        String name = c.name().written();
        return call("op.timescale().removeContinuousAggregatePolicy(" + Steps.string(name) + ");",
                x -> x.timescale().removeContinuousAggregatePolicy(name));
    }

    private static Step addRefresh(QualifiedName view, ContinuousAggregate.Refresh r) {
        String name = view.written();
        String start = Intervals.text(r.startOffset());
        String end = Intervals.text(r.endOffset());
        String schedule = Intervals.text(r.scheduleInterval());
        return call("op.timescale().addContinuousAggregatePolicy(" + Steps.string(name) + ", " + Steps.string(start) + ", "
                + Steps.string(end) + ", " + Steps.string(schedule) + ");",
                x -> x.timescale().addContinuousAggregatePolicy(name, start, end, schedule));
    }
}
