package dev.strata.catalog;

import dev.strata.schema.Index;
import dev.strata.schema.QualifiedName;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Indexes on tables and materialized views, leaving out a constraint's own (they come with the
 * {@link dev.strata.schema.Constraint}) and a partition's copies of its parent's index. Whether a name is
 * PostgreSQL's own is judged by the names of the table's columns the index holds today (an index keeps
 * the column names it was made with after a column is renamed), as a new index would be named.
 */
final class Indexes {

    private static final String INDEXES = """
            SELECT n.nspname, i.relname, quote_ident(i.relname) AS quoted, tn.nspname AS table_schema,
                   t.relname AS table_name, x.indisunique, pg_get_indexdef(i.oid) AS def,
                   ARRAY(SELECT coalesce(tc.attname, a.attname) FROM pg_attribute a
                         LEFT JOIN pg_attribute tc ON tc.attrelid = x.indrelid AND tc.attnum = x.indkey[a.attnum - 1]
                                                  AND x.indkey[a.attnum - 1] <> 0
                         WHERE a.attrelid = i.oid AND a.attnum > 0
                         ORDER BY a.attnum)::text[] AS columns,
                   obj_description(i.oid, 'pg_class') AS comment
            FROM pg_index x
            JOIN pg_class i ON i.oid = x.indexrelid
            JOIN pg_namespace n ON n.oid = i.relnamespace
            JOIN pg_class t ON t.oid = x.indrelid
            JOIN pg_namespace tn ON tn.oid = t.relnamespace
            WHERE t.relkind IN ('r', 'p', 'm') AND %s AND %s
              AND NOT EXISTS (SELECT 1 FROM pg_constraint co WHERE co.conindid = i.oid AND co.conrelid = t.oid
                              AND co.contype IN ('p', 'u', 'x'))
              AND NOT EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = i.oid)
            """.formatted(Queries.USER_SCHEMA, Queries.notExtensionMember("pg_class", "i"));

    private Indexes() {}

    static List<Index> read(Queries q) throws SQLException {
        return q.list(INDEXES, Indexes::index);
    }

    private static Index index(ResultSet rs) throws SQLException {
        QualifiedName table = QualifiedName.of(rs.getString("table_schema"), rs.getString("table_name"));
        String name = rs.getString("relname");
        boolean unique = rs.getBoolean("indisunique");
        return new Index(QualifiedName.of(rs.getString("nspname"), name), table,
                withoutName(rs.getString("def"), rs.getString("quoted")), unique,
                DefaultNames.matches(name, table.name(), Queries.strings(rs, "columns"), "idx"), rs.getString("comment"));
    }

    /**
     * {@code CREATE INDEX t_a_idx ON ...} as {@code CREATE INDEX {name} ON ...}. An index on a partitioned
     * table prints as {@code ON ONLY}, which would create it invalid and without the partitions' copies;
     * it is read as the plain {@code ON} that makes both.
     */
    static String withoutName(String definition, String quotedName) {
        String marker = "INDEX " + quotedName + " ON ";
        int at = definition.indexOf(marker);
        if (at < 0) {
            throw new IllegalStateException("unexpected index definition: " + definition);
        }
        String rest = definition.substring(at + marker.length());
        return definition.substring(0, at) + "INDEX {name} ON " + (rest.startsWith("ONLY ") ? rest.substring(5) : rest);
    }
}
