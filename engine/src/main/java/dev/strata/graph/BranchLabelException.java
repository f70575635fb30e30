package dev.strata.graph;

/** A branch label that cannot be used: declared twice, equal to a revision id, or malformed. */
public final class BranchLabelException extends GraphException {
    private final String label;
    private final String revision;

    public BranchLabelException(String label, String revision, String problem) {
        super("branch label '" + label + "' on revision " + revision + " " + problem);
        this.label = label;
        this.revision = revision;
    }

    public String label() {
        return label;
    }

    public String revision() {
        return revision;
    }
}
