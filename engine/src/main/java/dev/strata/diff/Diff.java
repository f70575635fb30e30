package dev.strata.diff;

import java.util.List;

/**
 * What {@link SchemaDiff#compare} found: the changes in an order that applies, and warnings a person
 * must read (suspected renames, NULLs to backfill, steps that cannot be undone).
 */
public record Diff(List<Change> changes, List<String> warnings) {

    public Diff {
        changes = List.copyOf(changes);
        warnings = List.copyOf(warnings);
    }

    /** Whether the two catalogs are the same. */
    public boolean isEmpty() {
        return changes.isEmpty();
    }
}
