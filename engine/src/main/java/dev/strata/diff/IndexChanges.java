package dev.strata.diff;

import dev.strata.schema.Index;
import dev.strata.schema.QualifiedName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Indexes (not a constraint's own): a changed definition is a drop and a create. */
final class IndexChanges {

    private IndexChanges() {}

    static void diff(Tables tables, Collected out) {
        Map<String, Index> old = new TreeMap<>();
        for (Index i : tables.from.indexes()) {
            if (!tables.isRemoved(i.table()) && !madeWithView(i, tables)) {
                old.put(key(i, tables), i);
            }
        }
        Map<String, Index> now = new TreeMap<>();
        tables.to.indexes().stream().filter(i -> !madeWithView(i, tables)).forEach(i -> now.put(key(i, null), i));
        for (Map.Entry<String, Index> e : old.entrySet()) {
            Index o = e.getValue();
            Index n = now.get(e.getKey());
            if (n == null) {
                out.add(Phase.DROP_INDEXES, "removed index '" + o.name() + "' on '" + o.table() + "'", false,
                        List.of(drop(o)), create(o));
            } else if (!o.name().equals(n.name()) && tables.renamesTouch(o.table())) {
                // Both names are PostgreSQL's own, made from the names before and after a rename: follow it.
                // (Without a rename, t_a_idx and t_a_idx1 are the same index.)
                out.add(Phase.INDEXES, "renamed index '" + o.name() + "' to '" + n.name().name() + "'", false,
                        List.of(Steps.sql("ALTER INDEX " + o.name().sql() + " RENAME TO " + Sqls.id(n.name().name()))),
                        List.of(Steps.sql("ALTER INDEX " + n.name().sql() + " RENAME TO " + Sqls.id(o.name().name()))));
            }
            if (n != null && !Objects.equals(o.comment(), n.comment())) {
                out.add(Phase.COMMENTS, "comment change on index '" + n.name() + "'", false,
                        List.of(Steps.sql(Sqls.comment("INDEX", n.name().sql(), n.comment()))),
                        List.of(Steps.sql(Sqls.comment("INDEX", n.name().sql(), o.comment()))));
            }
        }
        for (Map.Entry<String, Index> e : now.entrySet()) {
            if (!old.containsKey(e.getKey())) {
                Index n = e.getValue();
                out.add(Phase.INDEXES, "added index '" + n.name() + "' on '" + n.table() + "'", false, create(n), List.of(drop(n)));
            }
        }
    }

    /**
     * Whether {@code i} is on a materialized view that {@link ViewChanges} drops or creates (removed, added
     * or rebuilt): such a view's indexes go and come with it.
     */
    private static boolean madeWithView(Index i, Tables tables) {
        boolean inFrom = tables.from.views().stream().anyMatch(v -> v.name().equals(i.table()));
        boolean inTo = tables.to.views().stream().anyMatch(v -> v.name().equals(i.table()));
        return (inFrom || inTo) && (!inFrom || !inTo || tables.rebuiltViews.contains(i.table()));
    }

    /** An index's identity: its name and definition, or only its definition when PostgreSQL chose the name. */
    private static String key(Index i, Tables renamedBy) {
        String definition = i.definition();
        if (renamedBy != null) {
            QualifiedName now = renamedBy.renamed(i.table());
            if (now != null && !now.equals(i.table())) {
                definition = definition.replace(" ON " + i.table().sql() + " ", " ON " + now.sql() + " ");
            }
            // PostgreSQL follows a column rename in the index: the part after the table name names columns.
            Map<String, String> columns = renamedBy.renames.columnsOf(i.table(), now == null ? i.table() : now);
            int using = definition.indexOf(" USING ");
            if (using > 0) {
                definition = definition.substring(0, using) + Renames.followColumns(definition.substring(using), columns);
            }
        }
        return i.defaultName() ? "default " + definition : "named " + i.name().schema() + "." + i.name().name() + " " + definition;
    }

    static List<Step> create(Index i) {
        List<Step> steps = new ArrayList<>(List.of(Steps.sql(i.createStatement())));
        if (i.comment() != null) {
            steps.add(Steps.sql(Sqls.comment("INDEX", i.name().sql(), i.comment())));
        }
        return steps;
    }

    static Step drop(Index i) {
        return Steps.sql("DROP INDEX " + i.name().sql());
    }
}
