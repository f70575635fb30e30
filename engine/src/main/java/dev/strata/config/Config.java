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
 */
public record Config(Path file, List<Path> locations, Map<String, TargetConfig> targets) {

    public Config {
        locations = List.copyOf(locations);
        targets = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(targets));
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
