package dev.strata.diff;

import dev.strata.schema.Column;
import dev.strata.schema.Constraint;
import dev.strata.schema.EnumType;
import dev.strata.schema.Index;
import dev.strata.schema.QualifiedName;
import dev.strata.schema.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Enum types. Added labels go in at their place with {@code ADD VALUE}; PostgreSQL cannot remove or
 * move a label, so a removed or moved one (and the downgrade of an added one) rebuilds the type: the
 * old type renamed aside, the new one created, each column that uses it converted through text (its
 * default, and the indexes and checks that name the type, dropped before and made again after), the
 * old type dropped. The views over those tables are dropped and recreated around it by
 * {@link ViewChanges}, which sees the tables in {@link Tables#altered}.
 */
final class EnumChanges {

    private EnumChanges() {}

    static void diff(Tables tables, Collected out) {
        Map<String, EnumType> old = new TreeMap<>();
        tables.from.enums().forEach(e -> old.put(e.name().toString(), e));
        for (EnumType n : tables.to.enums()) {
            EnumType o = old.remove(n.name().toString());
            String name = n.name().written();
            if (o == null) {
                out.add(Phase.TYPES, "added enum type '" + n.name() + "'", false,
                        List.of(Steps.call("op.createEnum(" + Steps.string(name) + ", " + Steps.strings(n.labels()) + ");",
                                x -> x.createEnum(name, n.labels().toArray(String[]::new)))),
                        List.of(Steps.call("op.dropEnum(" + Steps.string(name) + ");", x -> x.dropEnum(name))));
            } else if (!o.labels().equals(n.labels())) {
                labels(tables, o, n, out);
            }
        }
        for (EnumType o : old.values()) {
            String name = o.name().written();
            out.add(Phase.DROP_TYPES, "removed enum type '" + o.name() + "'", false,
                    List.of(Steps.call("op.dropEnum(" + Steps.string(name) + ");", x -> x.dropEnum(name))),
                    List.of(Steps.call("op.createEnum(" + Steps.string(name) + ", " + Steps.strings(o.labels()) + ");",
                            x -> x.createEnum(name, o.labels().toArray(String[]::new)))));
        }
    }

    private static void labels(Tables tables, EnumType o, EnumType n, Collected out) {
        List<Table> users = users(tables, o);
        for (Table t : users) {
            tables.altered.add(t.name());
            QualifiedName now = tables.renamed(t.name());
            if (now != null) {
                tables.altered.add(now);
            }
        }
        List<String> gone = o.labels().stream().filter(l -> !n.labels().contains(l)).toList();
        List<String> kept = n.labels().stream().filter(o.labels()::contains).toList();
        if (!kept.equals(o.labels())) {
            String where = users.isEmpty() ? "" : " (used by " + String.join(", ", users.stream().map(t -> "'" + t.name() + "'").toList()) + ")";
            out.warn("enum type '" + n.name() + "' loses or reorders labels " + o.labels() + " -> " + n.labels()
                    + ": the type is rebuilt" + where + "; the upgrade fails while a row holds a removed label"
                    + (gone.isEmpty() ? "" : " " + gone) + ": update those rows first");
            out.add(Phase.TYPES, "labels change on enum type '" + n.name() + "'", !gone.isEmpty(),
                    rebuild(tables, n, users, true, gone.isEmpty() ? null
                            : "destructive: rebuilds enum type '" + n.name() + "' without " + gone + "; fails while a row holds one of them"),
                    rebuild(tables, o, users, false, null));
            return;
        }
        String name = n.name().written();
        List<String> current = new ArrayList<>(o.labels());
        List<Step> up = new ArrayList<>();
        for (int i = 0; i < n.labels().size(); i++) {
            String label = n.labels().get(i);
            if (current.contains(label)) {
                continue;
            }
            String next = n.labels().subList(i + 1, n.labels().size()).stream().filter(current::contains).findFirst().orElse(null);
            if (next != null) {
                up.add(Steps.call("op.addEnumValueBefore(" + Steps.string(name) + ", " + Steps.string(label) + ", " + Steps.string(next) + ");",
                        x -> x.addEnumValueBefore(name, label, next)));
                current.add(current.indexOf(next), label);
            } else {
                String previous = current.get(current.size() - 1);
                up.add(Steps.call("op.addEnumValueAfter(" + Steps.string(name) + ", " + Steps.string(label) + ", " + Steps.string(previous) + ");",
                        x -> x.addEnumValueAfter(name, label, previous)));
                current.add(label);
            }
        }
        out.warn("enum type '" + n.name() + "' gains labels: a new label cannot be used in the transaction that adds it; "
                + "use it in a later migration");
        List<String> added = n.labels().stream().filter(l -> !o.labels().contains(l)).toList();
        out.add(Phase.TYPES, "added labels on enum type '" + n.name() + "'", false, up,
                rebuild(tables, o, users, false, "PostgreSQL cannot drop a label: enum type '" + o.name() + "' is rebuilt without "
                        + added + "; this fails while a row holds one of them"));
    }

    /** The tables (not partitions: they follow their parent) with a column of type {@code e} or an array of it, in the live catalog. */
    private static List<Table> users(Tables tables, EnumType e) {
        return tables.from.tables().stream()
                .filter(t -> t.partitionOf() == null && !tables.isRemoved(t.name()))
                .filter(t -> t.columns().stream().anyMatch(c -> uses(c, e)))
                .toList();
    }

    private static boolean uses(Column c, EnumType e) {
        return c.type().equals(e.name().sql()) || c.type().equals(e.name().sql() + "[]");
    }

    /**
     * The steps that make type {@code e} hold exactly {@code e}'s labels, whatever labels it holds now.
     * Indexes and checks are the live catalog's that the desired one keeps: the others are dropped or
     * created by their own changes, before and after this one.
     */
    private static List<Step> rebuild(Tables tables, EnumType e, List<Table> users, boolean desiredDefaults, String note) {
        String type = e.name().sql();
        String aside = e.name().name() + "__strata_old";
        String asideSql = QualifiedName.of(e.name().schema(), aside).sql();
        List<Step> steps = new ArrayList<>();
        steps.add(Steps.sql("ALTER TYPE " + type + " RENAME TO " + Sqls.id(aside), note));
        steps.add(Steps.sql("CREATE TYPE " + type + " AS ENUM (" + String.join(", ", e.labels().stream().map(EnumChanges::literal).toList()) + ")"));
        List<Step> after = new ArrayList<>();
        for (Table t : users) {
            for (Index i : tables.from.indexes()) {
                if (i.table().equals(t.name()) && i.definition().contains(type) && tables.to.indexes().contains(i)) {
                    steps.add(IndexChanges.drop(i));
                    after.add(Steps.sql(i.createStatement()));
                }
            }
            Table desired = tables.to.table(t.name());
            for (Constraint c : t.constraints()) {
                if (c.kind() == Constraint.Kind.CHECK && c.definition().contains(type) && desired != null && desired.constraints().contains(c)) {
                    steps.add(Steps.sql(Sqls.dropConstraint(t, c)));
                    after.add(Steps.sql(Sqls.addConstraint(t, c)));
                }
            }
            for (Column c : t.columns()) {
                if (!uses(c, e)) {
                    continue;
                }
                if (c.defaultExpr() != null) {
                    steps.add(Steps.sql(Sqls.alterColumn(t, c.name(), "DROP DEFAULT")));
                }
                // The upgrade puts back the desired default (the live one may name a removed label); a
                // changed default is set again by its own change after this one.
                Column wanted = desiredDefaults && desired != null ? desired.column(c.name()) : null;
                String defaultExpr = wanted != null && uses(wanted, e) ? wanted.defaultExpr() : c.defaultExpr();
                String array = c.type().endsWith("[]") ? "[]" : "";
                steps.add(Steps.sql(Sqls.alterColumn(t, c.name(), "TYPE " + c.type() + " USING " + Sqls.id(c.name())
                        + "::text" + array + "::" + c.type())));
                if (defaultExpr != null) {
                    steps.add(Steps.sql(Sqls.alterColumn(t, c.name(), "SET DEFAULT " + defaultExpr)));
                }
            }
        }
        steps.addAll(after);
        steps.add(Steps.sql("DROP TYPE " + asideSql));
        return steps;
    }

    private static String literal(String label) {
        return "'" + label.replace("'", "''") + "'";
    }
}
