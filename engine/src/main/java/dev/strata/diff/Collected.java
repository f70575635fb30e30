package dev.strata.diff;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The changes found so far, by {@link Phase}, and the warnings. */
final class Collected {

    private final Map<Phase, List<Change>> changes = new EnumMap<>(Phase.class);
    private final List<String> warnings = new ArrayList<>();

    void add(Phase phase, String detected, boolean destructive, List<Step> upgrade, List<Step> downgrade) {
        changes.computeIfAbsent(phase, p -> new ArrayList<>()).add(new Change(detected, destructive, upgrade, downgrade));
    }

    void warn(String warning) {
        if (!warnings.contains(warning)) {
            warnings.add(warning);
        }
    }

    Diff diff() {
        List<Change> all = new ArrayList<>();
        for (Phase phase : Phase.values()) {
            all.addAll(changes.getOrDefault(phase, List.of()));
        }
        return new Diff(all, warnings);
    }
}
