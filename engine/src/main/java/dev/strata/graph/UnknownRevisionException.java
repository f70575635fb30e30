package dev.strata.graph;

import java.util.List;

/** A name that matches no revision id, prefix or branch label. */
public final class UnknownRevisionException extends GraphException {
    private final String input;
    private final List<String> candidates;

    public UnknownRevisionException(String input, List<String> candidates, String hint) {
        super("no revision or branch label '" + input + "'"
                + (candidates.isEmpty() ? "" : "; known heads: " + String.join(", ", candidates))
                + (hint == null || hint.isEmpty() ? "" : "; " + hint));
        this.input = input;
        this.candidates = List.copyOf(candidates);
    }

    public String input() {
        return input;
    }

    /** Known heads (or labels) the user may have meant. */
    public List<String> candidates() {
        return candidates;
    }
}
