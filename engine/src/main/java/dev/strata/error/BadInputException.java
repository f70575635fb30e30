package dev.strata.error;

/** Bad input that needs no data beyond its message: a malformed option value, a refused request. */
public class BadInputException extends StrataException {

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public Kind kind() {
        return Kind.BAD_INPUT;
    }
}
