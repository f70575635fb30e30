package dev.strata.source;

import dev.strata.graph.Revision;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

// Reads a script's header one line at a time, up to the -- migrate:upgrade marker. The same
// rules serve the loader, which streams lines off the first bytes of a file, and
// SqlScript.body(), which walks the whole text; hand-written rather than regex-based because
// the loader runs it on every line of every script.
final class Header {

    // What a line is, as far as section markers go.
    enum Marker {
        NONE, UPGRADE, DOWNGRADE, OTHER
    }

    static final String UPGRADE_MARKER = "-- migrate:upgrade";
    static final String DOWNGRADE_MARKER = "-- migrate:downgrade";

    private static final List<String> KEYS = List.of(
            "revision", "down_revision", "branch_labels", "depends_on", "message", "create_date", "transactional");
    private static final int REVISION = 0;
    private static final int DOWN_REVISION = 1;
    private static final int BRANCH_LABELS = 2;
    private static final int DEPENDS_ON = 3;
    private static final int MESSAGE = 4;
    private static final int CREATE_DATE = 5;
    private static final int TRANSACTIONAL = 6;

    private final Path file;
    private final String[] values = new String[KEYS.size()];
    private final int[] lines = new int[KEYS.size()];
    private int markerLine;

    Header(Path file) {
        this.file = file;
    }

    // Takes the next header line (without its line break); true when it was the upgrade marker,
    // which ends the header.
    boolean accept(String line, int lineNo) {
        // Index-based on purpose: strip(), substring() and String switches showed up in profiles.
        int from = skipBlanks(line, 0);
        int to = trimEnd(line, from);
        if (from == to || (to - from == 2 && line.startsWith("--", from))) {
            return false;
        }
        if (!line.startsWith("--", from)) {
            throw malformed(lineNo, line.substring(from, to));
        }
        int i = skipBlanks(line, from + 2);
        switch (markerAt(line, i, to)) {
            case UPGRADE -> {
                markerLine = lineNo;
                return true;
            }
            case DOWNGRADE -> throw new ScriptException(file, lineNo,
                    "'" + DOWNGRADE_MARKER + "' comes before '" + UPGRADE_MARKER + "'");
            case OTHER -> throw unknownMarker(file, lineNo, line.substring(from, to));
            case NONE -> {
            }
        }
        // "--", blanks, key, blanks, ":", value.
        int keyStart = i;
        while (i < to && isKeyChar(line.charAt(i), i == keyStart)) {
            i++;
        }
        int keyEnd = i;
        i = skipBlanks(line, i);
        if (keyEnd == keyStart || i >= to || line.charAt(i) != ':') {
            throw malformed(lineNo, line.substring(from, to));
        }
        int k = keyIndex(line, keyStart, keyEnd);
        if (k < 0) {
            throw new ScriptException(file, lineNo, "unknown header key '" + line.substring(keyStart, keyEnd)
                    + "' (known: " + String.join(", ", KEYS) + ")");
        }
        if (values[k] != null) {
            throw new ScriptException(file, lineNo,
                    "header key '" + KEYS.get(k) + "' given twice (first on line " + lines[k] + ")");
        }
        values[k] = line.substring(Math.min(skipBlanks(line, i + 1), to), to);
        lines[k] = lineNo;
        return false;
    }

    private static int keyIndex(String line, int from, int to) {
        for (int k = 0; k < KEYS.size(); k++) {
            String key = KEYS.get(k);
            if (key.length() == to - from && line.startsWith(key, from)) {
                return k;
            }
        }
        return -1;
    }

    // The revision the header declares; only once accept has seen the upgrade marker.
    Revision revision() {
        if (markerLine == 0) {
            throw new ScriptException(file, "no '" + UPGRADE_MARKER + "' line: every script needs one after its header");
        }
        String id = values[REVISION];
        if (id == null || id.isEmpty()) {
            throw new ScriptException(file, lines[REVISION], "missing 'revision:' header");
        }
        checkId(id, REVISION);
        List<String> down = ids(DOWN_REVISION);
        List<String> labels = list(BRANCH_LABELS);
        List<String> depends = ids(DEPENDS_ON);
        String message = values[MESSAGE] == null ? "" : values[MESSAGE];
        String date = values[CREATE_DATE] == null || values[CREATE_DATE].isEmpty() ? null : values[CREATE_DATE];
        return new Revision(id, down, labels, depends, message, date, transactional(), file.toString());
    }

    private boolean transactional() {
        String v = values[TRANSACTIONAL];
        if (v == null) {
            return true;
        }
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw new ScriptException(file, lines[TRANSACTIONAL], "transactional must be true or false, not '" + v + "'");
    }

    private List<String> ids(int key) {
        List<String> ids = list(key);
        for (String id : ids) {
            checkId(id, key);
        }
        return ids;
    }

    private void checkId(String id, int key) {
        if (!isValidId(id)) {
            throw new ScriptException(file, lines[key], "invalid revision id '" + id + "' in " + KEYS.get(key)
                    + " (ids use letters, digits, '_' and '.')");
        }
    }

    // Revision.isValidId without its regex, which was an eighth of header parsing time;
    // a test holds the two to the same answers.
    static boolean isValidId(String id) {
        if (id.isEmpty()) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    private List<String> list(int key) {
        String v = values[key];
        if (v == null || v.isEmpty()) {
            return List.of();
        }
        List<String> items = new ArrayList<>(2);
        int start = 0;
        while (start <= v.length()) {
            int comma = v.indexOf(',', start);
            int end = comma < 0 ? v.length() : comma;
            int itemStart = skipBlanks(v, start);
            int itemEnd = end;
            while (itemEnd > itemStart && isBlank(v.charAt(itemEnd - 1))) {
                itemEnd--;
            }
            if (itemEnd > itemStart) {
                items.add(v.substring(itemStart, itemEnd));
            }
            start = end + 1;
        }
        return items;
    }

    private ScriptException malformed(int lineNo, String t) {
        String shown = t.length() > 60 ? t.substring(0, 57) + "..." : t;
        return new ScriptException(file, lineNo, "malformed header line '" + shown
                + "': before '" + UPGRADE_MARKER + "' only '-- key: value' lines, '--' and blank lines may appear");
    }

    static ScriptException unknownMarker(Path file, int lineNo, String t) {
        return new ScriptException(file, lineNo, "unknown marker '" + t + "' (expected '" + UPGRADE_MARKER
                + "' or '" + DOWNGRADE_MARKER + "')");
    }

    // Which marker a line is: its stripped text is --, any blanks, then migrate:...;
    // only migrate:upgrade and migrate:downgrade, exactly, are known.
    static Marker marker(String line) {
        int from = skipBlanks(line, 0);
        if (!line.startsWith("--", from)) {
            return Marker.NONE;
        }
        return markerAt(line, skipBlanks(line, from + 2), trimEnd(line, from));
    }

    // The marker that line holds from i (just after "--" and blanks) to to.
    private static Marker markerAt(String line, int i, int to) {
        if (!line.startsWith("migrate:", i)) {
            return Marker.NONE;
        }
        if (to - i == 15 && line.startsWith("migrate:upgrade", i)) {
            return Marker.UPGRADE;
        }
        if (to - i == 17 && line.startsWith("migrate:downgrade", i)) {
            return Marker.DOWNGRADE;
        }
        return Marker.OTHER;
    }

    private static int trimEnd(String s, int from) {
        int to = s.length();
        while (to > from && isBlank(s.charAt(to - 1))) {
            to--;
        }
        return to;
    }

    private static int skipBlanks(String s, int i) {
        while (i < s.length() && isBlank(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\f' || c == '\u000B';
    }

    private static boolean isKeyChar(char c, boolean first) {
        // '-' is taken into the key so "-- down-revision: x" is named as an unknown key, not as malformed.
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (!first && (c == '-' || (c >= '0' && c <= '9')));
    }
}
