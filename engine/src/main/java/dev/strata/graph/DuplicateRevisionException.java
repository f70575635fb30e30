package dev.strata.graph;

import java.util.List;

/** Two scripts declare the same revision id. */
public final class DuplicateRevisionException extends GraphException {
    private final String revision;
    private final List<String> origins;

    public DuplicateRevisionException(String revision, List<String> origins) {
        super("revision " + revision + " is declared twice: " + String.join(" and ", origins));
        this.revision = revision;
        this.origins = List.copyOf(origins);
    }

    public String revision() {
        return revision;
    }

    public List<String> origins() {
        return origins;
    }
}
