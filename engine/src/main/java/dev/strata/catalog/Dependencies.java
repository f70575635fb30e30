package dev.strata.catalog;

import dev.strata.schema.Dependency;
import dev.strata.schema.Dependency.Kind;
import dev.strata.schema.Dependency.ObjectRef;
import dev.strata.schema.QualifiedName;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;

/**
 * What needs what, from {@code pg_depend}: a view on the tables, columns, views and functions its query
 * uses; a column's default on a sequence or function; a column on its enum type (also through an array of
 * it); a check constraint on a function; a trigger on its function. Only objects in the user's schemas
 * on both ends. Foreign keys, indexes and partitions are added by {@link CatalogReader} from what it read.
 */
final class Dependencies {

    private static final String DEPENDS = """
            WITH deps AS (
              SELECT 'VIEW' AS from_kind, v.relnamespace AS from_ns, v.relname AS from_name, NULL::text AS from_detail,
                     d.refclassid, d.refobjid, d.refobjsubid
              FROM pg_depend d JOIN pg_rewrite r ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
              JOIN pg_class v ON v.oid = r.ev_class
              WHERE d.deptype = 'n' AND d.refobjid <> r.ev_class
              UNION ALL
              SELECT 'COLUMN', t.relnamespace, t.relname, a.attname::text, d.refclassid, d.refobjid, d.refobjsubid
              FROM pg_depend d JOIN pg_attrdef ad ON d.classid = 'pg_attrdef'::regclass AND d.objid = ad.oid
              JOIN pg_class t ON t.oid = ad.adrelid
              JOIN pg_attribute a ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum
              WHERE d.deptype = 'n'
              UNION ALL
              SELECT 'COLUMN', t.relnamespace, t.relname, a.attname::text, d.refclassid, d.refobjid, d.refobjsubid
              FROM pg_depend d JOIN pg_class t ON d.classid = 'pg_class'::regclass AND d.objid = t.oid AND d.objsubid > 0
              JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.objsubid
              WHERE d.deptype = 'n' AND d.refclassid = 'pg_type'::regclass AND t.relkind IN ('r', 'p')
              UNION ALL
              SELECT 'CONSTRAINT', t.relnamespace, t.relname, co.conname::text, d.refclassid, d.refobjid, d.refobjsubid
              FROM pg_depend d JOIN pg_constraint co ON d.classid = 'pg_constraint'::regclass AND d.objid = co.oid
              JOIN pg_class t ON t.oid = co.conrelid
              WHERE d.deptype = 'n' AND d.refclassid = 'pg_proc'::regclass
              UNION ALL
              SELECT 'TRIGGER', t.relnamespace, t.relname, tg.tgname::text, d.refclassid, d.refobjid, d.refobjsubid
              FROM pg_depend d JOIN pg_trigger tg ON d.classid = 'pg_trigger'::regclass AND d.objid = tg.oid
              JOIN pg_class t ON t.oid = tg.tgrelid
              WHERE d.deptype = 'n' AND d.refclassid = 'pg_proc'::regclass AND NOT tg.tgisinternal
            ), refs AS (
              SELECT deps.from_kind, deps.from_ns, deps.from_name, deps.from_detail,
                     CASE WHEN deps.refclassid = 'pg_proc'::regclass THEN 'FUNCTION'
                          WHEN deps.refclassid = 'pg_type'::regclass THEN 'TYPE'
                          WHEN rc.relkind = 'S' THEN 'SEQUENCE'
                          WHEN rc.relkind IN ('v', 'm') THEN 'VIEW'
                          WHEN deps.refobjsubid > 0 THEN 'COLUMN'
                          ELSE 'TABLE' END AS to_kind,
                     COALESCE(rc.relnamespace, rp.pronamespace, rt.typnamespace) AS to_ns,
                     COALESCE(rc.relname, rp.proname, rt.typname)::text AS to_name,
                     CASE WHEN rp.oid IS NOT NULL THEN pg_get_function_identity_arguments(rp.oid)
                          WHEN rc.relkind IN ('r', 'p') AND deps.refobjsubid > 0 THEN ra.attname::text END AS to_detail,
                     rc.relkind, rt.typtype
              FROM deps
              LEFT JOIN pg_class rc ON deps.refclassid = 'pg_class'::regclass AND rc.oid = deps.refobjid
              LEFT JOIN pg_attribute ra ON ra.attrelid = rc.oid AND ra.attnum = deps.refobjsubid AND deps.refobjsubid > 0
              LEFT JOIN pg_proc rp ON deps.refclassid = 'pg_proc'::regclass AND rp.oid = deps.refobjid
              LEFT JOIN pg_type rt0 ON deps.refclassid = 'pg_type'::regclass AND rt0.oid = deps.refobjid
              LEFT JOIN pg_type rt ON rt.oid = CASE WHEN rt0.typcategory = 'A' THEN rt0.typelem ELSE rt0.oid END
              WHERE deps.refclassid IN ('pg_class'::regclass, 'pg_proc'::regclass, 'pg_type'::regclass)
            )
            SELECT DISTINCT r.from_kind, fn.nspname AS from_schema, r.from_name, r.from_detail,
                   r.to_kind, n.nspname AS to_schema, r.to_name, r.to_detail
            FROM refs r
            JOIN pg_namespace fn ON fn.oid = r.from_ns
            JOIN pg_namespace n ON n.oid = r.to_ns
            WHERE (r.to_kind <> 'TYPE' OR r.typtype = 'e') AND %s
              AND fn.nspname NOT IN ('pg_catalog', 'information_schema') AND fn.nspname NOT LIKE '\\_timescaledb\\_%%'
            """.formatted(Queries.USER_SCHEMA);

    /** Dependencies in one order: by {@code from}, then by {@code to}. */
    static final Comparator<ObjectRef> REF_ORDER = Comparator.comparing(ObjectRef::kind)
            .thenComparing(ObjectRef::name)
            .thenComparing(ObjectRef::detail, Comparator.nullsFirst(Comparator.naturalOrder()));
    static final Comparator<Dependency> ORDER =
            Comparator.comparing(Dependency::from, REF_ORDER).thenComparing(Dependency::to, REF_ORDER);

    private Dependencies() {}

    static List<Dependency> read(Queries q) throws SQLException {
        return q.list(DEPENDS, Dependencies::dependency);
    }

    private static Dependency dependency(ResultSet rs) throws SQLException {
        ObjectRef from = new ObjectRef(Kind.valueOf(rs.getString("from_kind")),
                QualifiedName.of(rs.getString("from_schema"), rs.getString("from_name")), rs.getString("from_detail"));
        ObjectRef to = new ObjectRef(Kind.valueOf(rs.getString("to_kind")),
                QualifiedName.of(rs.getString("to_schema"), rs.getString("to_name")), rs.getString("to_detail"));
        return new Dependency(from, to);
    }
}
