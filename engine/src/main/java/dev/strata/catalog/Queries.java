package dev.strata.catalog;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Runs the reader's queries on one connection and the filters they share. */
final class Queries {

    /**
     * The namespaces that hold the user's objects, as a condition on {@code n}: not PostgreSQL's own,
     * not TimescaleDB's, not a temporary one, not one an extension created.
     */
    static final String USER_SCHEMA = "(n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast',"
            + " 'timescaledb_information', 'timescaledb_experimental', 'toolkit_experimental')"
            + " AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'"
            + " AND n.nspname NOT LIKE '\\_timescaledb\\_%'"
            + " AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_namespace'::regclass"
            + " AND e.objid = n.oid AND e.deptype = 'e'))";

    /** Not a member of an extension, for an object {@code alias} of catalog {@code catalog}. */
    static String notExtensionMember(String catalog, String alias) {
        return "NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '" + catalog + "'::regclass"
                + " AND e.objid = " + alias + ".oid AND e.deptype = 'e')";
    }

    interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private final Connection connection;

    Queries(Connection connection) {
        this.connection = connection;
    }

    <T> List<T> list(String sql, RowReader<T> reader) throws SQLException {
        List<T> out = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(reader.read(rs));
            }
        }
        return out;
    }

    boolean exists(String sql) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            return rs.next();
        }
    }

    /** A text[] column as a list (empty for NULL). */
    static List<String> strings(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        if (array == null) {
            return List.of();
        }
        Object[] values = (Object[]) array.getArray();
        return Arrays.stream(values).map(String::valueOf).toList();
    }

    /**
     * A view's query as {@code pg_get_viewdef} prints it, without its closing {@code ;}: the text is put
     * inside a statement ({@code CREATE MATERIALIZED VIEW ... AS query WITH NO DATA}), where a
     * {@code ;} would end it early. {@code null} stays {@code null}.
     */
    static String query(ResultSet rs, String column) throws SQLException {
        String text = rs.getString(column);
        if (text == null) {
            return null;
        }
        String stripped = text.strip();
        while (stripped.endsWith(";")) {
            stripped = stripped.substring(0, stripped.length() - 1).strip();
        }
        return stripped;
    }

    static Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }
}
