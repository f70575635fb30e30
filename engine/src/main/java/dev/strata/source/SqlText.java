package dev.strata.source;

/** Small readings of SQL text shared by the rules and the runner: where comments end, where a statement starts. */
public final class SqlText {

    private SqlText() {}

    /** If a comment ({@code --} to end of line, or a nested block comment) starts at {@code i}, the index after it; else {@code i}. */
    public static int skipComment(String sql, int i) {
        int n = sql.length();
        if (sql.startsWith("--", i)) {
            while (i < n && sql.charAt(i) != '\n') {
                i++;
            }
            return i;
        }
        if (sql.startsWith("/*", i)) {
            int depth = 1;
            i += 2;
            while (i < n && depth > 0) {
                if (sql.startsWith("/*", i)) {
                    depth++;
                    i += 2;
                } else if (sql.startsWith("*/", i)) {
                    depth--;
                    i += 2;
                } else {
                    i++;
                }
            }
        }
        return i;
    }

    /** Offset of the first character that is neither white space nor inside a leading comment. */
    public static int firstToken(String sql) {
        int i = 0;
        int n = sql.length();
        while (i < n) {
            if (Character.isWhitespace(sql.charAt(i))) {
                i++;
                continue;
            }
            int after = skipComment(sql, i);
            if (after == i) {
                return i;
            }
            i = after;
        }
        return n;
    }
}
