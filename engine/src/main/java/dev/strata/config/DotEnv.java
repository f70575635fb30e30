package dev.strata.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The text of a {@code .env} file read by the usual dotenv rules (those of docker compose and
 * python-dotenv): {@code KEY=VALUE} lines, blank lines and {@code #} lines skipped, an {@code export}
 * prefix allowed; an unquoted value ends at a {@code #} that follows a space (an inline comment) and is
 * trimmed; a single-quoted value is taken literally; a double-quoted one knows {@code \n \t \r \" \\ \$}
 * and may span lines. No {@code ${VAR}} expansion inside {@code .env}: the config file interpolates.
 *
 * <p>Written here rather than taken from a library: the Java dotenv libraries read into the process
 * environment or a global, and report a bad line without its number.
 */
final class DotEnv {

    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** A line of the file that is not {@code KEY=VALUE}; {@code line} counts from 1. */
    static final class BadLine extends RuntimeException {
        final int line;

        BadLine(int line, String message) {
            super(message);
            this.line = line;
        }
    }

    private DotEnv() {}

    static Map<String, String> parse(List<String> lines) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ") || line.startsWith("export\t")) {
                line = line.substring("export".length()).strip();
            }
            int eq = line.indexOf('=');
            String key = eq <= 0 ? "" : line.substring(0, eq).strip();
            if (!KEY.matcher(key).matches()) {
                throw new BadLine(n + 1, "expected KEY=VALUE");
            }
            String rest = line.substring(eq + 1).stripLeading();
            if (rest.startsWith("'")) {
                int end = rest.indexOf('\'', 1);
                if (end < 0) {
                    throw new BadLine(n + 1, "the value's single quote is not closed");
                }
                afterQuote(rest.substring(end + 1), n + 1);
                out.put(key, rest.substring(1, end));
            } else if (rest.startsWith("\"")) {
                int start = n;
                StringBuilder value = new StringBuilder();
                String text = rest.substring(1);
                while (true) {
                    int end = doubleQuoted(text, value);
                    if (end >= 0) {
                        afterQuote(text.substring(end + 1), n + 1);
                        break;
                    }
                    if (++n >= lines.size()) {
                        throw new BadLine(start + 1, "the value's double quote is not closed");
                    }
                    value.append('\n');
                    text = lines.get(n);
                }
                out.put(key, value.toString());
            } else {
                out.put(key, unquoted(rest));
            }
        }
        return out;
    }

    /** Appends the text up to the closing quote, escapes read; the quote's index, or -1 if the line has none. */
    private static int doubleQuoted(String text, StringBuilder value) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                return i;
            }
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                switch (next) {
                    case 'n' -> value.append('\n');
                    case 't' -> value.append('\t');
                    case 'r' -> value.append('\r');
                    case '"', '\\', '$' -> value.append(next);
                    default -> value.append('\\').append(next);
                }
            } else {
                value.append(c);
            }
        }
        return -1;
    }

    private static void afterQuote(String rest, int line) {
        String r = rest.strip();
        if (!r.isEmpty() && !r.startsWith("#")) {
            throw new BadLine(line, "unexpected text after the quoted value: " + r);
        }
    }

    private static String unquoted(String rest) {
        for (int i = 0; i < rest.length(); i++) {
            if (rest.charAt(i) == '#' && (i == 0 || Character.isWhitespace(rest.charAt(i - 1)))) {
                return rest.substring(0, i).strip();
            }
        }
        return rest.strip();
    }
}
