package dev.strata.store;

import java.util.Locale;
import java.util.regex.Pattern;

/** Quoting of identifiers and string literals for the SQL Strata writes itself. */
public final class Sql {

    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_]*");

    private Sql() {}

    /** The identifier as written, quoted only when PostgreSQL would otherwise fold or reject it. */
    public static String identifier(String name) {
        if (PLAIN.matcher(name).matches() && !name.toLowerCase(Locale.ROOT).equals("user")) {
            return name;
        }
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** A standard-conforming string literal. */
    public static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
