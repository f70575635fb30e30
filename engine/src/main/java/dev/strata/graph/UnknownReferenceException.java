package dev.strata.graph;

/** A revision names a down revision or dependency that no script declares. */
public final class UnknownReferenceException extends GraphException {
    private final String revision;
    private final String origin;
    private final String field;
    private final String missing;

    public UnknownReferenceException(String revision, String origin, String field, String missing) {
        super(origin + ": revision " + revision + " has " + field + " '" + missing + "', which no script declares");
        this.revision = revision;
        this.origin = origin;
        this.field = field;
        this.missing = missing;
    }

    public String revision() {
        return revision;
    }

    public String origin() {
        return origin;
    }

    /** {@code down_revision} or {@code depends_on}. */
    public String field() {
        return field;
    }

    public String missing() {
        return missing;
    }
}
