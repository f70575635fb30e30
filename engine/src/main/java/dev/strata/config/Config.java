package dev.strata.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A loaded, validated {@code migrate.toml}.
 *
 * @param file      the config file
 * @param locations script folders, resolved against the config file's folder, in configured order
 * @param targets   targets in the order the file declares them
 * @param sets      of the targets that stand for many databases, what their members are (see {@link TargetSet})
 */
public record Config(Path file, List<Path> locations, Map<String, TargetConfig> targets, Map<String, TargetSet> sets) {

    public Config {
        locations = List.copyOf(locations);
        targets = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(targets));
        sets = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sets));
    }

    /** A config without target sets. */
    public Config(Path file, List<Path> locations, Map<String, TargetConfig> targets) {
        this(file, locations, targets, Map.of());
    }

    /** The set a target stands for, or null when it is one database. */
    public TargetSet set(String target) {
        return sets.get(target);
    }

    /** The target of this name. */
    public TargetConfig target(String name) {
        TargetConfig t = targets.get(name);
        if (t == null) {
            throw new ConfigException(file.toString(), null, "no target named '" + name + "'"
                    + (targets.isEmpty() ? "; the file defines no [targets]" : "; targets: " + String.join(", ", targets.keySet())));
        }
        return t;
    }

    /** The passwords of every target, for scrubbing messages. */
    public Secrets secrets() {
        Secrets all = Secrets.NONE;
        for (TargetConfig t : targets.values()) {
            all = all.and(t.secrets());
        }
        for (TargetSet s : sets.values()) {
            all = all.and(s.secrets());
        }
        return all;
    }

    /** Targets whose branch is this label. */
    public List<TargetConfig> targetsOwning(String label) {
        List<TargetConfig> out = new ArrayList<>();
        for (TargetConfig t : targets.values()) {
            if (label.equals(t.branch())) {
                out.add(t);
            }
        }
        return out;
    }
}
