package dev.strata.diff;

import dev.strata.schema.QualifiedName;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the user says was renamed, so that the differ emits a rename instead of a drop and an add.
 *
 * @param tables old table name to new one (same schema)
 * @param columns per table (old or new name), old column name to new one
 */
public record Renames(Map<QualifiedName, QualifiedName> tables, Map<QualifiedName, Map<String, String>> columns) {

    public Renames {
        tables = Map.copyOf(tables);
        Map<QualifiedName, Map<String, String>> copy = new LinkedHashMap<>();
        columns.forEach((t, m) -> copy.put(t, Map.copyOf(m)));
        columns = Map.copyOf(copy);
    }

    public static Renames none() {
        return new Renames(Map.of(), Map.of());
    }

    /**
     * Parses a CLI hint: {@code schema.table.old=new} (a column of a table) or {@code schema.old=new} (a table).
     *
     * @throws IllegalArgumentException with a clear message for anything else
     */
    public Renames with(String hint) {
        String usage = "a rename hint is schema.table=new_table or schema.table.column=new_column, not '" + hint + "'";
        if (hint == null) {
            throw new IllegalArgumentException(usage);
        }
        int eq = hint.indexOf('=');
        if (eq < 0 || hint.indexOf('=', eq + 1) >= 0) {
            throw new IllegalArgumentException(usage);
        }
        String[] old = hint.substring(0, eq).strip().split("\\.", -1);
        String renamed = hint.substring(eq + 1).strip();
        if (renamed.isEmpty() || renamed.contains(".")) {
            throw new IllegalArgumentException(usage + " (the new name is one unqualified name)");
        }
        for (String part : old) {
            if (part.isBlank()) {
                throw new IllegalArgumentException(usage);
            }
        }
        if (old.length == 2) {
            Map<QualifiedName, QualifiedName> t = new TreeMap<>(tables);
            t.put(QualifiedName.of(old[0], old[1]), QualifiedName.of(old[0], renamed));
            return new Renames(t, columns);
        }
        if (old.length == 3) {
            Map<QualifiedName, Map<String, String>> c = new TreeMap<>(columns);
            Map<String, String> inTable = new TreeMap<>(c.getOrDefault(QualifiedName.of(old[0], old[1]), Map.of()));
            inTable.put(old[2], renamed);
            c.put(QualifiedName.of(old[0], old[1]), inTable);
            return new Renames(tables, c);
        }
        throw new IllegalArgumentException(usage);
    }

    /** The column renames of a table known as {@code oldName} in the live database and {@code newName} in the desired one. */
    Map<String, String> columnsOf(QualifiedName oldName, QualifiedName newName) {
        Map<String, String> out = new TreeMap<>(columns.getOrDefault(oldName, Map.of()));
        out.putAll(columns.getOrDefault(newName, Map.of()));
        return out;
    }

    /**
     * {@code sql} (a constraint or index definition as PostgreSQL prints it) with the column names in
     * {@code renamed} (old to new) replaced, as PostgreSQL rewrites them on a rename. String literals, and
     * names qualified by a dot or called as functions, are left alone.
     */
    static String followColumns(String sql, Map<String, String> renamed) {
        if (renamed.isEmpty()) {
            return sql;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            int end;
            String name;
            if (c == '\'') {
                end = sql.indexOf('\'', i + 1);
                while (end > 0 && end + 1 < sql.length() && sql.charAt(end + 1) == '\'') {
                    end = sql.indexOf('\'', end + 2);
                }
                end = end < 0 ? sql.length() : end + 1;
                out.append(sql, i, end);
                i = end;
                continue;
            } else if (c == '"') {
                end = sql.indexOf('"', i + 1);
                while (end > 0 && end + 1 < sql.length() && sql.charAt(end + 1) == '"') {
                    end = sql.indexOf('"', end + 2);
                }
                end = end < 0 ? sql.length() : end + 1;
                name = sql.substring(i + 1, end - 1).replace("\"\"", "\"");
            } else if (Character.isLetter(c) || c == '_') {
                end = i;
                while (end < sql.length() && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_' || sql.charAt(end) == '$')) {
                    end++;
                }
                name = sql.substring(i, end);
            } else {
                out.append(c);
                i++;
                continue;
            }
            boolean qualified = i > 0 && sql.charAt(i - 1) == '.' || end < sql.length() && sql.charAt(end) == '.';
            boolean called = end < sql.length() && sql.charAt(end) == '(';
            String now = renamed.get(name);
            out.append(now != null && !qualified && !called ? dev.strata.ops.SqlNames.identifier(now) : sql.substring(i, end));
            i = end;
        }
        return out.toString();
    }
}
