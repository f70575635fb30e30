package dev.strata.source;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header of an Alembic revision file: its module-level {@code revision}, {@code down_revision},
 * {@code branch_labels} and {@code depends_on} assignments (with or without type annotations) and its
 * docstring's message and {@code Create Date}. Read from the text, without running Python, so headers
 * convert even where Alembic is not installed.
 *
 * @param revision      the id
 * @param downRevisions parents; empty for a root, two or more for a merge
 * @param createDate    {@code YYYY-MM-DD HH:MM:SS}, or null
 */
public record AlembicRevisionFile(Path file, String revision, List<String> downRevisions, List<String> branchLabels,
                                  List<String> dependsOn, String message, String createDate) {

    private static final Pattern ASSIGNMENT = Pattern.compile(
            "(?m)^(revision|down_revision|branch_labels|depends_on)\\s*(?::[^=\\n]+)?=\\s*");
    private static final Pattern STRING = Pattern.compile("[rbuRBU]?(\"\"\"|'''|\"|')(.*?)\\1", Pattern.DOTALL);
    private static final Pattern DOCSTRING = Pattern.compile("\\A\\s*(?:#[^\\n]*\\n\\s*)*[rRuU]?(\"\"\"|''')(.*?)\\1", Pattern.DOTALL);
    private static final Pattern CREATE_DATE = Pattern.compile("(?m)^\\s*Create Date:\\s*(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2})");

    /**
     * Reads a revision file's text.
     *
     * @throws ScriptException when it assigns no {@code revision}, or a value is not a string, a tuple
     *                         or list of strings, or None
     */
    public static AlembicRevisionFile parse(Path file, String text) {
        String revision = null;
        List<String> down = List.of();
        List<String> labels = List.of();
        List<String> depends = List.of();
        Matcher m = ASSIGNMENT.matcher(text);
        while (m.find()) {
            List<String> values = literal(file, text, m.end(), m.group(1));
            switch (m.group(1)) {
                case "revision" -> {
                    if (values.size() != 1) {
                        throw new ScriptException(file, lineOf(text, m.start()), "revision must be one string");
                    }
                    revision = values.get(0);
                }
                case "down_revision" -> down = values;
                case "branch_labels" -> labels = values;
                default -> depends = values;
            }
        }
        if (revision == null) {
            throw new ScriptException(file, 0, "no 'revision = ...' assignment: not an Alembic revision file");
        }
        String message = "";
        String createDate = null;
        Matcher doc = DOCSTRING.matcher(text);
        if (doc.find()) {
            String body = doc.group(2);
            int id = body.indexOf("Revision ID:");
            message = String.join(" ", (id < 0 ? body : body.substring(0, id)).strip().split("\\s+"));
            Matcher date = CREATE_DATE.matcher(body);
            if (date.find()) {
                createDate = date.group(1);
            }
        }
        return new AlembicRevisionFile(file, revision, down, labels, depends, message, createDate);
    }

    /** The value after {@code name =}: None, a string, or a tuple/list of strings (possibly over several lines). */
    private static List<String> literal(Path file, String text, int at, String name) {
        int line = lineOf(text, at);
        if (text.startsWith("None", at)) {
            return List.of();
        }
        char open = at < text.length() ? text.charAt(at) : ' ';
        if (open == '(' || open == '[') {
            char close = open == '(' ? ')' : ']';
            int end = closing(text, at + 1, close);
            if (end < 0) {
                throw new ScriptException(file, line, name + ": no closing '" + close + "'");
            }
            List<String> out = new ArrayList<>();
            Matcher s = STRING.matcher(text.substring(at + 1, end));
            while (s.find()) {
                out.add(s.group(2));
            }
            return out;
        }
        Matcher s = STRING.matcher(text);
        if (s.find(at) && s.start() == at) {
            return List.of(s.group(2));
        }
        throw new ScriptException(file, line, name + " must be a string, a tuple or list of strings, or None");
    }

    /** Where {@code close} ends the bracket opened before {@code from}, skipping strings; -1 if never. */
    private static int closing(String text, int from, char close) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == close) {
                return i;
            }
            if (c == '\'' || c == '"') {
                int end = text.indexOf(c, i + 1);
                if (end < 0) {
                    return -1;
                }
                i = end;
            }
        }
        return -1;
    }

    private static int lineOf(String text, int at) {
        int line = 1;
        for (int i = 0; i < at && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
