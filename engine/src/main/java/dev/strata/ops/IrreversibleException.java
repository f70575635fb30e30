package dev.strata.ops;

/** A downgrade was asked of ops one of which has no inverse. */
public final class IrreversibleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Op op;
    private final int line;

    public IrreversibleException(Op op, int line, String reason) {
        super(op.describe() + (line > 0 ? " (line " + line + ")" : "") + " cannot be undone: " + reason);
        this.op = op;
        this.line = line;
    }

    public Op op() {
        return op;
    }

    public int line() {
        return line;
    }
}
