package dev.strata.graph;

import java.util.List;

/** A prefix that matches several revision ids. */
public final class AmbiguousRevisionException extends GraphException {
    private final String input;
    private final List<String> candidates;

    public AmbiguousRevisionException(String input, List<String> candidates) {
        super("revision prefix '" + input + "' is ambiguous; it matches " + String.join(", ", candidates));
        this.input = input;
        this.candidates = List.copyOf(candidates);
    }

    public String input() {
        return input;
    }

    public List<String> candidates() {
        return candidates;
    }
}
