package dev.strata.catalog;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The names PostgreSQL gives constraints and indexes created without one ({@code t_pkey}, {@code t_a_b_key},
 * {@code t_a_fkey}, {@code t_a_check}, {@code t_expr_idx}), built as its {@code makeObjectName} and
 * {@code ChooseRelationName} do: the parts joined by underscores, the longer of table and column part
 * cut first so the whole fits in 63 bytes, and a number appended to the label when the name was taken.
 */
public final class DefaultNames {

    private static final int NAMEDATALEN = 64;

    private DefaultNames() {}

    /** Whether {@code actual} is the name PostgreSQL would pick for {@code table}, {@code columns} and {@code label}. */
    public static boolean matches(String actual, String table, List<String> columns, String label) {
        String columnPart = columns.isEmpty() ? null : columnPart(columns);
        if (actual.equals(name(table, columnPart, label))) {
            return true;
        }
        int digits = actual.length();
        while (digits > 0 && Character.isDigit(actual.charAt(digits - 1))) {
            digits--;
        }
        if (digits == actual.length() || actual.charAt(digits) == '0') {
            return false;
        }
        return actual.equals(name(table, columnPart, label + actual.substring(digits)));
    }

    /** The name of an index or constraint on {@code table} over {@code columns} (none: {@code t_pkey}). */
    public static String of(String table, List<String> columns, String label) {
        return name(table, columns.isEmpty() ? null : columnPart(columns), label);
    }

    /**
     * The column names joined by underscores, as {@code ChooseIndexNameAddition} does: each name at most
     * 63 bytes, and no more names once the result reaches 64 bytes.
     */
    static String columnPart(List<String> columns) {
        StringBuilder out = new StringBuilder();
        int bytes = 0;
        for (String column : columns) {
            if (bytes > 0) {
                out.append('_');
                bytes++;
            }
            String clipped = clip(column, NAMEDATALEN - 1);
            out.append(clipped);
            bytes += utf8(clipped);
            if (bytes >= NAMEDATALEN) {
                break;
            }
        }
        return out.toString();
    }

    /** {@code makeObjectName}: name1[_name2][_label] in at most 63 bytes, the longer name cut first. */
    static String name(String name1, String name2, String label) {
        int overhead = (name2 == null ? 0 : 1) + (label == null ? 0 : utf8(label) + 1);
        int avail = NAMEDATALEN - 1 - overhead;
        int n1 = utf8(name1);
        int n2 = name2 == null ? 0 : utf8(name2);
        while (n1 + n2 > avail) {
            if (n1 > n2) {
                n1--;
            } else {
                n2--;
            }
        }
        StringBuilder out = new StringBuilder(clip(name1, n1));
        if (name2 != null) {
            out.append('_').append(clip(name2, n2));
        }
        if (label != null) {
            out.append('_').append(label);
        }
        return out.toString();
    }

    /** The longest prefix of {@code s} of at most {@code bytes} UTF-8 bytes that does not split a character. */
    private static String clip(String s, int bytes) {
        int used = 0;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int len = utf8(new String(Character.toChars(cp)));
            if (used + len > bytes) {
                break;
            }
            used += len;
            i += Character.charCount(cp);
        }
        return s.substring(0, i);
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
