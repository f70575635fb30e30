package dev.strata.testkit;

/**
 * Why a test class got no database: no URL and no usable Docker engine, a container that did not
 * start, a config or a migration that failed. The message says what to do; tests using the class fail.
 */
public final class StrataTestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StrataTestException(String message) {
        super(message);
    }

    public StrataTestException(String message, Throwable cause) {
        super(message, cause);
    }
}
