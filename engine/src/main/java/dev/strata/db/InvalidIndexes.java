package dev.strata.db;

import dev.strata.store.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Indexes PostgreSQL marks invalid ({@code pg_index.indisvalid = false}): what a {@code CREATE INDEX
 * CONCURRENTLY} leaves when it fails or is interrupted mid-build. The index exists, is kept up to date
 * on writes, and is never used by queries; a rerun's {@code IF NOT EXISTS} skips it. Indexes a
 * concurrent build is making right now (shown in pg_stat_progress_create_index) are not counted.
 */
public final class InvalidIndexes {

    /** One invalid index. */
    public record Index(String schema, String name, String table) {

        public String qualifiedName() {
            return Sql.identifier(schema) + "." + Sql.identifier(name);
        }

        /** Whether a statement names this index (as a word, quoted or not, in any case). */
        public boolean namedIn(String sql) {
            return Pattern.compile("(?<![\\w$])\"?" + Pattern.quote(name) + "\"?(?![\\w$])", Pattern.CASE_INSENSITIVE)
                    .matcher(sql).find();
        }

        @Override
        public String toString() {
            return qualifiedName() + " on " + table;
        }
    }

    private InvalidIndexes() {}

    /** Every invalid index outside the system schemas, by schema and name. */
    public static List<Index> list(Connection connection) throws SQLException {
        boolean progressView = connection.getMetaData().getDatabaseMajorVersion() >= 12;
        String sql = "SELECT n.nspname, c.relname, i.indrelid::regclass::text FROM pg_index i"
                + " JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE NOT i.indisvalid AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
                + " AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'"
                + (progressView ? " AND NOT EXISTS (SELECT 1 FROM pg_stat_progress_create_index p WHERE p.index_relid = i.indexrelid)" : "")
                + " ORDER BY 1, 2";
        List<Index> out = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(new Index(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
        }
        return out;
    }

    /** The statement that rebuilds an index in place without blocking writes (PostgreSQL 12 and later). */
    public static String reindex(Index index) {
        return "REINDEX INDEX CONCURRENTLY " + index.qualifiedName();
    }
}
