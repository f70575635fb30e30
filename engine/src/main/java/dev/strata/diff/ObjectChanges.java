package dev.strata.diff;

import dev.strata.schema.Function;
import dev.strata.schema.Sequence;
import dev.strata.schema.Trigger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Sequences, functions and triggers. */
final class ObjectChanges {

    private ObjectChanges() {}

    static void diff(Tables tables, Collected out) {
        sequences(tables, out);
        functions(tables, out);
        triggers(tables, out);
    }

    private static void sequences(Tables tables, Collected out) {
        Map<String, Sequence> old = new TreeMap<>();
        tables.from.sequences().forEach(s -> old.put(s.name().toString(), s));
        for (Sequence n : tables.to.sequences()) {
            Sequence o = old.remove(n.name().toString());
            if (o == null) {
                // An owned sequence goes with its column, which the downgrade drops first: IF EXISTS says so.
                out.add(Phase.SEQUENCES, "added sequence '" + n.name() + "'", false, List.of(Steps.sql(Sqls.createSequence(n))),
                        List.of(Steps.sql("DROP SEQUENCE " + (n.ownedTable() != null ? "IF EXISTS " : "") + n.name().sql())));
                if (n.ownedTable() != null) {
                    out.add(Phase.SEQUENCE_OWNERS, "owner change on sequence '" + n.name() + "'", false,
                            List.of(Steps.sql(Sqls.sequenceOwner(n))), List.of());
                }
                continue;
            }
            if (o.start() != n.start() || o.increment() != n.increment() || o.min() != n.min() || o.max() != n.max()
                    || o.cache() != n.cache() || o.cycle() != n.cycle() || !o.type().equals(n.type())) {
                out.add(Phase.SEQUENCES, "settings change on sequence '" + n.name() + "'", false,
                        List.of(Steps.sql(Sqls.alterSequence(n))), List.of(Steps.sql(Sqls.alterSequence(o))));
            }
            if (!Objects.equals(o.ownedTable(), n.ownedTable()) || !Objects.equals(o.ownedColumn(), n.ownedColumn())) {
                out.add(Phase.SEQUENCE_OWNERS, "owner change on sequence '" + n.name() + "'", false,
                        List.of(Steps.sql(Sqls.sequenceOwner(n))), List.of(Steps.sql(Sqls.sequenceOwner(o))));
            }
            if (!Objects.equals(o.comment(), n.comment())) {
                out.add(Phase.COMMENTS, "comment change on sequence '" + n.name() + "'", false,
                        List.of(Steps.sql(Sqls.comment("SEQUENCE", n.name().sql(), n.comment()))),
                        List.of(Steps.sql(Sqls.comment("SEQUENCE", n.name().sql(), o.comment()))));
            }
        }
        for (Sequence o : old.values()) {
            boolean withTable = o.ownedTable() != null && tables.isRemoved(o.ownedTable());
            // A sequence owned by a dropped table or column goes with it; IF EXISTS says so.
            out.add(withTable ? Phase.DROP_TABLES : Phase.DROP_SEQUENCES, "removed sequence '" + o.name() + "'", false,
                    List.of(Steps.sql("DROP SEQUENCE " + (o.ownedTable() != null ? "IF EXISTS " : "") + o.name().sql())),
                    List.of(Steps.sql(Sqls.createSequence(o))));
        }
    }

    private static void functions(Tables tables, Collected out) {
        Map<String, Function> old = new TreeMap<>();
        tables.from.functions().forEach(f -> old.put(f.signature(), f));
        for (Function n : tables.to.functions()) {
            Function o = old.remove(n.signature());
            if (o == null) {
                out.add(Phase.FUNCTIONS, "added function '" + n.signature() + "'", false, create(n), List.of(drop(n)));
            } else if (!o.definition().equals(n.definition())) {
                boolean recreate = !Objects.equals(o.result(), n.result());
                out.add(Phase.FUNCTIONS, "definition change on function '" + n.signature() + "'", false,
                        recreate ? concat(drop(o), create(n)) : create(n), recreate ? concat(drop(n), create(o)) : create(o));
            }
            if (o != null && !Objects.equals(o.comment(), n.comment()) || o == null && n.comment() != null) {
                String kind = n.procedure() ? "PROCEDURE" : "FUNCTION";
                out.add(Phase.COMMENTS, "comment change on function '" + n.signature() + "'", false,
                        List.of(Steps.sql(Sqls.comment(kind, n.signature(), n.comment()))),
                        List.of(Steps.sql(Sqls.comment(kind, n.signature(), o == null ? null : o.comment()))));
            }
        }
        for (Function o : old.values()) {
            out.add(Phase.DROP_FUNCTIONS, "removed function '" + o.signature() + "'", false, List.of(drop(o)), create(o));
        }
    }

    /**
     * The statement that creates {@code f}. A SQL function's body is checked when it is created, against
     * tables that may come later in the script (pg_depend does not say what an old-style body reads), so
     * its creation runs with the check off, as pg_dump does, and the setting is put back after it.
     */
    private static List<Step> create(Function f) {
        if (!f.definition().contains("\n LANGUAGE sql\n") || f.definition().contains("\nBEGIN ATOMIC")) {
            return List.of(Steps.sql(f.definition()));
        }
        return List.of(Steps.sql("SET check_function_bodies = off"), Steps.sql(f.definition()), Steps.sql("RESET check_function_bodies"));
    }

    private static List<Step> concat(Step first, List<Step> rest) {
        List<Step> steps = new ArrayList<>(List.of(first));
        steps.addAll(rest);
        return steps;
    }

    private static Step drop(Function f) {
        return Steps.sql((f.procedure() ? "DROP PROCEDURE " : "DROP FUNCTION ") + f.signature());
    }

    private static void triggers(Tables tables, Collected out) {
        Map<String, Trigger> old = new TreeMap<>();
        for (Trigger t : tables.from.triggers()) {
            if (!tables.isRemoved(t.table())) {
                dev.strata.schema.QualifiedName now = tables.renamed(t.table());
                old.put((now == null ? t.table() : now) + " " + t.name(), t);
            }
        }
        for (Trigger n : tables.to.triggers()) {
            Trigger o = old.remove(n.table() + " " + n.name());
            if (o == null || !o.definition().equals(n.definition().replace(n.table().sql(), o.table().sql()))) {
                if (o != null) {
                    out.add(Phase.DROP_TRIGGERS, "removed trigger '" + o.name() + "' on '" + o.table() + "'", false,
                            List.of(drop(o)), List.of(Steps.sql(o.definition())));
                }
                out.add(Phase.TRIGGERS, "added trigger '" + n.name() + "' on '" + n.table() + "'", false,
                        List.of(Steps.sql(n.definition())), List.of(drop(n)));
            }
        }
        for (Trigger o : old.values()) {
            out.add(Phase.DROP_TRIGGERS, "removed trigger '" + o.name() + "' on '" + o.table() + "'", false,
                    List.of(drop(o)), List.of(Steps.sql(o.definition())));
        }
    }

    private static Step drop(Trigger t) {
        return Steps.sql("DROP TRIGGER " + Sqls.id(t.name()) + " ON " + t.table().sql());
    }
}
