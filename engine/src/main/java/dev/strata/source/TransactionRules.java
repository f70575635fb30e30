package dev.strata.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Statements that cannot run inside a transaction block. PostgreSQL refuses some outright
 * ({@code CREATE INDEX CONCURRENTLY}, {@code VACUUM}, {@code CREATE DATABASE}, ...); TimescaleDB refuses
 * others ({@code CALL refresh_continuous_aggregate}, a continuous aggregate created with data, an index
 * built {@code transaction_per_chunk}). A script holding one must say {@code transactional: false}; we
 * check before anything runs, rather than let the server refuse half-way through a plan (and because a
 * server that accepts one inside a transaction would hold locks far longer than the author meant).
 */
public final class TransactionRules {

    private TransactionRules() {}

    /** What in this statement needs to run outside a transaction, or null. */
    public static String refusal(String sql) {
        List<String> w = words(sql);
        if (w.isEmpty()) {
            return null;
        }
        String first = w.get(0);
        switch (first) {
            case "VACUUM":
                return "VACUUM";
            case "REINDEX":
                return w.contains("CONCURRENTLY") ? "REINDEX ... CONCURRENTLY" : null;
            case "CALL":
                return w.size() > 1 && w.get(1).endsWith("REFRESH_CONTINUOUS_AGGREGATE") ? "CALL refresh_continuous_aggregate" : null;
            default:
                break;
        }
        if (w.size() < 2) {
            return null;
        }
        String second = w.get(1);
        if (first.equals("CREATE") || first.equals("DROP")) {
            int index = second.equals("UNIQUE") ? 2 : 1;
            if (w.size() > index + 1 && w.get(index).equals("INDEX") && w.get(index + 1).equals("CONCURRENTLY")) {
                return first + " INDEX CONCURRENTLY";
            }
            if (second.equals("DATABASE") || second.equals("TABLESPACE")) {
                return first + " " + second;
            }
        }
        if (first.equals("CREATE") && w.contains("INDEX") && w.contains("TIMESCALEDB.TRANSACTION_PER_CHUNK")) {
            return "CREATE INDEX ... WITH (timescaledb.transaction_per_chunk)";
        }
        if (first.equals("CREATE") && w.contains("MATERIALIZED") && w.contains("TIMESCALEDB.CONTINUOUS") && !endsWithNoData(w)) {
            return "a continuous aggregate created WITH DATA (the default; add WITH NO DATA to create it inside a transaction)";
        }
        if (first.equals("ALTER") && second.equals("SYSTEM")) {
            return "ALTER SYSTEM";
        }
        if (first.equals("ALTER") && second.equals("TABLE") && w.contains("DETACH") && w.contains("CONCURRENTLY")) {
            return "ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY";
        }
        return null;
    }

    /**
     * The transaction-control command this statement is ({@code COMMIT}, {@code ROLLBACK}, {@code BEGIN},
     * ...), or null. Strata owns a step's transaction: a script's own {@code COMMIT} would commit part of
     * a revision that is then reported rolled back, and its {@code ROLLBACK} would undo the statements
     * while the revision is recorded applied. {@code SAVEPOINT}, {@code RELEASE} and
     * {@code ROLLBACK TO} stay inside the transaction and are allowed.
     */
    public static String transactionControl(String sql) {
        List<String> w = words(sql);
        if (w.isEmpty()) {
            return null;
        }
        String first = w.get(0);
        String second = w.size() > 1 ? w.get(1) : "";
        return switch (first) {
            case "BEGIN", "COMMIT", "END", "ABORT" -> first;
            case "ROLLBACK" -> second.equals("TO") ? null : first;
            case "START" -> second.equals("TRANSACTION") ? "START TRANSACTION" : null;
            case "PREPARE" -> second.equals("TRANSACTION") ? "PREPARE TRANSACTION" : null;
            default -> null;
        };
    }

    private static boolean endsWithNoData(List<String> w) {
        int n = w.size();
        return n >= 3 && w.get(n - 3).equals("WITH") && w.get(n - 2).equals("NO") && w.get(n - 1).equals("DATA");
    }

    /** The statement's words, upper-cased, outside comments, strings, quoted identifiers and dollar quotes. */
    static List<String> words(String sql) {
        List<String> out = new ArrayList<>();
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            int afterComment = SqlText.skipComment(sql, i);
            if (afterComment != i) {
                i = afterComment;
            } else if (c == '\'') {
                boolean escapes = i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e')
                        && (i < 2 || !isWord(sql.charAt(i - 2)));
                i = skipQuoted(sql, i + 1, '\'', escapes);
            } else if (c == '"') {
                i = skipQuoted(sql, i + 1, '"', false);
            } else if (c == '$' && (i == 0 || !isWord(sql.charAt(i - 1)))) {
                int end = sql.indexOf('$', i + 1);
                String tag = end < 0 ? null : sql.substring(i, end + 1);
                if (tag != null && tag.chars().skip(1).limit(tag.length() - 2L).allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '_')
                        && !(tag.length() > 2 && Character.isDigit(tag.charAt(1)))) {
                    int close = sql.indexOf(tag, end + 1);
                    i = close < 0 ? n : close + tag.length();
                } else {
                    i++;
                }
            } else if (isWord(c)) {
                int start = i;
                while (i < n && isWord(sql.charAt(i))) {
                    i++;
                }
                out.add(sql.substring(start, i).toUpperCase(Locale.ROOT));
            } else {
                i++;
            }
        }
        return out;
    }

    private static int skipQuoted(String sql, int i, char quote, boolean backslashEscapes) {
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < n && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return n;
    }

    private static boolean isWord(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '$';
    }
}
