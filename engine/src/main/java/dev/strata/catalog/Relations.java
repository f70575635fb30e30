package dev.strata.catalog;

import dev.strata.schema.Column;
import dev.strata.schema.Constraint;
import dev.strata.schema.QualifiedName;
import dev.strata.schema.Table;
import dev.strata.schema.View;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Tables, partitions, views and materialized views with their columns and constraints: three queries. */
final class Relations {

    private static final String RELATIONS = """
            SELECT c.oid, n.nspname, c.relname, c.relkind, c.relpersistence = 'u' AS unlogged,
                   CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partkey,
                   pn.nspname AS parent_schema, pc.relname AS parent_name,
                   CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS bound,
                   CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid, true) END AS viewdef,
                   obj_description(c.oid, 'pg_class') AS comment
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_inherits i ON c.relispartition AND i.inhrelid = c.oid
            LEFT JOIN pg_class pc ON pc.oid = i.inhparent
            LEFT JOIN pg_namespace pn ON pn.oid = pc.relnamespace
            WHERE c.relkind IN ('r', 'p', 'v', 'm') AND %s AND %s
            """.formatted(Queries.USER_SCHEMA, Queries.notExtensionMember("pg_class", "c"));

    private static final String COLUMNS = """
            SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull,
                   CASE WHEN a.attgenerated = '' THEN pg_get_expr(d.adbin, d.adrelid) END AS default_expr,
                   CASE a.attidentity WHEN 'a' THEN 'ALWAYS' WHEN 'd' THEN 'BY DEFAULT' END AS identity,
                   CASE WHEN a.attgenerated <> '' THEN pg_get_expr(d.adbin, d.adrelid) END AS generated,
                   CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN
                     CASE WHEN co.collnamespace = 'pg_catalog'::regnamespace THEN quote_ident(co.collname)
                          ELSE quote_ident(cn.nspname) || '.' || quote_ident(co.collname) END END AS collation,
                   col_description(a.attrelid, a.attnum) AS comment
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_type t ON t.oid = a.atttypid
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            LEFT JOIN pg_collation co ON co.oid = a.attcollation
            LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
            WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm') AND %s
            ORDER BY a.attrelid, a.attnum
            """.formatted(Queries.USER_SCHEMA);

    /**
     * Constraints declared on the table itself: not those a partition inherits from its parent's, which
     * come with the parent. {@code name_columns} are the columns PostgreSQL names an unnamed one after.
     */
    private static final String CONSTRAINTS = """
            SELECT co.conrelid, co.conname, co.contype, pg_get_constraintdef(co.oid) AS def,
                   ARRAY(SELECT a.attname FROM unnest(co.conkey) WITH ORDINALITY k(attnum, ord)
                         JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS columns,
                   CASE WHEN co.contype IN ('p', 'u', 'x') THEN
                     ARRAY(SELECT coalesce(tc.attname, a.attname) FROM pg_attribute a
                           JOIN pg_index xi ON xi.indexrelid = a.attrelid
                           LEFT JOIN pg_attribute tc ON tc.attrelid = xi.indrelid AND tc.attnum = xi.indkey[a.attnum - 1]
                                                    AND xi.indkey[a.attnum - 1] <> 0
                           WHERE a.attrelid = co.conindid AND a.attnum > 0
                           ORDER BY a.attnum)::text[] END AS index_columns,
                   fn.nspname AS ref_schema, fc.relname AS ref_name,
                   co.condeferrable, co.condeferred, obj_description(co.oid, 'pg_constraint') AS comment
            FROM pg_constraint co
            JOIN pg_class c ON c.oid = co.conrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_class fc ON fc.oid = co.confrelid
            LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
            WHERE co.contype IN ('p', 'u', 'c', 'f', 'x') AND c.relkind IN ('r', 'p') AND %s
              AND co.conparentid = 0 AND (co.conislocal OR co.coninhcount = 0)
            """.formatted(Queries.USER_SCHEMA);

    /** A relation as read, before it is a {@link Table} or a {@link View}. */
    record Relation(long oid, QualifiedName name, char kind, boolean unlogged, String partitionKey,
            QualifiedName parent, String bound, String viewDefinition, String comment) {

        boolean isView() {
            return kind == 'v' || kind == 'm';
        }
    }

    final Map<Long, Relation> byOid = new HashMap<>();
    final List<Table> tables = new ArrayList<>();
    final List<View> views = new ArrayList<>();

    /** Reads them all; {@code skipped} are relations that are something else (continuous aggregates' views). */
    static Relations read(Queries q, java.util.Set<QualifiedName> skipped) throws SQLException {
        Relations out = new Relations();
        for (Relation r : q.list(RELATIONS, Relations::relation)) {
            if (!skipped.contains(r.name())) {
                out.byOid.put(r.oid(), r);
            }
        }
        Map<Long, List<Column>> columns = new HashMap<>();
        for (ColumnRow row : q.list(COLUMNS, Relations::column)) {
            columns.computeIfAbsent(row.relid(), k -> new ArrayList<>()).add(row.column());
        }
        Map<Long, List<Constraint>> constraints = new HashMap<>();
        for (ConstraintRow row : q.list(CONSTRAINTS, Relations::constraint)) {
            Relation r = out.byOid.get(row.relid());
            if (r != null) {
                constraints.computeIfAbsent(row.relid(), k -> new ArrayList<>()).add(row.constraint(r.name().name()));
            }
        }
        for (Relation r : out.byOid.values()) {
            List<Column> cols = columns.getOrDefault(r.oid(), List.of());
            if (r.isView()) {
                out.views.add(new View(r.name(), r.kind() == 'm', r.viewDefinition(),
                        cols.stream().map(Column::name).toList(), r.comment()));
            } else {
                List<Constraint> cons = new ArrayList<>(constraints.getOrDefault(r.oid(), List.of()));
                cons.sort(Comparator.comparing(Constraint::name));
                out.tables.add(new Table(r.name(), cols, cons, r.partitionKey(), r.parent(), r.bound(), r.unlogged(),
                        r.comment()));
            }
        }
        out.tables.sort(Comparator.comparing(Table::name));
        out.views.sort(Comparator.comparing(View::name));
        return out;
    }

    private static Relation relation(ResultSet rs) throws SQLException {
        String parentSchema = rs.getString("parent_schema");
        return new Relation(rs.getLong("oid"), QualifiedName.of(rs.getString("nspname"), rs.getString("relname")),
                rs.getString("relkind").charAt(0), rs.getBoolean("unlogged"), rs.getString("partkey"),
                parentSchema == null ? null : QualifiedName.of(parentSchema, rs.getString("parent_name")),
                rs.getString("bound"), Queries.query(rs, "viewdef"), rs.getString("comment"));
    }

    private record ColumnRow(long relid, Column column) {}

    private static ColumnRow column(ResultSet rs) throws SQLException {
        return new ColumnRow(rs.getLong("attrelid"), new Column(rs.getString("attname"), rs.getString("type"),
                rs.getBoolean("attnotnull"), rs.getString("default_expr"), rs.getString("identity"),
                rs.getString("generated"), rs.getString("collation"), rs.getString("comment")));
    }

    private record ConstraintRow(long relid, String name, char type, String definition, List<String> columns,
            List<String> indexColumns, QualifiedName references, boolean deferrable, boolean deferred, String comment) {

        Constraint constraint(String table) {
            Constraint.Kind kind = switch (type) {
                case 'p' -> Constraint.Kind.PRIMARY_KEY;
                case 'u' -> Constraint.Kind.UNIQUE;
                case 'c' -> Constraint.Kind.CHECK;
                case 'f' -> Constraint.Kind.FOREIGN_KEY;
                default -> Constraint.Kind.EXCLUDE;
            };
            boolean defaultName = switch (kind) {
                case PRIMARY_KEY -> DefaultNames.matches(name, table, List.of(), "pkey");
                case UNIQUE -> DefaultNames.matches(name, table, indexColumns, "key");
                case EXCLUDE -> DefaultNames.matches(name, table, indexColumns, "excl");
                case FOREIGN_KEY -> DefaultNames.matches(name, table, columns, "fkey");
                // One column named in the check: t_a_check; none or several: t_check.
                case CHECK -> DefaultNames.matches(name, table,
                        columns.stream().distinct().count() == 1 ? List.of(columns.get(0)) : List.of(), "check");
            };
            return new Constraint(name, kind, definition, columns, references, deferrable, deferred, defaultName,
                    comment);
        }
    }

    private static ConstraintRow constraint(ResultSet rs) throws SQLException {
        String refSchema = rs.getString("ref_schema");
        return new ConstraintRow(rs.getLong("conrelid"), rs.getString("conname"), rs.getString("contype").charAt(0),
                rs.getString("def"), Queries.strings(rs, "columns"), Queries.strings(rs, "index_columns"),
                refSchema == null ? null : QualifiedName.of(refSchema, rs.getString("ref_name")),
                rs.getBoolean("condeferrable"), rs.getBoolean("condeferred"), rs.getString("comment"));
    }
}
