package dev.strata.graph;

/** A revision request the graph cannot satisfy: walked past the end, an ambiguous walk, a bad range. */
public final class RevisionException extends GraphException {

    public RevisionException(String message) {
        super(message);
    }
}
