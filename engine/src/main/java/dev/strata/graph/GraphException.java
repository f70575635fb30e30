package dev.strata.graph;

import dev.strata.error.StrataException;

/** A problem with the revision graph or with naming a revision in it; always bad input. */
public abstract class GraphException extends StrataException {

    protected GraphException(String message) {
        super(message);
    }

    @Override
    public Kind kind() {
        return Kind.BAD_INPUT;
    }
}
