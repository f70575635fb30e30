package dev.strata.api;

import dev.strata.config.Config;
import dev.strata.graph.Revision;
import dev.strata.graph.RevisionGraph;
import dev.strata.plan.Planner;
import dev.strata.config.ToolVersion;
import dev.strata.source.JavaMigrationCompiler;
import dev.strata.source.ScriptLoader;
import dev.strata.source.Script;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A configured project: its config, every script's header, and the revision graph they form. Bodies
 * are read only when a step runs or is printed.
 */
public final class Project {

    private final Config config;
    private final List<Script> scripts;
    private final Map<String, Script> byRevision;
    private final RevisionGraph graph;
    private final Planner planner;

    private Project(Config config, List<Script> scripts) {
        this.config = config;
        this.scripts = List.copyOf(scripts);
        List<Revision> revisions = new ArrayList<>(scripts.size());
        this.byRevision = new HashMap<>(scripts.size() * 2);
        for (Script s : scripts) {
            revisions.add(s.revision());
            byRevision.putIfAbsent(s.revision().id(), s);
        }
        this.graph = RevisionGraph.of(revisions);
        this.planner = new Planner(graph);
    }

    /** Reads every script header of the config's locations and builds the graph. */
    public static Project open(Config config) {
        return open(config, JavaMigrationCompiler.defaultCacheRoot());
    }

    /** As {@link #open(Config)}, compiling Java migrations into {@code javaCache}. */
    public static Project open(Config config, java.nio.file.Path javaCache) {
        return new Project(config, ScriptLoader.load(config.locations(), new JavaMigrationCompiler(javaCache, ToolVersion.get())));
    }

    public Config config() {
        return config;
    }

    public RevisionGraph graph() {
        return graph;
    }

    public Planner planner() {
        return planner;
    }

    public List<Script> scripts() {
        return scripts;
    }

    /** The script declaring a revision. */
    public Script script(String revision) {
        Script s = byRevision.get(revision);
        if (s == null) {
            graph.get(revision); // throws the graph's own "unknown revision" error
        }
        return s;
    }

}
