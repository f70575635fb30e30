package dev.strata.catalog;

import dev.strata.schema.ContinuousAggregate;
import dev.strata.schema.Dependency;
import dev.strata.schema.Dependency.Kind;
import dev.strata.schema.Dependency.ObjectRef;
import dev.strata.schema.Hypertable;
import dev.strata.schema.Index;
import dev.strata.schema.QualifiedName;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What TimescaleDB adds, from its information views (read only when the extension is installed):
 * hypertables with their dimensions, compression settings and policies, and continuous aggregates.
 *
 * <p>The indexes {@code create_hypertable} makes by itself (with {@code create_default_indexes}, the
 * default) are told apart by name and definition together: on a hypertable with time column {@code ts},
 * an index with the name PostgreSQL gives an unnamed index ({@code t_ts_idx}) defined as {@code USING
 * btree (ts DESC)}, and for each further dimension {@code d} one named {@code t_d_ts_idx} on {@code (d, ts
 * DESC)}. Such an index is left out; any other index on a hypertable is the user's and is read. A user
 * index written exactly like TimescaleDB's default one is indistinguishable from it, and
 * {@code create_hypertable} makes it again on the other side anyway.
 */
final class Timescale {

    private static final String HYPERTABLES = """
            SELECT h.hypertable_schema, h.hypertable_name, d.column_name, d.dimension_type,
                   d.time_interval::text AS time_interval, d.integer_interval, d.num_partitions
            FROM timescaledb_information.hypertables h
            JOIN timescaledb_information.dimensions d
              ON d.hypertable_schema = h.hypertable_schema AND d.hypertable_name = h.hypertable_name
            ORDER BY h.hypertable_schema, h.hypertable_name, d.dimension_number
            """;

    private static final String COMPRESSION = """
            SELECT h.hypertable_schema, h.hypertable_name, s.attname, s.segmentby_column_index,
                   s.orderby_column_index, s.orderby_asc, s.orderby_nullsfirst, quote_ident(s.attname) AS quoted
            FROM timescaledb_information.hypertables h
            LEFT JOIN timescaledb_information.compression_settings s
              ON s.hypertable_schema = h.hypertable_schema AND s.hypertable_name = h.hypertable_name
            WHERE h.compression_enabled
            ORDER BY 1, 2, s.segmentby_column_index NULLS LAST, s.orderby_column_index NULLS LAST
            """;

    /**
     * Policies, their offsets as PostgreSQL prints them (an integer stays an integer), whole days of hours
     * as days ({@code justify_hours}: {@code 168 hours} reads as {@code 7 days}, which PostgreSQL holds equal;
     * days are not turned into months, which are not).
     */
    private static final String JOBS = """
            SELECT j.proc_name, j.hypertable_schema, j.hypertable_name, justify_hours(j.schedule_interval)::text AS schedule,
                   CASE WHEN jsonb_typeof(j.config -> 'compress_after') = 'string'
                        THEN justify_hours((j.config ->> 'compress_after')::interval)::text ELSE j.config ->> 'compress_after' END AS compress_after,
                   CASE WHEN jsonb_typeof(j.config -> 'drop_after') = 'string'
                        THEN justify_hours((j.config ->> 'drop_after')::interval)::text ELSE j.config ->> 'drop_after' END AS drop_after,
                   CASE WHEN jsonb_typeof(j.config -> 'start_offset') = 'string'
                        THEN justify_hours((j.config ->> 'start_offset')::interval)::text ELSE j.config ->> 'start_offset' END AS start_offset,
                   CASE WHEN jsonb_typeof(j.config -> 'end_offset') = 'string'
                        THEN justify_hours((j.config ->> 'end_offset')::interval)::text ELSE j.config ->> 'end_offset' END AS end_offset
            FROM timescaledb_information.jobs j
            WHERE j.proc_schema IN ('_timescaledb_functions', '_timescaledb_internal')
              AND j.proc_name IN ('policy_compression', 'policy_retention', 'policy_refresh_continuous_aggregate')
            """;

    /**
     * Continuous aggregates, their query read from the direct view (the user's query as
     * {@code pg_get_viewdef(oid, true)} prints it): the user view's own text names the materialization
     * hypertable, whose number differs from one database to the next.
     */
    private static final String AGGREGATES = """
            SELECT a.view_schema, a.view_name, a.materialized_only, a.hypertable_schema, a.hypertable_name,
                   a.materialization_hypertable_schema, a.materialization_hypertable_name,
                   pg_get_viewdef(format('%I.%I', c.direct_view_schema, c.direct_view_name)::regclass, true) AS def,
                   obj_description(format('%I.%I', a.view_schema, a.view_name)::regclass, 'pg_class') AS comment
            FROM timescaledb_information.continuous_aggregates a
            JOIN _timescaledb_catalog.continuous_agg c
              ON c.user_view_schema = a.view_schema AND c.user_view_name = a.view_name
            """;

    private final List<Hypertable> hypertables;
    private final List<ContinuousAggregate> aggregates;
    private final List<Dependency> dependencies;

    private Timescale(List<Hypertable> hypertables, List<ContinuousAggregate> aggregates, List<Dependency> dependencies) {
        this.hypertables = hypertables;
        this.aggregates = aggregates;
        this.dependencies = dependencies;
    }

    static Timescale none() {
        return new Timescale(List.of(), List.of(), List.of());
    }

    static boolean installed(Queries q) throws SQLException {
        return q.exists("SELECT 1 FROM pg_extension WHERE extname = 'timescaledb'");
    }

    static Timescale read(Queries q) throws SQLException {
        Map<QualifiedName, List<Hypertable.Dimension>> dimensions = new LinkedHashMap<>();
        q.list(HYPERTABLES, rs -> {
            QualifiedName table = QualifiedName.of(rs.getString("hypertable_schema"), rs.getString("hypertable_name"));
            String interval = rs.getString("time_interval");
            if (interval == null) {
                interval = rs.getString("integer_interval");
            }
            Integer partitions = Queries.integer(rs, "num_partitions");
            dimensions.computeIfAbsent(table, k -> new ArrayList<>()).add(
                    new Hypertable.Dimension(rs.getString("column_name"), partitions == null ? interval : null, partitions));
            return null;
        });
        Map<QualifiedName, List<String>> segmentBy = new HashMap<>();
        Map<QualifiedName, List<String>> orderBy = new HashMap<>();
        q.list(COMPRESSION, rs -> {
            QualifiedName table = QualifiedName.of(rs.getString("hypertable_schema"), rs.getString("hypertable_name"));
            segmentBy.computeIfAbsent(table, k -> new ArrayList<>());
            orderBy.computeIfAbsent(table, k -> new ArrayList<>());
            String column = rs.getString("quoted");
            if (column != null && Queries.integer(rs, "segmentby_column_index") != null) {
                segmentBy.get(table).add(rs.getString("attname"));
            }
            if (column != null && Queries.integer(rs, "orderby_column_index") != null) {
                boolean asc = rs.getBoolean("orderby_asc");
                boolean nullsFirst = rs.getBoolean("orderby_nullsfirst");
                // PostgreSQL's defaults: ASC NULLS LAST, DESC NULLS FIRST; say only what differs.
                String item = column + (asc ? "" : " DESC") + (nullsFirst == asc ? (nullsFirst ? " NULLS FIRST" : " NULLS LAST") : "");
                orderBy.get(table).add(item);
            }
            return null;
        });
        Map<QualifiedName, String> compressAfter = new HashMap<>();
        Map<QualifiedName, String> dropAfter = new HashMap<>();
        Map<QualifiedName, ContinuousAggregate.Refresh> refresh = new HashMap<>();
        q.list(JOBS, rs -> {
            // A refresh policy names the materialization hypertable, or in newer versions the aggregate's view.
            QualifiedName table = QualifiedName.of(rs.getString("hypertable_schema"), rs.getString("hypertable_name"));
            switch (rs.getString("proc_name")) {
                case "policy_compression" -> compressAfter.put(table, rs.getString("compress_after"));
                case "policy_retention" -> dropAfter.put(table, rs.getString("drop_after"));
                default -> refresh.put(table, new ContinuousAggregate.Refresh(rs.getString("start_offset"),
                        rs.getString("end_offset"), rs.getString("schedule")));
            }
            return null;
        });
        List<ContinuousAggregate> aggregates = new ArrayList<>();
        List<Dependency> dependencies = new ArrayList<>();
        Set<QualifiedName> materializations = new HashSet<>();
        q.list(AGGREGATES, rs -> {
            QualifiedName view = QualifiedName.of(rs.getString("view_schema"), rs.getString("view_name"));
            QualifiedName materialization = QualifiedName.of(rs.getString("materialization_hypertable_schema"),
                    rs.getString("materialization_hypertable_name"));
            materializations.add(materialization);
            aggregates.add(new ContinuousAggregate(view, Queries.query(rs, "def"), rs.getBoolean("materialized_only"),
                    refresh.getOrDefault(materialization, refresh.get(view)), rs.getString("comment")));
            QualifiedName source = QualifiedName.of(rs.getString("hypertable_schema"), rs.getString("hypertable_name"));
            Kind sourceKind = Kind.TABLE;
            dependencies.add(new Dependency(ObjectRef.of(Kind.VIEW, view), ObjectRef.of(sourceKind, source)));
            return null;
        });
        List<Hypertable> hypertables = new ArrayList<>();
        dimensions.forEach((table, dims) -> {
            if (materializations.contains(table)) {
                return;
            }
            Hypertable.Compression compression = segmentBy.containsKey(table)
                    ? new Hypertable.Compression(segmentBy.get(table), orderBy.get(table)) : null;
            hypertables.add(new Hypertable(table, dims, compression, compressAfter.get(table), dropAfter.get(table)));
        });
        return new Timescale(hypertables, aggregates, dependencies);
    }

    List<Hypertable> hypertables() {
        return hypertables;
    }

    List<ContinuousAggregate> aggregates() {
        return aggregates;
    }

    List<Dependency> dependencies() {
        return dependencies;
    }

    /** The user views of the continuous aggregates, which are not plain views. */
    Set<QualifiedName> aggregateViews() {
        Set<QualifiedName> out = new HashSet<>();
        aggregates.forEach(a -> out.add(a.name()));
        return out;
    }

    /** Whether {@code index} is one that {@code create_hypertable} made by itself (see the class comment). */
    boolean isDefaultIndex(Index index) {
        for (Hypertable h : hypertables) {
            if (!h.table().equals(index.table()) || !index.defaultName() || index.unique()) {
                continue;
            }
            String time = h.dimensions().get(0).column();
            List<String> columns = new ArrayList<>();
            columns.add(time);
            if (expected(h, List.of(), time).equals(index.definition())
                    && DefaultNames.matches(index.name().name(), h.table().name(), columns, "idx")) {
                return true;
            }
            for (Hypertable.Dimension d : h.dimensions().subList(1, h.dimensions().size())) {
                if (expected(h, List.of(d.column()), time).equals(index.definition())
                        && DefaultNames.matches(index.name().name(), h.table().name(), List.of(d.column(), time), "idx")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String expected(Hypertable h, List<String> leading, String time) {
        StringBuilder columns = new StringBuilder();
        for (String c : leading) {
            columns.append(dev.strata.ops.SqlNames.identifier(c)).append(", ");
        }
        columns.append(dev.strata.ops.SqlNames.identifier(time)).append(" DESC");
        return "CREATE INDEX {name} ON " + h.table().sql() + " USING btree (" + columns + ")";
    }
}
