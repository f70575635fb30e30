package dev.strata.diff;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** A stable topological sort: each item after what it needs; ties (and any cycle) keep the given order. */
final class Topo {

    private Topo() {}

    /**
     * Sorts {@code items} (already in name order) so that every item comes after the items it needs.
     *
     * @param needs an item's key to the keys it needs; keys outside {@code items} are ignored
     */
    static <T, K> List<T> sort(List<T> items, Function<T, K> key, Map<K, Set<K>> needs) {
        List<T> out = new ArrayList<>();
        Set<K> done = new LinkedHashSet<>();
        Set<K> present = new LinkedHashSet<>();
        items.forEach(i -> present.add(key.apply(i)));
        List<T> left = new ArrayList<>(items);
        while (!left.isEmpty()) {
            T next = null;
            for (T item : left) {
                boolean ready = needs.getOrDefault(key.apply(item), Set.of()).stream()
                        .allMatch(n -> n.equals(key.apply(item)) || !present.contains(n) || done.contains(n));
                if (ready) {
                    next = item;
                    break;
                }
            }
            if (next == null) {
                next = left.get(0); // a cycle: break it at the first name
            }
            left.remove(next);
            done.add(key.apply(next));
            out.add(next);
        }
        return out;
    }
}
