package dev.strata.catalog;

import dev.strata.schema.EnumType;
import dev.strata.schema.Extension;
import dev.strata.schema.Function;
import dev.strata.schema.QualifiedName;
import dev.strata.schema.Sequence;
import dev.strata.schema.Trigger;
import java.sql.SQLException;
import java.util.List;

/** Schemas, extensions, sequences, enum types, functions and triggers: one query each. */
final class Objects {

    private static final String SCHEMAS = "SELECT n.nspname FROM pg_namespace n WHERE " + Queries.USER_SCHEMA
            + " ORDER BY n.nspname";

    private static final String EXTENSIONS = """
            SELECT x.extname, n.nspname, x.extversion FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace
            WHERE x.extname <> 'plpgsql' ORDER BY x.extname
            """;

    /** Sequences but an identity column's own (an internal dependency on its column). */
    private static final String SEQUENCES = """
            SELECT n.nspname, c.relname, format_type(s.seqtypid, NULL) AS type, s.seqstart, s.seqincrement,
                   s.seqmin, s.seqmax, s.seqcache, s.seqcycle, tn.nspname AS owned_schema, t.relname AS owned_table,
                   a.attname AS owned_column, obj_description(c.oid, 'pg_class') AS comment
            FROM pg_sequence s
            JOIN pg_class c ON c.oid = s.seqrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid
                 AND d.refclassid = 'pg_class'::regclass AND d.refobjsubid > 0 AND d.deptype = 'a'
            LEFT JOIN pg_class t ON t.oid = d.refobjid
            LEFT JOIN pg_namespace tn ON tn.oid = t.relnamespace
            LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
            WHERE %s AND %s
              AND NOT EXISTS (SELECT 1 FROM pg_depend i WHERE i.classid = 'pg_class'::regclass AND i.objid = c.oid
                              AND i.refclassid = 'pg_class'::regclass AND i.deptype = 'i')
            ORDER BY n.nspname, c.relname
            """.formatted(Queries.USER_SCHEMA, Queries.notExtensionMember("pg_class", "c"));

    private static final String ENUMS = """
            SELECT n.nspname, t.typname,
                   ARRAY(SELECT e.enumlabel FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder)::text[] AS labels,
                   obj_description(t.oid, 'pg_type') AS comment
            FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE t.typtype = 'e' AND %s AND %s
            ORDER BY n.nspname, t.typname
            """.formatted(Queries.USER_SCHEMA, Queries.notExtensionMember("pg_type", "t"));

    private static final String FUNCTIONS = """
            SELECT n.nspname, p.proname, pg_get_function_identity_arguments(p.oid) AS args,
                   pg_get_functiondef(p.oid) AS def, pg_get_function_result(p.oid) AS result,
                   p.prokind = 'p' AS procedure, obj_description(p.oid, 'pg_proc') AS comment
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE p.prokind IN ('f', 'p') AND %s AND %s
            ORDER BY n.nspname, p.proname, 3
            """.formatted(Queries.USER_SCHEMA, Queries.notExtensionMember("pg_proc", "p"));

    /**
     * Triggers the user wrote: not internal ones (constraints'), not a partition's clone of its parent's,
     * not TimescaleDB's (they run a function of one of its schemas).
     */
    private static final String TRIGGERS = """
            SELECT n.nspname, c.relname, tg.tgname, pg_get_triggerdef(tg.oid) AS def,
                   obj_description(tg.oid, 'pg_trigger') AS comment
            FROM pg_trigger tg
            JOIN pg_class c ON c.oid = tg.tgrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_proc p ON p.oid = tg.tgfoid
            JOIN pg_namespace pn ON pn.oid = p.pronamespace
            WHERE NOT tg.tgisinternal AND tg.tgparentid = 0 AND %s
              AND pn.nspname NOT LIKE '\\_timescaledb\\_%%'
            ORDER BY n.nspname, c.relname, tg.tgname
            """.formatted(Queries.USER_SCHEMA);

    private Objects() {}

    static List<String> schemas(Queries q) throws SQLException {
        return q.list(SCHEMAS, rs -> rs.getString(1));
    }

    static List<Extension> extensions(Queries q) throws SQLException {
        return q.list(EXTENSIONS, rs -> new Extension(rs.getString(1), rs.getString(2), rs.getString(3)));
    }

    static List<Sequence> sequences(Queries q) throws SQLException {
        return q.list(SEQUENCES, rs -> {
            String ownedSchema = rs.getString("owned_schema");
            return new Sequence(QualifiedName.of(rs.getString("nspname"), rs.getString("relname")),
                    rs.getString("type"), rs.getLong("seqstart"), rs.getLong("seqincrement"), rs.getLong("seqmin"),
                    rs.getLong("seqmax"), rs.getLong("seqcache"), rs.getBoolean("seqcycle"),
                    ownedSchema == null ? null : QualifiedName.of(ownedSchema, rs.getString("owned_table")),
                    rs.getString("owned_column"), rs.getString("comment"));
        });
    }

    static List<EnumType> enums(Queries q) throws SQLException {
        return q.list(ENUMS, rs -> new EnumType(QualifiedName.of(rs.getString("nspname"), rs.getString("typname")),
                Queries.strings(rs, "labels"), rs.getString("comment")));
    }

    static List<Function> functions(Queries q) throws SQLException {
        return q.list(FUNCTIONS, rs -> new Function(QualifiedName.of(rs.getString("nspname"), rs.getString("proname")),
                rs.getString("args"), rs.getString("def"), rs.getString("result"), rs.getBoolean("procedure"),
                rs.getString("comment")));
    }

    static List<Trigger> triggers(Queries q) throws SQLException {
        return q.list(TRIGGERS, rs -> new Trigger(QualifiedName.of(rs.getString("nspname"), rs.getString("relname")),
                rs.getString("tgname"), rs.getString("def"), rs.getString("comment")));
    }
}
