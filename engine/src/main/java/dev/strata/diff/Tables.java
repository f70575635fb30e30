package dev.strata.diff;

import dev.strata.schema.Catalog;
import dev.strata.schema.QualifiedName;
import dev.strata.schema.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The tables of two catalogs matched up: kept (possibly renamed by a hint), added and removed; and,
 * filled in by {@link TableChanges}, which kept tables had their columns changed under their views.
 */
final class Tables {

    /** A table in both catalogs: {@code from} the live one, {@code to} the desired one. */
    record Pair(Table from, Table to) {}

    final Catalog from;
    final Catalog to;
    final Renames renames;
    final List<Pair> kept = new ArrayList<>();
    final List<Table> added = new ArrayList<>();
    final List<Table> removed = new ArrayList<>();
    /** Names (old and new) of kept tables whose columns changed type, were dropped or renamed. */
    final Set<QualifiedName> altered = new TreeSet<>();
    /** Views kept by name that are dropped and created again (see {@link ViewChanges#rebuilt}). */
    final Set<QualifiedName> rebuiltViews = new TreeSet<>();
    /** Desired names of kept tables with a column type change. */
    final Set<QualifiedName> retyped = new TreeSet<>();

    Tables(Catalog from, Catalog to, Renames renames) {
        this.from = from;
        this.to = to;
        this.renames = renames;
        Map<QualifiedName, Table> old = new TreeMap<>();
        from.tables().forEach(t -> old.put(t.name(), t));
        Map<QualifiedName, QualifiedName> renamedFrom = new TreeMap<>();
        renames.tables().forEach((o, n) -> renamedFrom.put(n, o));
        for (Table t : to.tables()) {
            Table f = old.remove(t.name());
            if (f == null && renamedFrom.containsKey(t.name()) && to.table(renamedFrom.get(t.name())) == null) {
                f = old.remove(renamedFrom.get(t.name()));
            }
            if (f == null) {
                added.add(t);
            } else {
                kept.add(new Pair(f, t));
            }
        }
        removed.addAll(old.values());
    }

    /** The desired name of a live table, or {@code null} when it is removed. */
    QualifiedName renamed(QualifiedName live) {
        for (Pair p : kept) {
            if (p.from().name().equals(live)) {
                return p.to().name();
            }
        }
        return null;
    }

    /** Whether a hint renames the live table {@code live} or any of its columns. */
    boolean renamesTouch(QualifiedName live) {
        QualifiedName now = renamed(live);
        return now != null && (!now.equals(live) || !renames.columnsOf(live, now).isEmpty());
    }

    boolean isNew(QualifiedName desired) {
        return added.stream().anyMatch(t -> t.name().equals(desired));
    }

    boolean isRemoved(QualifiedName live) {
        return removed.stream().anyMatch(t -> t.name().equals(live));
    }

    /** Warns of each removed and added table with the same columns: a rename drop+add would lose the rows. */
    void warnSuspectedRenames(Collected out) {
        for (Table r : removed) {
            for (Table a : added) {
                if (r.name().schema().equals(a.name().schema()) && shape(r).equals(shape(a))) {
                    out.warn("table '" + r.name() + "' is removed and '" + a.name() + "' added with the same columns: "
                            + "if it is a rename, say so with --rename " + r.name() + "=" + a.name().name()
                            + " (otherwise its rows are dropped)");
                }
            }
        }
    }

    private static List<String> shape(Table t) {
        return t.columns().stream().map(c -> c.name() + " " + c.type()).toList();
    }
}
