package dev.strata.ops;

/** Quoting of names for code outside this package that writes SQL text (the schema differ's raw steps). */
public final class SqlNames {

    private SqlNames() {}

    /** One identifier as SQL, in double quotes only when it must be: {@code events}, {@code "Events"}. */
    public static String identifier(String part) {
        return Sql.render(Sql.identifier(part));
    }

    /** A name as {@link Ops} takes it (dot-separated parts, each literal) as SQL: {@code metrics."Ping"}. */
    public static String name(String written) {
        return Sql.quoted(written);
    }

    /** A string literal, quotes doubled: {@code 'O''Brien'}. */
    public static String literal(String value) {
        return Sql.literal(value);
    }
}
