package dev.strata.testkit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The state a migration left a database in, and how to go back to it between tests
 * ({@link Reset#PER_TEST}).
 *
 * <p>Why emptying tables rather than re-creating the database from a template: a template copy is
 * exact but needs a server that may create databases, and every connection to the old database
 * dies with it, so an application pool kept across tests (Spring's cached contexts) would break.
 * PGlite's TimescaleDB, our CI's, serves one database only. Emptying keeps connections and works on
 * any server. It is kept cheap: one query finds the tables that hold rows, and only those are
 * truncated (a {@code TRUNCATE} makes new files for each table and costs milliseconds on slow disks,
 * so emptying all of a big schema's tables after a test that touched two would dominate the run);
 * a test that wrote nothing costs one round trip. The reset's commit does not wait for the disk
 * ({@code synchronous_commit = off}: a crash would lose only a test's reset). What the migrations
 * left besides the schema is put back too, so the state is the migrated one, not merely an empty one:
 * <ul>
 *   <li>rows a migration inserted (reference data) are kept in memory, in PostgreSQL's binary COPY
 *       format, and, when a test changed them (a digest of their text says so), copied back with
 *       triggers and foreign-key checks off
 *       ({@code session_replication_role = replica}, which needs a superuser or, from PostgreSQL 15, a
 *       role granted SET on it), so no trigger runs twice and the order of tables does not matter;</li>
 *   <li>sequences go back to the value the migration left (not to their start);</li>
 *   <li>TimescaleDB continuous aggregates are truncated too when a table was (TimescaleDB then also
 *       resets their watermark, as in a new aggregate); plain materialized views are then refreshed,
 *       or emptied again when the migration left them unpopulated.</li>
 * </ul>
 * Strata's own tables (version, history, and the lease a run through a pooler takes) are left alone,
 * as are tables of extensions and of TimescaleDB's internal schemas (chunks go with their hypertable).
 */
final class Baseline {

    /** The schemas of PostgreSQL and TimescaleDB themselves, whose tables no migration makes. */
    private static final String USER_OBJECT = """
            n.nspname NOT IN ('pg_catalog', 'information_schema', 'timescaledb_information', 'timescaledb_experimental',
                              'toolkit_experimental')
            AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname NOT LIKE '\\_timescaledb\\_%'
            AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
            """;

    private static final String TABLES = "SELECT c.oid, format('%I.%I', n.nspname, c.relname) FROM pg_class c"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND NOT c.oid = ANY (?::oid[]) AND " + USER_OBJECT
            + " ORDER BY 2";

    /** Sequences, but not those owned by a column of the version or history table. */
    private static final String SEQUENCES = "SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind = 'S' AND " + USER_OBJECT
            + " AND NOT EXISTS (SELECT FROM pg_depend o WHERE o.classid = 'pg_class'::regclass AND o.objid = c.oid"
            + "   AND o.deptype IN ('a', 'i') AND o.refobjid = ANY (?::oid[]))"
            + " ORDER BY 1";

    private static final String MATERIALIZED_VIEWS = "SELECT format('%I.%I', n.nspname, c.relname), c.relispopulated"
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'm' AND " + USER_OBJECT
            + " ORDER BY 1";

    private static final String COLUMNS = "SELECT format('%I', attname) FROM pg_attribute"
            + " WHERE attrelid = ? AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum";

    /** How long a reset waits for a lock a connection of the last test still holds. */
    static final String LOCK_TIMEOUT = "10s";

    /**
     * Rows a migration left in a table: its columns that take values, the rows in binary COPY format,
     * and a digest of their text, to tell whether a test changed them.
     */
    private record Rows(String table, String columns, byte[] copy, String digest) {}

    /** The digest of a table's rows, whatever their order. */
    private static String digest(String table) {
        return "(SELECT md5(coalesce(string_agg(x::text, E'\\n' ORDER BY x::text), '')) FROM " + table + " x)";
    }

    /** Foreign keys between the tables: the referencing table, then the referenced one. */
    private static final String REFERENCES = "SELECT format('%I.%I', rn.nspname, r.relname), format('%I.%I', tn.nspname, t.relname)"
            + " FROM pg_constraint k JOIN pg_class r ON r.oid = k.conrelid JOIN pg_namespace rn ON rn.oid = r.relnamespace"
            + " JOIN pg_class t ON t.oid = k.confrelid JOIN pg_namespace tn ON tn.oid = t.relnamespace"
            + " WHERE k.contype = 'f' AND k.conrelid <> k.confrelid";

    private record Sequence(String name, long lastValue, boolean isCalled) {}

    private record View(String name, boolean populated) {}

    private final List<String> tables;
    private final java.util.Map<String, List<String>> referencedBy;
    private final List<String> aggregates;
    private final List<Rows> rows;
    private final List<Sequence> sequences;
    private final List<View> views;

    private Baseline(List<String> tables, java.util.Map<String, List<String>> referencedBy, List<String> aggregates, List<Rows> rows,
                     List<Sequence> sequences, List<View> views) {
        this.tables = List.copyOf(tables);
        this.referencedBy = java.util.Map.copyOf(referencedBy);
        this.aggregates = List.copyOf(aggregates);
        this.rows = List.copyOf(rows);
        this.sequences = List.copyOf(sequences);
        this.views = List.copyOf(views);
    }

    /**
     * Reads the state just after the migration.
     *
     * @param own Strata's own tables on the target (version, history, lease), qualified as Strata
     *            names them; those that do not exist are ignored
     */
    static Baseline take(Connection c, List<String> own) throws SQLException {
        List<String> oids = new ArrayList<>();
        for (String table : own) {
            oids.add(Long.toString(oid(c, table)));
        }
        String ownOids = "{" + String.join(",", oids) + "}";
        List<String> tables = new ArrayList<>();
        List<Rows> rows = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(TABLES)) {
            p.setString(1, ownOids);
            List<long[]> withRows = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(2));
                    withRows.add(new long[] {rs.getLong(1), tables.size() - 1});
                }
            }
            for (long[] t : withRows) {
                String table = tables.get((int) t[1]);
                if (hasRows(c, table)) {
                    String columns = String.join(", ", strings(c, COLUMNS, t[0]));
                    rows.add(new Rows(table, columns, copyOut(c, table, columns), strings(c, "SELECT " + digest(table)).get(0)));
                }
            }
        }
        java.util.Map<String, List<String>> referencedBy = new java.util.HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(REFERENCES)) {
            while (rs.next()) {
                if (tables.contains(rs.getString(1)) && tables.contains(rs.getString(2))) {
                    referencedBy.computeIfAbsent(rs.getString(2), k -> new ArrayList<>()).add(rs.getString(1));
                }
            }
        }
        List<String> aggregates = exists(c, "SELECT FROM pg_extension WHERE extname = 'timescaledb'")
                ? strings(c, "SELECT format('%I.%I', view_schema, view_name) FROM timescaledb_information.continuous_aggregates ORDER BY 1")
                : List.of();
        List<Sequence> sequences = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(SEQUENCES)) {
            p.setString(1, ownOids);
            for (String seq : strings(p)) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT last_value, is_called FROM " + seq)) {
                    rs.next();
                    sequences.add(new Sequence(seq, rs.getLong(1), rs.getBoolean(2)));
                }
            }
        }
        List<View> views = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(MATERIALIZED_VIEWS)) {
            while (rs.next()) {
                views.add(new View(rs.getString(1), rs.getBoolean(2)));
            }
        }
        return new Baseline(tables, referencedBy, aggregates, rows, sequences, views);
    }

    /** The tables a reset empties when they hold rows, qualified; for messages and tests. */
    List<String> tables() {
        return tables;
    }

    /** The tables whose migrated rows a reset puts back. */
    List<String> seeded() {
        return rows.stream().map(Rows::table).toList();
    }

    /**
     * Brings the database back to this state, in one transaction.
     *
     * @return the tables and aggregates it emptied (none when the test wrote nothing)
     */
    List<String> restore(Connection c) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL lock_timeout = '" + LOCK_TIMEOUT + "'");
            s.execute("SET LOCAL synchronous_commit = off");
            // Tables holding rows, but the seeded ones only when their rows differ from the migration's.
            List<String> seeded = seeded();
            List<String> emptied = new ArrayList<>(withRows(s, tables.stream().filter(t -> !seeded.contains(t)).toList()));
            emptied.addAll(changedSeeds(s));
            // A table referencing an emptied one goes too (TRUNCATE insists); if seeded, its rows come back below.
            for (int i = 0; i < emptied.size(); i++) {
                for (String referencing : referencedBy.getOrDefault(emptied.get(i), List.of())) {
                    if (!emptied.contains(referencing)) {
                        emptied.add(referencing);
                    }
                }
            }
            boolean changed = !emptied.isEmpty();
            emptied.addAll(changed ? aggregates : withRows(s, aggregates));
            if (!emptied.isEmpty()) {
                s.execute("TRUNCATE " + String.join(", ", emptied));
            }
            List<Rows> back = rows.stream().filter(r -> emptied.contains(r.table())).toList();
            if (!back.isEmpty()) {
                s.execute("SET LOCAL session_replication_role = replica");
                CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
                for (Rows r : back) {
                    try {
                        copy.copyIn("COPY " + r.table() + " (" + r.columns() + ") FROM STDIN (FORMAT binary)",
                                new ByteArrayInputStream(r.copy()));
                    } catch (IOException e) {
                        throw new SQLException("cannot copy the rows of " + r.table() + " back: " + e.getMessage(), e);
                    }
                }
            }
            if (!sequences.isEmpty()) {
                StringBuilder set = new StringBuilder("SELECT ");
                for (Sequence q : sequences) {
                    set.append(set.length() == 7 ? "" : ", ").append("setval(").append(literal(q.name())).append("::regclass, ")
                            .append(q.lastValue()).append(", ").append(q.isCalled()).append(')');
                }
                s.executeQuery(set.toString()).close();
            }
            for (View v : views) {
                if (changed || populated(s, v.name()) != v.populated()) {
                    s.execute("REFRESH MATERIALIZED VIEW " + v.name() + (v.populated() ? "" : " WITH NO DATA"));
                }
            }
            c.commit();
            return emptied;
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /** The seeded tables whose rows are no longer the migration's, in one query. */
    private List<String> changedSeeds(Statement s) throws SQLException {
        List<String> out = new ArrayList<>();
        if (rows.isEmpty()) {
            return out;
        }
        StringBuilder q = new StringBuilder("SELECT ");
        for (int i = 0; i < rows.size(); i++) {
            q.append(i == 0 ? "" : ", ").append(digest(rows.get(i).table()));
        }
        try (ResultSet rs = s.executeQuery(q.toString())) {
            rs.next();
            for (int i = 0; i < rows.size(); i++) {
                if (!rows.get(i).digest().equals(rs.getString(i + 1))) {
                    out.add(rows.get(i).table());
                }
            }
        }
        return out;
    }

    /** Those of the relations that hold a row, in one query. */
    private static List<String> withRows(Statement s, List<String> relations) throws SQLException {
        List<String> out = new ArrayList<>();
        if (relations.isEmpty()) {
            return out;
        }
        StringBuilder q = new StringBuilder("SELECT ");
        for (int i = 0; i < relations.size(); i++) {
            q.append(i == 0 ? "" : ", ").append("EXISTS (SELECT FROM ").append(relations.get(i)).append(')');
        }
        try (ResultSet rs = s.executeQuery(q.toString())) {
            rs.next();
            for (int i = 0; i < relations.size(); i++) {
                if (rs.getBoolean(i + 1)) {
                    out.add(relations.get(i));
                }
            }
        }
        return out;
    }

    private static boolean populated(Statement s, String view) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT relispopulated FROM pg_class WHERE oid = " + literal(view) + "::regclass")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static long oid(Connection c, String qualified) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT coalesce(to_regclass(?)::oid, 0)")) {
            p.setString(1, qualified);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static boolean hasRows(Connection c, String table) throws SQLException {
        return exists(c, "SELECT FROM " + table + " LIMIT 1");
    }

    private static boolean exists(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next();
        }
    }

    private static byte[] copyOut(Connection c, String table, String columns) throws SQLException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY " + table + " (" + columns + ") TO STDOUT (FORMAT binary)", out);
        } catch (IOException e) {
            throw new SQLException("cannot copy the rows of " + table + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static List<String> strings(Connection c, String sql, long oid) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setLong(1, oid);
            return strings(p);
        }
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            return strings(p);
        }
    }

    private static List<String> strings(PreparedStatement p) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
