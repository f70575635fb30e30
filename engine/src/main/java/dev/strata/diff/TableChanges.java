package dev.strata.diff;

import dev.strata.schema.Catalog;
import dev.strata.schema.Constraint;
import dev.strata.schema.Dependency;
import dev.strata.schema.Index;
import dev.strata.schema.QualifiedName;
import dev.strata.schema.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Tables added, removed and renamed, and their constraints; columns are {@link ColumnChanges}'. */
final class TableChanges {

    private TableChanges() {}

    static void diff(Tables tables, Collected out) {
        tables.warnSuspectedRenames(out);
        added(tables, out);
        removed(tables, out);
        for (Tables.Pair p : tables.kept) {
            kept(tables, p, out);
        }
    }

    private static void added(Tables tables, Collected out) {
        for (Table t : Topo.sort(tables.added, Table::name, needs(tables.to, false))) {
            String name = t.name().written();
            List<Step> up = new ArrayList<>();
            up.add(Steps.sql(Sqls.createTable(t, false)));
            up.addAll(comments(t));
            out.add(Phase.TABLES, "added table '" + t.name() + "'", false, up,
                    List.of(Steps.call("op.dropTable(" + Steps.string(name) + ");", o -> o.dropTable(name))));
            for (Constraint c : t.constraints()) {
                if (c.kind() == Constraint.Kind.FOREIGN_KEY) {
                    out.add(Phase.FOREIGN_KEYS, "added foreign key '" + c.name() + "' on '" + t.name() + "'", false,
                            List.of(Steps.sql(Sqls.addConstraint(t, c))), List.of(Steps.sql(Sqls.dropConstraint(t, c))));
                }
            }
        }
    }

    private static void removed(Tables tables, Collected out) {
        List<Table> order = new ArrayList<>(Topo.sort(tables.removed, Table::name, needs(tables.from, true)));
        java.util.Collections.reverse(order);
        for (Table t : order) {
            String name = t.name().written();
            List<Step> down = new ArrayList<>();
            down.add(Steps.sql(Sqls.createTable(t, true),
                    "irreversible: the rows of '" + t.name() + "' are not restored; the table comes back empty"));
            for (Index i : tables.from.indexes()) {
                if (i.table().equals(t.name())) {
                    down.add(Steps.sql(i.createStatement()));
                }
            }
            down.addAll(comments(t));
            out.add(Phase.DROP_TABLES, "removed table '" + t.name() + "'", true,
                    List.of(Steps.call("op.dropTable(" + Steps.string(name) + ");", o -> o.dropTable(name),
                            "destructive: drops table '" + t.name() + "' and its rows")),
                    down);
        }
    }

    /** What each table needs before it: its parent, what it depends on, and (for drops) what its foreign keys reference. */
    static Map<QualifiedName, Set<QualifiedName>> needs(Catalog catalog, boolean withReferences) {
        Map<QualifiedName, Set<QualifiedName>> needs = new TreeMap<>();
        for (Table t : catalog.tables()) {
            Set<QualifiedName> n = needs.computeIfAbsent(t.name(), k -> new TreeSet<>());
            if (t.partitionOf() != null) {
                n.add(t.partitionOf());
            }
            if (withReferences) {
                t.constraints().stream().map(Constraint::references).filter(Objects::nonNull).forEach(n::add);
            }
        }
        for (Dependency d : catalog.dependencies()) {
            if (d.from().kind() == Dependency.Kind.TABLE && d.to().kind() == Dependency.Kind.TABLE
                    && (withReferences || d.from().detail() == null)) {
                needs.computeIfAbsent(d.from().name(), k -> new TreeSet<>()).add(d.to().name());
            }
        }
        return needs;
    }

    static List<Step> comments(Table t) {
        List<Step> steps = new ArrayList<>();
        String name = t.name().written();
        if (t.comment() != null) {
            steps.add(Steps.call("op.commentOnTable(" + Steps.string(name) + ", " + Steps.string(t.comment()) + ");",
                    o -> o.commentOnTable(name, t.comment())));
        }
        t.columns().stream().filter(c -> c.comment() != null).forEach(c -> steps.add(Steps.call(
                "op.commentOnColumn(" + Steps.string(name) + ", " + Steps.string(c.name()) + ", " + Steps.string(c.comment()) + ");",
                o -> o.commentOnColumn(name, c.name(), c.comment()))));
        return steps;
    }

    private static void kept(Tables tables, Tables.Pair p, Collected out) {
        Table f = p.from();
        Table t = p.to();
        if (!f.name().equals(t.name())) {
            String old = f.name().written();
            String now = t.name().written();
            out.add(Phase.TABLES, "renamed table '" + f.name() + "' to '" + t.name() + "'", false,
                    List.of(Steps.call("op.renameTable(" + Steps.string(old) + ", " + Steps.string(t.name().name()) + ");",
                            o -> o.renameTable(old, t.name().name()))),
                    List.of(Steps.call("op.renameTable(" + Steps.string(now) + ", " + Steps.string(f.name().name()) + ");",
                            o -> o.renameTable(now, f.name().name()))));
        }
        if (f.unlogged() != t.unlogged()) {
            out.add(Phase.TABLES, (t.unlogged() ? "unlogged" : "logged") + " table '" + t.name() + "'", false,
                    List.of(Steps.sql("ALTER TABLE " + t.name().sql() + (t.unlogged() ? " SET UNLOGGED" : " SET LOGGED"))),
                    List.of(Steps.sql("ALTER TABLE " + t.name().sql() + (f.unlogged() ? " SET UNLOGGED" : " SET LOGGED"))));
        }
        partitioning(f, t, out);
        ColumnChanges.diff(tables, f, t, out);
        constraints(tables, f, t, out);
        if (!Objects.equals(f.comment(), t.comment())) {
            String name = t.name().written();
            out.add(Phase.COMMENTS, "comment change on table '" + t.name() + "'", false,
                    List.of(Steps.call("op.commentOnTable(" + Steps.string(name) + ", " + Steps.string(t.comment()) + ", "
                            + Steps.string(f.comment()) + ");", o -> o.commentOnTable(name, t.comment(), f.comment()))),
                    List.of(Steps.call("op.commentOnTable(" + Steps.string(name) + ", " + Steps.string(f.comment()) + ", "
                            + Steps.string(t.comment()) + ");", o -> o.commentOnTable(name, f.comment(), t.comment()))));
        }
    }

    private static void partitioning(Table f, Table t, Collected out) {
        if (!Objects.equals(f.partitionKey(), t.partitionKey())) {
            out.warn("the partition key of '" + t.name() + "' changes from " + f.partitionKey() + " to " + t.partitionKey()
                    + ": PostgreSQL cannot alter it; recreate the table and move its rows by hand");
            out.add(Phase.TABLES, "partition key change on '" + t.name() + "'", false,
                    List.of(Steps.note("TODO: the partition key of '" + t.name() + "' changes from " + f.partitionKey() + " to "
                            + t.partitionKey() + "; recreate the table and copy its rows")),
                    List.of(Steps.note("irreversible: the partition key change of '" + t.name() + "' was not applied by this migration")));
        }
        if (!Objects.equals(f.partitionOf(), t.partitionOf()) || !Objects.equals(f.partitionBound(), t.partitionBound())) {
            List<Step> up = new ArrayList<>();
            List<Step> down = new ArrayList<>();
            if (f.partitionOf() != null) {
                up.add(Steps.sql("ALTER TABLE " + f.partitionOf().sql() + " DETACH PARTITION " + t.name().sql()));
            }
            if (t.partitionOf() != null) {
                up.add(Steps.sql("ALTER TABLE " + t.partitionOf().sql() + " ATTACH PARTITION " + t.name().sql() + " " + t.partitionBound()));
                down.add(Steps.sql("ALTER TABLE " + t.partitionOf().sql() + " DETACH PARTITION " + t.name().sql()));
            }
            if (f.partitionOf() != null) {
                down.add(Steps.sql("ALTER TABLE " + f.partitionOf().sql() + " ATTACH PARTITION " + t.name().sql() + " " + f.partitionBound()));
            }
            out.add(Phase.TABLES, "partition change on '" + t.name() + "'", false, up, down);
        }
    }

    /** A constraint's identity: its name, or its definition when PostgreSQL chose the name. */
    private static String key(Constraint c) {
        return c.defaultName() ? "default " + c.kind() + " " + c.definition() : "named " + c.name();
    }

    private static void constraints(Tables tables, Table f, Table t, Collected out) {
        Map<String, Constraint> old = new TreeMap<>();
        f.constraints().forEach(c -> old.put(key(followed(tables, f, c)), c));
        Map<String, Constraint> now = new TreeMap<>();
        t.constraints().forEach(c -> now.put(key(c), c));
        for (Map.Entry<String, Constraint> e : old.entrySet()) {
            Constraint o = e.getValue();
            Constraint n = now.get(e.getKey());
            if (n == null || !same(followed(tables, f, o), n)) {
                boolean fk = o.kind() == Constraint.Kind.FOREIGN_KEY;
                out.add(fk ? Phase.DROP_FOREIGN_KEYS : Phase.DROP_CONSTRAINTS,
                        "removed " + kind(o) + " '" + o.name() + "' on '" + f.name() + "'", false,
                        List.of(Steps.sql(Sqls.dropConstraint(f, o))), List.of(Steps.sql(Sqls.addConstraint(f, o))));
            } else if (!o.name().equals(n.name()) && tables.renamesTouch(f.name())) {
                // Both names are PostgreSQL's own, made from the names before and after a rename: follow it.
                // (Without a rename, t_pkey and t_pkey1 are the same constraint.)
                String table = "ALTER TABLE " + t.name().sql() + " RENAME CONSTRAINT ";
                out.add(Phase.CONSTRAINTS, "renamed " + kind(o) + " '" + o.name() + "' on '" + t.name() + "' to '" + n.name() + "'", false,
                        List.of(Steps.sql(table + Sqls.id(o.name()) + " TO " + Sqls.id(n.name()))),
                        List.of(Steps.sql(table + Sqls.id(n.name()) + " TO " + Sqls.id(o.name()))));
            }
            if (n != null && same(followed(tables, f, o), n) && !Objects.equals(o.comment(), n.comment())) {
                String on = Sqls.id(n.name()) + " ON " + t.name().sql();
                out.add(Phase.COMMENTS, "comment change on constraint '" + n.name() + "' on '" + t.name() + "'", false,
                        List.of(Steps.sql(Sqls.comment("CONSTRAINT", on, n.comment()))),
                        List.of(Steps.sql(Sqls.comment("CONSTRAINT", on, o.comment()))));
            }
        }
        for (Map.Entry<String, Constraint> e : now.entrySet()) {
            Constraint n = e.getValue();
            Constraint o = old.get(e.getKey());
            if (o == null || !same(followed(tables, f, o), n)) {
                boolean fk = n.kind() == Constraint.Kind.FOREIGN_KEY;
                List<Step> up = new ArrayList<>(List.of(Steps.sql(Sqls.addConstraint(t, n))));
                if (n.comment() != null) {
                    up.add(Steps.sql(Sqls.comment("CONSTRAINT", Sqls.id(n.name()) + " ON " + t.name().sql(), n.comment())));
                }
                out.add(fk ? Phase.FOREIGN_KEYS : Phase.CONSTRAINTS, "added " + kind(n) + " '" + n.name() + "' on '" + t.name() + "'",
                        false, up, List.of(Steps.sql(Sqls.dropConstraint(t, n))));
            }
        }
    }

    /**
     * A live constraint as it reads once the tables and columns it names are renamed (PostgreSQL follows
     * renames): its own table's columns, and for a foreign key the referenced table and its columns.
     */
    private static Constraint followed(Tables tables, Table table, Constraint c) {
        QualifiedName desiredTable = tables.renamed(table.name());
        Map<String, String> own = tables.renames.columnsOf(table.name(), desiredTable == null ? table.name() : desiredTable);
        String definition = c.definition();
        QualifiedName references = c.references();
        int at = definition.indexOf(" REFERENCES ");
        String head = at < 0 ? definition : definition.substring(0, at);
        String tail = at < 0 ? "" : definition.substring(at);
        if (references != null) {
            QualifiedName now = tables.renamed(references);
            now = now == null ? references : now;
            tail = Renames.followColumns(tail.replace(" REFERENCES " + references.sql() + "(", " REFERENCES " + now.sql() + "("),
                    tables.renames.columnsOf(references, now));
            references = now;
        }
        definition = Renames.followColumns(head, own) + tail;
        if (definition.equals(c.definition()) && Objects.equals(references, c.references())) {
            return c;
        }
        List<String> columns = c.columns().stream().map(x -> own.getOrDefault(x, x)).toList();
        return new Constraint(c.name(), c.kind(), definition, columns, references, c.deferrable(), c.initiallyDeferred(), c.defaultName(),
                c.comment());
    }

    /** The same constraint, comments aside (a PostgreSQL-chosen name aside too). */
    private static boolean same(Constraint a, Constraint b) {
        return a.kind() == b.kind() && a.definition().equals(b.definition()) && a.deferrable() == b.deferrable()
                && a.initiallyDeferred() == b.initiallyDeferred() && (a.defaultName() && b.defaultName() || a.name().equals(b.name()));
    }

    static String kind(Constraint c) {
        return switch (c.kind()) {
            case PRIMARY_KEY -> "primary key";
            case UNIQUE -> "unique constraint";
            case CHECK -> "check constraint";
            case FOREIGN_KEY -> "foreign key";
            case EXCLUDE -> "exclusion constraint";
        };
    }
}
