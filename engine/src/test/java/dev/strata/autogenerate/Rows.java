package dev.strata.autogenerate;

import dev.strata.diff.Renames;
import dev.strata.ops.SqlNames;
import dev.strata.schema.Catalog;
import dev.strata.schema.Column;
import dev.strata.schema.QualifiedName;
import dev.strata.schema.Table;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows that must survive an upgrade: those of every table that old and new both have, in the
 * columns both have (renames followed; generated columns left out, since a new expression may change
 * them). A snapshot is one line per table with its row count and an md5 of its sorted rows' text; after
 * the upgrade a column whose type changed is cast back to its old type first, so '42' as text and 42
 * as an integer read the same.
 */
final class Rows {

    private record Kept(QualifiedName oldTable, QualifiedName newTable, List<String> oldColumns,
            List<String> newColumns, List<String> oldTypes, List<Boolean> retyped) {}

    private final List<Kept> kept;

    private Rows(List<Kept> kept) {
        this.kept = kept;
    }

    static Rows of(Catalog old, Catalog wanted, Renames renames) {
        List<Kept> kept = new ArrayList<>();
        for (Table t : old.tables()) {
            QualifiedName newName = renames.tables().getOrDefault(t.name(), t.name());
            Table n = wanted.table(newName);
            if (n == null) {
                continue;
            }
            Map<String, String> columnRenames = new HashMap<>(renames.columns().getOrDefault(t.name(), Map.of()));
            columnRenames.putAll(renames.columns().getOrDefault(newName, Map.of()));
            List<String> oldColumns = new ArrayList<>();
            List<String> newColumns = new ArrayList<>();
            List<String> oldTypes = new ArrayList<>();
            List<Boolean> retyped = new ArrayList<>();
            for (Column c : t.columns()) {
                Column nc = n.column(columnRenames.getOrDefault(c.name(), c.name()));
                if (nc == null || c.generated() != null || nc.generated() != null) {
                    continue;
                }
                oldColumns.add(c.name());
                newColumns.add(nc.name());
                oldTypes.add(c.type());
                retyped.add(!c.type().equals(nc.type()));
            }
            kept.add(new Kept(t.name(), newName, oldColumns, newColumns, oldTypes, retyped));
        }
        return new Rows(kept);
    }

    /** One line per kept table; {@code upgraded} reads the new names and casts retyped columns back. */
    List<String> snapshot(Side side, boolean upgraded) {
        List<String> out = new ArrayList<>();
        try (Connection c = side.connect(); java.sql.Statement s = c.createStatement()) {
            for (Kept k : kept) {
                List<String> parts = new ArrayList<>();
                for (int i = 0; i < k.oldColumns().size(); i++) {
                    String col = SqlNames.identifier(upgraded ? k.newColumns().get(i) : k.oldColumns().get(i));
                    String value = upgraded && k.retyped().get(i) ? "(" + col + ")::" + k.oldTypes().get(i) : col;
                    parts.add("coalesce((" + value + ")::text, '<null>')");
                }
                String row = parts.isEmpty() ? "''" : "concat_ws('|', " + String.join(", ", parts) + ")";
                QualifiedName table = upgraded ? k.newTable() : k.oldTable();
                String sql = "SELECT count(*), md5(coalesce(string_agg(r, E'\\n' ORDER BY r), '')) FROM (SELECT "
                        + row + " AS r FROM " + table.sql() + ") rows";
                try (ResultSet rs = s.executeQuery(sql)) {
                    rs.next();
                    out.add(k.oldTable() + ": " + rs.getLong(1) + " rows, md5 " + rs.getString(2));
                } catch (SQLException e) {
                    throw new AssertionError("cannot read the rows of " + table + ": " + e.getMessage(), e);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return out;
    }
}
