package dev.strata.plan;

import java.util.List;

/**
 * What a stamp does to the head rows, decided before anything is written.
 *
 * @param before the heads it starts from
 * @param after  the heads it leaves
 * @param remove rows to delete
 * @param add    rows to insert
 */
public record StampPlan(List<String> before, List<String> after, List<String> remove, List<String> add) {

    public StampPlan {
        before = List.copyOf(before);
        after = List.copyOf(after);
        remove = List.copyOf(remove);
        add = List.copyOf(add);
    }

    /** The revisions a history row records the stamp under: what it added, else where it left the table. */
    public List<String> recorded() {
        return !add.isEmpty() ? add : after.isEmpty() ? List.of("base") : after;
    }
}
