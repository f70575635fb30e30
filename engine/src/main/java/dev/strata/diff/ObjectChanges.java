package dev.strata.diff;

import dev.strata.schema.EnumType;
import dev.strata.schema.Function;
import dev.strata.schema.Sequence;
import dev.strata.schema.Trigger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Sequences, enum types, functions and triggers. */
final class ObjectChanges {

    private ObjectChanges() {}

    static void diff(Tables tables, Collected out) {
        sequences(tables, out);
        enums(tables, out);
        functions(tables, out);
        triggers(tables, out);
    }

    private static void sequences(Tables tables, Collected out) {
        Map<String, Sequence> old = new TreeMap<>();
        tables.from.sequences().forEach(s -> old.put(s.name().toString(), s));
        for (Sequence n : tables.to.sequences()) {
            Sequence o = old.remove(n.name().toString());
            if (o == null) {
                out.add(Phase.SEQUENCES, "added sequence '" + n.name() + "'", false, List.of(Steps.sql(Sqls.createSequence(n))),
                        List.of(Steps.sql("DROP SEQUENCE " + n.name().sql())));
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
            // A sequence owned by a dropped table goes with it; IF EXISTS says so.
            out.add(withTable ? Phase.DROP_TABLES : Phase.DROP_SEQUENCES, "removed sequence '" + o.name() + "'", false,
                    List.of(Steps.sql("DROP SEQUENCE " + (withTable ? "IF EXISTS " : "") + o.name().sql())),
                    List.of(Steps.sql(Sqls.createSequence(o))));
        }
    }

    private static void enums(Tables tables, Collected out) {
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

    /** Added labels go in at their place with ADD VALUE; a removed or moved label needs the type rebuilt. */
    private static void labels(Tables tables, EnumType o, EnumType n, Collected out) {
        String name = n.name().written();
        List<String> kept = n.labels().stream().filter(o.labels()::contains).toList();
        boolean onlyAdded = kept.equals(o.labels());
        if (!onlyAdded) {
            out.warn("enum type '" + n.name() + "' loses or reorders labels " + o.labels() + " -> " + n.labels()
                    + ": PostgreSQL cannot remove a label; rebuild the type by hand (rename it, create the new one, "
                    + "ALTER each column TYPE new USING col::text::new, drop the old one)");
            out.add(Phase.TYPES, "labels change on enum type '" + n.name() + "'", true,
                    List.of(Steps.note("TODO: rebuild enum type '" + n.name() + "' with labels " + n.labels()
                            + ": rename it, create the new type, ALTER each column TYPE new USING col::text::new, drop the old type")),
                    List.of(Steps.note("irreversible: enum type '" + n.name() + "' was not rebuilt by this migration")));
            return;
        }
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
        out.add(Phase.TYPES, "added labels on enum type '" + n.name() + "'", false, up,
                List.of(Steps.note("irreversible: PostgreSQL cannot remove a label from enum type '" + n.name() + "'")));
    }

    private static void functions(Tables tables, Collected out) {
        Map<String, Function> old = new TreeMap<>();
        tables.from.functions().forEach(f -> old.put(f.signature(), f));
        for (Function n : tables.to.functions()) {
            Function o = old.remove(n.signature());
            if (o == null) {
                out.add(Phase.FUNCTIONS, "added function '" + n.signature() + "'", false, List.of(Steps.sql(n.definition())), List.of(drop(n)));
            } else if (!o.definition().equals(n.definition())) {
                boolean recreate = !Objects.equals(o.result(), n.result());
                out.add(Phase.FUNCTIONS, "definition change on function '" + n.signature() + "'", false,
                        recreate ? List.of(drop(o), Steps.sql(n.definition())) : List.of(Steps.sql(n.definition())),
                        recreate ? List.of(drop(n), Steps.sql(o.definition())) : List.of(Steps.sql(o.definition())));
            }
            if (o != null && !Objects.equals(o.comment(), n.comment()) || o == null && n.comment() != null) {
                String kind = n.procedure() ? "PROCEDURE" : "FUNCTION";
                out.add(Phase.COMMENTS, "comment change on function '" + n.signature() + "'", false,
                        List.of(Steps.sql(Sqls.comment(kind, n.signature(), n.comment()))),
                        List.of(Steps.sql(Sqls.comment(kind, n.signature(), o == null ? null : o.comment()))));
            }
        }
        for (Function o : old.values()) {
            out.add(Phase.DROP_FUNCTIONS, "removed function '" + o.signature() + "'", false, List.of(drop(o)), List.of(Steps.sql(o.definition())));
        }
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
