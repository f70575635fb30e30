package dev.strata.cli;

import java.util.Map;

/**
 * What the process writes to: colour and progress lines only on an interactive terminal, never when
 * output is piped or redirected, and never with {@code NO_COLOR} set (https://no-color.org) or
 * {@code TERM=dumb}. {@code STRATA_TERMINAL=1} claims a terminal where Java cannot see one.
 */
record Terminal(boolean interactive, boolean colour) {

    static final Terminal NONE = new Terminal(false, false);

    private static final String RED = "\u001b[31m";
    private static final String GREEN = "\u001b[32m";
    private static final String YELLOW = "\u001b[33m";
    private static final String BOLD = "\u001b[1m";
    private static final String RESET = "\u001b[0m";

    /**
     * Java 17 has no isatty for stderr: {@code System.console()} is non-null when stdin and stdout are a
     * terminal, which is when a person is watching stderr too.
     */
    static Terminal detect(Map<String, String> env) {
        boolean interactive = System.console() != null || "1".equals(env.get("STRATA_TERMINAL"));
        String noColor = env.get("NO_COLOR");
        boolean colour = interactive && (noColor == null || noColor.isEmpty()) && !"dumb".equals(env.get("TERM"));
        return new Terminal(interactive, colour);
    }

    String red(String text) {
        return paint(BOLD + RED, text);
    }

    String green(String text) {
        return paint(GREEN, text);
    }

    String yellow(String text) {
        return paint(YELLOW, text);
    }

    private String paint(String code, String text) {
        return colour ? code + text + RESET : text;
    }
}
