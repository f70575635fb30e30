package dev.strata.diff;

import dev.strata.schema.Column;
import dev.strata.schema.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The columns of a table in both catalogs: renamed, removed, added and altered. */
final class ColumnChanges {

    private ColumnChanges() {}

    static void diff(Tables tables, Table f, Table t, Collected out) {
        if (t.partitionOf() != null && t.partitionOf().equals(f.partitionOf())) {
            partition(tables, f, t, out);
            return;
        }
        Map<String, String> renames = tables.renames.columnsOf(f.name(), t.name());
        String table = t.name().written();
        Map<String, Column> old = new LinkedHashMap<>();
        for (Column c : f.columns()) {
            String now = renames.getOrDefault(c.name(), c.name());
            if (!now.equals(c.name()) && t.column(now) != null && f.column(now) == null) {
                out.add(Phase.COLUMNS, "renamed column '" + f.name() + "." + c.name() + "' to '" + now + "'", false,
                        List.of(Steps.call("op.renameColumn(" + Steps.string(table) + ", " + Steps.string(c.name()) + ", "
                                + Steps.string(now) + ");", o -> o.renameColumn(table, c.name(), now))),
                        List.of(Steps.call("op.renameColumn(" + Steps.string(table) + ", " + Steps.string(now) + ", "
                                + Steps.string(c.name()) + ");", o -> o.renameColumn(table, now, c.name()))));
                tables.altered.add(f.name());
                tables.altered.add(t.name());
                old.put(now, c);
            } else {
                old.put(c.name(), c);
            }
        }
        List<Column> removed = new ArrayList<>();
        for (Map.Entry<String, Column> e : old.entrySet()) {
            if (t.column(e.getKey()) == null) {
                removed.add(e.getValue());
            }
        }
        List<Column> added = t.columns().stream().filter(c -> !old.containsKey(c.name())).toList();
        for (Column r : removed) {
            for (Column a : added) {
                if (r.type().equals(a.type())) {
                    out.warn("column '" + t.name() + "." + r.name() + "' is removed and '" + a.name() + "' added with the same type "
                            + r.type() + ": if it is a rename, say so with --rename " + t.name() + "." + r.name() + "=" + a.name()
                            + " (otherwise its values are dropped)");
                }
            }
        }
        for (Column r : removed) {
            tables.altered.add(f.name());
            tables.altered.add(t.name());
            out.add(Phase.COLUMNS, "removed column '" + t.name() + "." + r.name() + "'", true,
                    List.of(Steps.call("op.dropColumn(" + Steps.string(table) + ", " + Steps.string(r.name()) + ");",
                            o -> o.dropColumn(table, r.name()), "destructive: drops column '" + t.name() + "." + r.name() + "' and its values")),
                    addColumn(t, r, "irreversible: the values of '" + t.name() + "." + r.name() + "' are not restored; the column comes back empty"));
        }
        for (Map.Entry<String, Column> e : old.entrySet()) {
            Column n = t.column(e.getKey());
            if (n != null) {
                altered(tables, t, e.getValue(), n, out);
            }
        }
        for (Column a : added) {
            String note = null;
            if (a.notNull() && a.defaultExpr() == null && a.identity() == null && a.generated() == null) {
                note = "TODO: '" + t.name() + "." + a.name() + "' is NOT NULL without a default: this fails while '" + t.name()
                        + "' has rows; add a default or add it nullable, backfill, then SET NOT NULL";
                out.warn("column '" + t.name() + "." + a.name() + "' is added NOT NULL without a default: the upgrade fails if '"
                        + t.name() + "' has rows");
            }
            out.add(Phase.COLUMNS, "added column '" + t.name() + "." + a.name() + "'", false, addColumn(t, a, note),
                    List.of(Steps.call("op.dropColumn(" + Steps.string(table) + ", " + Steps.string(a.name()) + ");",
                            o -> o.dropColumn(table, a.name()))));
        }
    }

    /**
     * A partition's columns are its parent's: added, removed, renamed and retyped with the parent's (which
     * PostgreSQL refuses on a partition). Only what the partition holds of its own, a default or NOT NULL
     * unlike its parent's, and its comments, are changed on it.
     */
    private static void partition(Tables tables, Table f, Table t, Collected out) {
        Table parentFrom = tables.from.table(f.partitionOf());
        Table parentTo = tables.to.table(t.partitionOf());
        for (Column n : t.columns()) {
            Column o = f.column(n.name());
            if (o == null) {
                continue;
            }
            Column po = parentFrom == null ? null : parentFrom.column(n.name());
            Column pn = parentTo == null ? null : parentTo.column(n.name());
            boolean ownDefault = po == null || pn == null || !Objects.equals(o.defaultExpr(), po.defaultExpr())
                    || !Objects.equals(n.defaultExpr(), pn.defaultExpr());
            boolean ownNull = po == null || pn == null || o.notNull() != po.notNull() || n.notNull() != pn.notNull();
            Column was = new Column(o.name(), n.type(), ownNull ? o.notNull() : n.notNull(), ownDefault ? o.defaultExpr() : n.defaultExpr(),
                    n.identity(), n.generated(), n.collation(), o.comment());
            altered(tables, t, was, n, out);
        }
    }

    private static List<Step> addColumn(Table t, Column c, String note) {
        List<Step> steps = new ArrayList<>();
        steps.add(Steps.sql("ALTER TABLE " + t.name().sql() + " ADD COLUMN " + Sqls.column(c), note));
        if (c.comment() != null) {
            String table = t.name().written();
            steps.add(Steps.call("op.commentOnColumn(" + Steps.string(table) + ", " + Steps.string(c.name()) + ", "
                    + Steps.string(c.comment()) + ");", o -> o.commentOnColumn(table, c.name(), c.comment())));
        }
        return steps;
    }

    private static void altered(Tables tables, Table t, Column f, Column n, Collected out) {
        String where = "'" + t.name() + "." + n.name() + "'";
        String table = t.name().written();
        String column = n.name();
        if (!Objects.equals(f.generated(), n.generated())) {
            tables.altered.add(t.name());
            List<Step> up = new ArrayList<>(List.of(Steps.call("op.dropColumn(" + Steps.string(table) + ", " + Steps.string(column) + ");",
                    o -> o.dropColumn(table, column))));
            up.addAll(addColumn(t, n, null));
            List<Step> down = new ArrayList<>(List.of(Steps.call("op.dropColumn(" + Steps.string(table) + ", " + Steps.string(column) + ");",
                    o -> o.dropColumn(table, column))));
            down.addAll(addColumn(t, f, null));
            out.add(Phase.COLUMNS, "generated expression change on " + where, f.generated() == null, up, down);
            return;
        }
        boolean retype = !f.type().equals(n.type()) || !Objects.equals(f.collation(), n.collation());
        if (retype) {
            tables.altered.add(t.name());
            tables.retyped.add(t.name());
            boolean narrows = !Types.widens(f.type(), n.type());
            out.add(Phase.COLUMNS, "type change on " + where + " from " + typeText(f) + " to " + typeText(n), narrows,
                    retype(t, f, n, narrows ? "destructive: " + typeText(f) + " to " + typeText(n) + " may not hold every value of "
                            + where + " (the conversion fails or loses precision)" : null),
                    retype(t, n, f, null));
        }
        if (f.identity() != null && !f.identity().equals(n.identity())) {
            List<Step> up = List.of(Steps.sql(Sqls.alterColumn(t, column, n.identity() == null ? "DROP IDENTITY" : "SET GENERATED " + n.identity())));
            List<Step> down = List.of(Steps.sql(Sqls.alterColumn(t, column, n.identity() == null
                    ? "ADD GENERATED " + f.identity() + " AS IDENTITY" : "SET GENERATED " + f.identity())));
            out.add(Phase.COLUMNS, "identity change on " + where, false, up, down);
        }
        if (!retype && !Objects.equals(f.defaultExpr(), n.defaultExpr())) {
            out.add(Phase.COLUMNS, "default change on " + where, false, List.of(setDefault(t, column, n.defaultExpr())),
                    List.of(setDefault(t, column, f.defaultExpr())));
        }
        if (f.notNull() != n.notNull()) {
            Step set = Steps.call("op.alterColumn(" + Steps.string(table) + ", " + Steps.string(column) + ", c -> c.setNotNull());",
                    o -> o.alterColumn(table, column, c -> c.setNotNull()),
                    "TODO: backfill NULLs in " + where + " first: SET NOT NULL fails while any row holds NULL");
            Step drop = Steps.call("op.alterColumn(" + Steps.string(table) + ", " + Steps.string(column) + ", c -> c.dropNotNull());",
                    o -> o.alterColumn(table, column, c -> c.dropNotNull()));
            if (n.notNull()) {
                out.warn(where + " becomes NOT NULL: the upgrade fails while any row holds NULL there; backfill first");
            }
            out.add(Phase.COLUMNS, "NULL change on " + where + " to " + (n.notNull() ? "NOT NULL" : "nullable"), false,
                    List.of(n.notNull() ? set : drop), List.of(n.notNull() ? drop : set));
        }
        if (f.identity() == null && n.identity() != null) {
            out.add(Phase.COLUMNS, "identity change on " + where, false,
                    List.of(Steps.sql(Sqls.alterColumn(t, column, "ADD GENERATED " + n.identity() + " AS IDENTITY"))),
                    List.of(Steps.sql(Sqls.alterColumn(t, column, "DROP IDENTITY"))));
        }
        if (!Objects.equals(f.comment(), n.comment())) {
            out.add(Phase.COMMENTS, "comment change on " + where, false,
                    List.of(Steps.call("op.commentOnColumn(" + Steps.string(table) + ", " + Steps.string(column) + ", "
                            + Steps.string(n.comment()) + ", " + Steps.string(f.comment()) + ");",
                            o -> o.commentOnColumn(table, column, n.comment(), f.comment()))),
                    List.of(Steps.call("op.commentOnColumn(" + Steps.string(table) + ", " + Steps.string(column) + ", "
                            + Steps.string(f.comment()) + ", " + Steps.string(n.comment()) + ");",
                            o -> o.commentOnColumn(table, column, f.comment(), n.comment()))));
        }
    }

    private static String typeText(Column c) {
        return c.collation() == null ? c.type() : c.type() + " COLLATE " + Sqls.collation(c.collation());
    }

    /** The type change from {@code f} to {@code n}, its default dropped before and set after. */
    private static List<Step> retype(Table t, Column f, Column n, String note) {
        List<Step> steps = new ArrayList<>();
        String column = n.name();
        if (f.defaultExpr() != null) {
            steps.add(setDefault(t, column, null));
        }
        String using = Sqls.id(column) + "::" + n.type();
        if (n.collation() == null) {
            String table = t.name().written();
            steps.add(Steps.call("op.alterColumn(" + Steps.string(table) + ", " + Steps.string(column) + ", c -> c.type("
                    + Steps.string(n.type()) + ").using(" + Steps.string(using) + "));",
                    o -> o.alterColumn(table, column, c -> c.type(n.type()).using(using)), note));
        } else {
            steps.add(Steps.sql(Sqls.alterColumn(t, column, "TYPE " + typeText(n) + " USING " + using), note));
        }
        if (n.defaultExpr() != null) {
            steps.add(setDefault(t, column, n.defaultExpr()));
        }
        return steps;
    }

    private static Step setDefault(Table t, String column, String expression) {
        return Steps.sql(Sqls.alterColumn(t, column, expression == null ? "DROP DEFAULT" : "SET DEFAULT " + expression));
    }
}
