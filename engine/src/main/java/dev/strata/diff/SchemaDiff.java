package dev.strata.diff;

import dev.strata.schema.Catalog;

/**
 * Autogenerate's differ: compares the live database's {@link Catalog} with the desired one and returns
 * the changes, each rendered through the {@link dev.strata.ops.Ops} model, in an order that applies.
 * Pure and deterministic: the same catalogs always give the same diff.
 */
public final class SchemaDiff {

    private SchemaDiff() {}

    /** The changes that turn {@code from} (the live database) into {@code to} (the desired schema), in an order that applies. */
    public static Diff compare(Catalog from, Catalog to, Renames renames) {
        Collected out = new Collected();
        Tables tables = new Tables(from, to, renames);
        NamespaceChanges.diff(from, to, out);
        TableChanges.diff(tables, out);
        EnumChanges.diff(tables, out);
        ObjectChanges.diff(tables, out);
        tables.rebuiltViews.addAll(ViewChanges.rebuilt(tables));
        IndexChanges.diff(tables, out);
        ViewChanges.diff(tables, out);
        TimescaleChanges.diff(tables, out);
        return out.diff();
    }
}
