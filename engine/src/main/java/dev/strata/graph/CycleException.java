package dev.strata.graph;

import java.util.List;

/** The revisions form a cycle, through down revisions and possibly depends_on. */
public final class CycleException extends GraphException {
    private final List<String> cycle;
    private final boolean throughDependencies;

    public CycleException(List<String> cycle, boolean throughDependencies) {
        super("revisions form a cycle" + (throughDependencies ? " through depends_on" : "") + ": "
                + String.join(" -> ", cycle));
        this.cycle = List.copyOf(cycle);
        this.throughDependencies = throughDependencies;
    }

    /** The ids on the cycle, each followed by one of its down revisions or dependencies; first = last. */
    public List<String> cycle() {
        return cycle;
    }

    public boolean throughDependencies() {
        return throughDependencies;
    }
}
