package dev.strata.expr;

import dev.strata.error.StrataException;

/** A revision expression that cannot be parsed or is not allowed where it was given. */
public final class ExpressionException extends StrataException {
    private final String input;

    public ExpressionException(String input, String problem) {
        super("'" + input + "' " + problem);
        this.input = input;
    }

    public String input() {
        return input;
    }

    @Override
    public Kind kind() {
        return Kind.BAD_INPUT;
    }
}
