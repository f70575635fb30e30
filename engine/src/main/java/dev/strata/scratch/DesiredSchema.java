package dev.strata.scratch;

import dev.strata.error.BadInputException;
import dev.strata.source.ScriptException;
import dev.strata.source.Statement;
import dev.strata.source.StatementSplitter;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The desired schema as the user keeps it: {@code .sql} files, each split into statements that keep
 * their file and line, and the {@code -- renamed_from: old} hints written in them.
 *
 * @param statements every statement of every file, in replay order
 * @param renames    rename hints in {@code --rename} form ({@code schema.old=new}, {@code schema.table.old=new})
 */
public record DesiredSchema(List<Located> statements, List<String> renames) {

    /** One statement and where it was written. */
    public record Located(Path file, Statement statement) {
        public String where() {
            return file + ":" + statement.line();
        }
    }

    private static final String IDENT = "(?:\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)";
    private static final Pattern CREATE_TABLE = Pattern.compile(
            "(?i)^\\s*CREATE\\s+(?:(?:UNLOGGED|TEMP|TEMPORARY)\\s+)?TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(" + IDENT
                    + ")(?:\\s*\\.\\s*(" + IDENT + "))?");
    private static final Pattern HINT = Pattern.compile("--\\s*renamed_from:\\s*(" + IDENT + ")\\s*$");
    private static final Pattern COLUMN = Pattern.compile("^\\s*(?:\\(\\s*)?(" + IDENT + ")\\s");

    public DesiredSchema {
        statements = List.copyOf(statements);
        renames = List.copyOf(renames);
    }

    /**
     * Reads the files and folders (a folder's {@code .sql} files in name order, not its subfolders).
     *
     * @param key what names them in messages ({@code targets.ts.desired_schema})
     * @throws BadInputException when a path does not exist, holds no .sql file, cannot be read, or a
     *                           file's text cannot be split (an unclosed quote), naming file and line
     */
    public static DesiredSchema read(String key, List<Path> paths) {
        List<Located> statements = new ArrayList<>();
        List<String> renames = new ArrayList<>();
        for (Path file : files(key, paths)) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (MalformedInputException e) {
                throw new BadInputException(file + ": is not valid UTF-8");
            } catch (IOException e) {
                throw new BadInputException(file + ": cannot be read (" + e.getClass().getSimpleName() + ")");
            }
            List<Statement> split;
            try {
                split = StatementSplitter.split(text, 1);
            } catch (ScriptException e) {
                throw new ScriptException(file, e.line(), e.problem());
            }
            for (Statement s : split) {
                statements.add(new Located(file, s));
                renames.addAll(hints(s.sql()));
            }
        }
        return new DesiredSchema(statements, renames);
    }

    /**
     * A digest of what is replayed: every statement's text, in order. Two desired schemas with the same
     * fingerprint build the same database on the same server.
     */
    public String fingerprint() {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            for (Located l : statements) {
                sha.update(l.statement().sql().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return java.util.HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static List<Path> files(String key, List<Path> paths) {
        if (paths.isEmpty()) {
            throw new BadInputException(key + " is not set; list the desired schema's .sql files or folders in the config"
                    + " (see docs/guides/autogenerate.md)");
        }
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> list = Files.list(p)) {
                    List<Path> sql = list.filter(f -> f.getFileName().toString().endsWith(".sql") && Files.isRegularFile(f))
                            .sorted().toList();
                    if (sql.isEmpty()) {
                        throw new BadInputException(key + ": folder " + p + " holds no .sql file");
                    }
                    out.addAll(sql);
                } catch (IOException e) {
                    throw new BadInputException(key + ": folder " + p + " cannot be read (" + e.getClass().getSimpleName() + ")");
                }
            } else if (Files.isRegularFile(p)) {
                out.add(p);
            } else {
                throw new BadInputException(key + ": no such file or folder: " + p);
            }
        }
        return out;
    }

    /**
     * The {@code -- renamed_from: old} hints of one statement: on a {@code CREATE TABLE} line the table's
     * old name, on a column line of a {@code CREATE TABLE} the column's.
     */
    static List<String> hints(String sql) {
        List<String> out = new ArrayList<>();
        String[] lines = sql.split("\n", -1);
        String schema = null;
        String table = null;
        for (String line : lines) {
            Matcher create = CREATE_TABLE.matcher(line);
            Matcher hint = HINT.matcher(line);
            if (table == null && create.find()) {
                schema = create.group(2) == null ? "public" : name(create.group(1));
                table = name(create.group(2) == null ? create.group(1) : create.group(2));
                if (hint.find()) {
                    out.add(schema + "." + name(hint.group(1)) + "=" + table);
                }
                continue;
            }
            if (table != null && hint.find()) {
                Matcher column = COLUMN.matcher(line);
                if (column.find()) {
                    out.add(schema + "." + table + "." + name(hint.group(1)) + "=" + name(column.group(1)));
                }
            }
        }
        return out;
    }

    /** An identifier as PostgreSQL stores it: quoted ones as written, others folded to lower case. */
    private static String name(String ident) {
        if (ident.startsWith("\"")) {
            return ident.substring(1, ident.length() - 1).replace("\"\"", "\"");
        }
        return ident.toLowerCase(Locale.ROOT);
    }
}
