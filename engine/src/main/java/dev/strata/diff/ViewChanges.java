package dev.strata.diff;

import dev.strata.schema.Catalog;
import dev.strata.schema.Dependency;
import dev.strata.schema.QualifiedName;
import dev.strata.schema.View;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Views and materialized views: a changed view, and every view that depends (through
 * {@link Catalog#dependencies()}) on a changed view or on a table whose columns change, is dropped
 * before the changes and created again after them, dependents dropped first and created last.
 */
final class ViewChanges {

    private ViewChanges() {}

    static void diff(Tables tables, Collected out) {
        Map<QualifiedName, View> old = new TreeMap<>();
        tables.from.views().forEach(v -> old.put(v.name(), v));
        Map<QualifiedName, View> now = new TreeMap<>();
        tables.to.views().forEach(v -> now.put(v.name(), v));
        Map<QualifiedName, Set<QualifiedName>> needsOld = needs(tables.from);
        Set<QualifiedName> rebuilt = tables.rebuiltViews;
        List<View> drops = new ArrayList<>(Topo.sort(old.values().stream()
                .filter(v -> !now.containsKey(v.name()) || rebuilt.contains(v.name())).toList(), View::name, needsOld));
        Collections.reverse(drops);
        for (View o : drops) {
            String what = rebuilt.contains(o.name()) ? "dropped view '" + o.name() + "' to recreate it" : "removed view '" + o.name() + "'";
            out.add(Phase.DROP_VIEWS, what, false, List.of(drop(o)), create(o, tables.from));
        }
        List<View> creates = Topo.sort(now.values().stream()
                .filter(v -> !old.containsKey(v.name()) || rebuilt.contains(v.name())).toList(), View::name, needs(tables.to));
        for (View n : creates) {
            String what = old.containsKey(n.name()) ? "recreated view '" + n.name() + "'" : "added view '" + n.name() + "'";
            out.add(Phase.VIEWS, what, false, create(n, tables.to), List.of(drop(n)));
        }
        for (View n : now.values()) {
            View o = old.get(n.name());
            if (o != null && !rebuilt.contains(n.name()) && !Objects.equals(o.comment(), n.comment())) {
                out.add(Phase.COMMENTS, "comment change on view '" + n.name() + "'", false,
                        List.of(Steps.sql(Sqls.comment(kind(n), n.name().sql(), n.comment()))),
                        List.of(Steps.sql(Sqls.comment(kind(o), n.name().sql(), o.comment()))));
            }
        }
    }

    /**
     * The views kept by name that must be dropped and created again: changed ones, and those over a
     * table whose columns change ({@link Tables#altered}), over a removed table or over such a view.
     */
    static Set<QualifiedName> rebuilt(Tables tables) {
        Map<QualifiedName, View> old = new TreeMap<>();
        tables.from.views().forEach(v -> old.put(v.name(), v));
        Map<QualifiedName, View> now = new TreeMap<>();
        tables.to.views().forEach(v -> now.put(v.name(), v));
        Map<QualifiedName, Set<QualifiedName>> needsOld = needs(tables.from);
        Set<QualifiedName> rebuilt = new TreeSet<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (View o : old.values()) {
                View n = now.get(o.name());
                if (n == null || rebuilt.contains(o.name())) {
                    continue;
                }
                boolean changed = !o.definition().equals(n.definition()) || o.materialized() != n.materialized();
                boolean under = needsOld.getOrDefault(o.name(), Set.of()).stream()
                        .anyMatch(d -> tables.altered.contains(d) || rebuilt.contains(d) || tables.isRemoved(d));
                if (changed || under) {
                    rebuilt.add(o.name());
                    grew = true;
                }
            }
        }
        return rebuilt;
    }

    /** Each relation to the relations it depends on. */
    static Map<QualifiedName, Set<QualifiedName>> needs(Catalog catalog) {
        Map<QualifiedName, Set<QualifiedName>> needs = new TreeMap<>();
        for (Dependency d : catalog.dependencies()) {
            needs.computeIfAbsent(d.from().name(), k -> new TreeSet<>()).add(d.to().name());
        }
        return needs;
    }

    private static String kind(View v) {
        return v.materialized() ? "MATERIALIZED VIEW" : "VIEW";
    }

    /** Creates {@code v}, with its comment and, for a materialized view, its indexes as {@code catalog} has them. */
    private static List<Step> create(View v, Catalog catalog) {
        String name = v.name().written();
        List<Step> steps = new ArrayList<>();
        steps.add(v.materialized()
                ? Steps.call("op.createMaterializedView(" + Steps.string(name) + ", " + Steps.string(v.definition()) + ");",
                        o -> o.createMaterializedView(name, v.definition()))
                : Steps.call("op.createView(" + Steps.string(name) + ", " + Steps.string(v.definition()) + ");",
                        o -> o.createView(name, v.definition())));
        if (v.comment() != null) {
            steps.add(Steps.sql(Sqls.comment(kind(v), v.name().sql(), v.comment())));
        }
        catalog.indexes().stream().filter(i -> i.table().equals(v.name())).forEach(i -> steps.addAll(IndexChanges.create(i)));
        return steps;
    }

    private static Step drop(View v) {
        String name = v.name().written();
        return v.materialized()
                ? Steps.call("op.dropMaterializedView(" + Steps.string(name) + ");", o -> o.dropMaterializedView(name))
                : Steps.call("op.dropView(" + Steps.string(name) + ");", o -> o.dropView(name));
    }
}
