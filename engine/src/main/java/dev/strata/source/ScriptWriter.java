package dev.strata.source;

import dev.strata.graph.Revision;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** Writes new SQL scripts in the format {@link ScriptLoader} reads. */
public final class ScriptWriter {

    private static final int SLUG_MAX = 40;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ScriptWriter() {
    }

    /**
     * {@code <revision>_<slug>.sql}, the slug being the message lower-cased with every run of
     * characters other than {@code [a-z0-9]} turned into one {@code _}, trimmed of {@code _} and cut
     * to 40 characters; {@code <revision>.sql} when the slug is empty.
     *
     * @throws ScriptException when the revision id is not a valid id
     */
    public static String fileName(NewScript s) {
        checkId(s.revision(), "revision");
        if (s.java()) {
            return javaClassName(s) + ".java";
        }
        String slug = slug(s.message());
        return slug.isEmpty() ? s.revision() + ".sql" : s.revision() + "_" + slug + ".sql";
    }

    static String slug(String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        StringBuilder slug = new StringBuilder(Math.min(lower.length(), SLUG_MAX + 1));
        boolean gap = false;
        for (int i = 0; i < lower.length() && slug.length() < SLUG_MAX; i++) {
            char c = lower.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                if (gap && slug.length() > 0) {
                    slug.append('_');
                }
                slug.append(c);
                gap = false;
            } else {
                gap = true;
            }
        }
        if (slug.length() > SLUG_MAX) {
            slug.setLength(SLUG_MAX);
        }
        while (slug.length() > 0 && slug.charAt(slug.length() - 1) == '_') {
            slug.setLength(slug.length() - 1);
        }
        return slug.toString();
    }

    /**
     * The script's text: the header with every key, a blank line, then the upgrade and downgrade
     * parts under their markers. Reading it back gives the same revision.
     *
     * @throws ScriptException when a value would not read back the same: an invalid id, a line
     *                         break in the message, date or a label, a comma in a label, or a
     *                         marker line inside the SQL
     */
    public static String render(NewScript s) {
        if (s.java()) {
            return renderJava(s);
        }
        checkId(s.revision(), "revision");
        s.downRevisions().forEach(id -> checkId(id, "down_revision"));
        s.dependsOn().forEach(id -> checkId(id, "depends_on"));
        for (String label : s.branchLabels()) {
            if (label.isBlank() || label.indexOf(',') >= 0 || hasLineBreak(label)) {
                throw new ScriptException(null, "branch label '" + label + "' must be non-empty, one line, without ','");
            }
        }
        checkOneLine(s.message(), "message");
        if (s.createDate() != null) {
            checkOneLine(s.createDate(), "create_date");
        }
        checkNoMarker(s.upgradeSql(), "upgrade");
        checkNoMarker(s.downgradeSql(), "downgrade");

        StringBuilder text = new StringBuilder(256 + s.upgradeSql().length() + s.downgradeSql().length());
        headerLine(text, "revision", s.revision());
        headerLine(text, "down_revision", join(s.downRevisions()));
        headerLine(text, "branch_labels", join(s.branchLabels()));
        headerLine(text, "depends_on", join(s.dependsOn()));
        headerLine(text, "message", s.message().strip());
        headerLine(text, "create_date", s.createDate() == null ? "" : s.createDate().strip());
        headerLine(text, "transactional", Boolean.toString(s.transactional()));
        text.append('\n').append(Header.UPGRADE_MARKER).append('\n');
        part(text, s.upgradeSql());
        text.append('\n').append(Header.DOWNGRADE_MARKER).append('\n');
        part(text, s.downgradeSql());
        return text.toString();
    }

    /**
     * A Java migration's class name: {@code V<revision>_<Slug>}, the revision's dots as {@code _} and the
     * slug in CamelCase, so the files sort by revision like SQL scripts and the name is a Java identifier.
     */
    static String javaClassName(NewScript s) {
        StringBuilder name = new StringBuilder("V").append(s.revision().replace('.', '_'));
        String slug = slug(s.message());
        if (!slug.isEmpty()) {
            name.append('_');
            for (String word : slug.split("_")) {
                name.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
            }
        }
        return name.toString();
    }

    /** The Java template: the annotation holding the header, an empty upgrade and the generated downgrade. */
    static String renderJava(NewScript s) {
        checkId(s.revision(), "revision");
        s.downRevisions().forEach(id -> checkId(id, "down_revision"));
        s.dependsOn().forEach(id -> checkId(id, "depends_on"));
        checkOneLine(s.message(), "message");
        StringBuilder text = new StringBuilder(1024);
        text.append("import dev.strata.ops.JavaMigration;\n")
                .append("import dev.strata.ops.Migration;\n")
                .append("import dev.strata.ops.Ops;\n\n")
                .append("@Migration(\n")
                .append("        revision = ").append(javaString(s.revision())).append(",\n")
                .append("        downRevision = ").append(javaArray(s.downRevisions())).append(",\n")
                .append("        branchLabels = ").append(javaArray(s.branchLabels())).append(",\n")
                .append("        dependsOn = ").append(javaArray(s.dependsOn())).append(",\n")
                .append("        message = ").append(javaString(s.message().strip())).append(",\n")
                .append("        createDate = ").append(javaString(s.createDate() == null ? "" : s.createDate().strip())).append(",\n")
                .append("        transactional = ").append(s.transactional()).append(")\n")
                .append("public class ").append(javaClassName(s)).append(" implements JavaMigration {\n\n")
                .append("    @Override\n")
                .append("    public void upgrade(Ops op) {\n");
        if (s.upgradeSql().isBlank()) {
            text.append("        // op.createTable(\"devices\", t -> t.column(\"id\", \"bigint\", c -> c.primaryKey()));\n");
        } else {
            text.append(indented(s.upgradeSql()));
        }
        text.append("    }\n\n");
        if (s.downgradeSql().isBlank()) {
            text.append("    // Without a downgrade(), Strata undoes upgrade()'s operations in reverse order, each by its\n")
                    .append("    // inverse, and refuses to downgrade if one has none. Write it to do something else:\n")
                    .append("    // @Override\n")
                    .append("    // public void downgrade(Ops op) {\n")
                    .append("    // }\n");
        } else {
            text.append("    @Override\n")
                    .append("    public void downgrade(Ops op) {\n")
                    .append(indented(s.downgradeSql()))
                    .append("    }\n");
        }
        text.append("}\n");
        return text.toString();
    }

    /** A method body given by a generator, indented to sit inside the method; each line ends with a newline. */
    private static String indented(String body) {
        StringBuilder out = new StringBuilder(body.length() + 64);
        for (String line : body.strip().split("\n", -1)) {
            out.append(line.isBlank() ? "" : "        " + line.stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String javaArray(List<String> items) {
        return "{" + String.join(", ", items.stream().map(ScriptWriter::javaString).toList()) + "}";
    }

    private static String javaString(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /**
     * Writes the script into {@code dir} under {@link #fileName}. The text goes to a temporary file
     * in {@code dir} first and appears under its final name only complete; an existing file of that
     * name is never replaced. On failure nothing is left behind.
     *
     * @return the written file
     * @throws ScriptException when the script is invalid (see {@link #render}), the file already
     *                         exists, or {@code dir} cannot be written
     */
    public static Path write(Path dir, NewScript s) {
        String name = fileName(s);
        byte[] bytes = render(s).getBytes(StandardCharsets.UTF_8);
        Path target = dir.resolve(name);
        // Hidden and not ending in .sql, so a loader running meanwhile never picks it up.
        Path temp = dir.resolve("." + name + "." + HexFormat.of().toHexDigits(RANDOM.nextLong()) + ".tmp");
        try {
            // Opened with default permissions, unlike Files.createTempFile's owner-only ones,
            // because the file keeps them once it gets its final name.
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            publish(temp, target);
            return target;
        } catch (FileAlreadyExistsException e) {
            throw new ScriptException(target, 0, "already exists; not overwritten", e);
        } catch (IOException e) {
            Path where = Files.isDirectory(dir) ? target : dir;
            throw new ScriptException(where, 0, "cannot write script: " + ScriptFiles.describe(e, where == dir), e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // Nothing better to do; the original failure, if any, is the one worth reporting.
            }
        }
    }

    // Gives the complete temporary file its final name without ever replacing a file. A hard link
    // does both atomically (it fails if the name exists), where an ATOMIC_MOVE on POSIX silently
    // replaces; on file systems without hard links, an existence check then ATOMIC_MOVE.
    private static void publish(Path temp, Path target) throws IOException {
        try {
            Files.createLink(target, temp);
            return;
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | FileSystemException e) {
            // Fall through: no hard links here.
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void headerLine(StringBuilder text, String key, String value) {
        text.append("-- ").append(key).append(':');
        if (!value.isEmpty()) {
            text.append(' ').append(value);
        }
        text.append('\n');
    }

    private static void part(StringBuilder text, String sql) {
        int end = sql.length();
        while (end > 0 && Character.isWhitespace(sql.charAt(end - 1))) {
            end--;
        }
        if (end > 0) {
            text.append(sql, 0, end).append('\n');
        }
    }

    private static String join(List<String> items) {
        return String.join(", ", items.stream().map(String::strip).toList());
    }

    private static void checkId(String id, String key) {
        if (!Revision.isValidId(id)) {
            throw new ScriptException(null, "invalid revision id '" + id + "' for " + key
                    + " (ids use letters, digits, '_' and '.')");
        }
    }

    private static void checkOneLine(String value, String key) {
        if (hasLineBreak(value)) {
            throw new ScriptException(null, key + " must be a single line");
        }
    }

    private static boolean hasLineBreak(String value) {
        return value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0;
    }

    private static void checkNoMarker(String sql, String part) {
        int line = 1;
        int pos = 0;
        while (pos <= sql.length()) {
            int end = pos;
            while (end < sql.length() && sql.charAt(end) != '\n' && sql.charAt(end) != '\r') {
                end++;
            }
            if (Header.marker(sql.substring(pos, end)) != Header.Marker.NONE) {
                throw new ScriptException(null, line, part + " SQL holds a '-- migrate:' marker line,"
                        + " which would cut the script in the wrong place");
            }
            pos = end < sql.length() && sql.charAt(end) == '\r' && end + 1 < sql.length() && sql.charAt(end + 1) == '\n'
                    ? end + 2 : end + 1;
            line++;
        }
    }
}
