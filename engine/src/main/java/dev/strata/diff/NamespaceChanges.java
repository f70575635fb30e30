package dev.strata.diff;

import dev.strata.schema.Catalog;
import dev.strata.schema.Extension;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Schemas and extensions: created first, dropped last. */
final class NamespaceChanges {

    private NamespaceChanges() {}

    static void diff(Catalog from, Catalog to, Collected out) {
        for (String s : to.schemas()) {
            if (!from.schemas().contains(s)) {
                out.add(Phase.SCHEMAS, "added schema '" + s + "'", false, List.of(createSchema(s)), List.of(dropSchema(s)));
            }
        }
        for (String s : from.schemas()) {
            if (!to.schemas().contains(s)) {
                out.add(Phase.DROP_SCHEMAS, "removed schema '" + s + "'", false, List.of(dropSchema(s)), List.of(createSchema(s)));
            }
        }
        Map<String, Extension> old = new TreeMap<>();
        from.extensions().forEach(e -> old.put(e.name(), e));
        Map<String, Extension> now = new TreeMap<>();
        to.extensions().forEach(e -> now.put(e.name(), e));
        for (Extension e : now.values()) {
            Extension o = old.get(e.name());
            if (o == null) {
                out.add(Phase.EXTENSIONS, "added extension '" + e.name() + "'", false, List.of(createExtension(e)), List.of(dropExtension(e)));
            } else if (!Objects.equals(o.version(), e.version())) {
                out.add(Phase.EXTENSIONS, "version change on extension '" + e.name() + "' from " + o.version() + " to " + e.version(), false,
                        List.of(Steps.sql("ALTER EXTENSION " + Sqls.id(e.name()) + " UPDATE TO " + dev.strata.ops.SqlNames.literal(e.version()))),
                        List.of(Steps.note("irreversible: extension '" + e.name() + "' is not downgraded to " + o.version()
                                + " (most extensions ship no downgrade path)")));
            }
        }
        for (Extension e : old.values()) {
            if (!now.containsKey(e.name())) {
                out.add(Phase.DROP_EXTENSIONS, "removed extension '" + e.name() + "'", true, List.of(dropExtension(e)), List.of(createExtension(e)));
            }
        }
    }

    private static Step createSchema(String s) {
        return Steps.call("op.createSchema(" + Steps.string(s) + ");", o -> o.createSchema(s));
    }

    private static Step dropSchema(String s) {
        return Steps.call("op.dropSchema(" + Steps.string(s) + ");", o -> o.dropSchema(s));
    }

    private static Step createExtension(Extension e) {
        String java = "op.createExtension(" + Steps.string(e.name()) + ", x -> x.ifNotExists()"
                + (e.schema() == null ? "" : ".schema(" + Steps.string(e.schema()) + ")")
                + (e.version() == null ? "" : ".version(" + Steps.string(e.version()) + ")") + ");";
        return Steps.call(java, o -> o.createExtension(e.name(), x -> {
            x.ifNotExists();
            if (e.schema() != null) {
                x.schema(e.schema());
            }
            if (e.version() != null) {
                x.version(e.version());
            }
        }));
    }

    private static Step dropExtension(Extension e) {
        return Steps.call("op.dropExtension(" + Steps.string(e.name()) + ");", o -> o.dropExtension(e.name()));
    }
}
