package dev.strata.diff;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Which type changes keep every value (a widening), as {@code format_type} names types. */
final class Types {

    private Types() {}

    private static final List<String> INTEGERS = List.of("smallint", "integer", "bigint", "numeric");
    private static final Pattern SIZED = Pattern.compile("(character varying|character|bit varying|numeric)\\((\\d+)(?:,(\\d+))?\\)");

    /** Whether every value of {@code from} converts to {@code to} unchanged; anything unknown counts as narrowing. */
    static boolean widens(String from, String to) {
        if (from.equals(to)) {
            return true;
        }
        int a = INTEGERS.indexOf(from);
        int b = INTEGERS.indexOf(to);
        if (a >= 0 && b > a) {
            return true;
        }
        if (from.equals("real") && to.equals("double precision")
                || from.equals("timestamp without time zone") && to.equals("timestamp with time zone")
                || from.equals("character varying") && to.equals("text")) {
            return true;
        }
        Matcher f = SIZED.matcher(from);
        if (!f.matches()) {
            return false;
        }
        String kind = f.group(1);
        if (to.equals(kind) && !kind.equals("character") || to.equals("text") && kind.startsWith("character")) {
            return true; // the unsized type (or text) holds any length
        }
        if (kind.equals("character") && to.equals("character varying")) {
            return true;
        }
        Matcher t = SIZED.matcher(to);
        if (!t.matches() || !(t.group(1).equals(kind) || kind.equals("character") && t.group(1).equals("character varying"))) {
            return false;
        }
        int fromSize = Integer.parseInt(f.group(2));
        int toSize = Integer.parseInt(t.group(2));
        if (!kind.equals("numeric")) {
            return toSize >= fromSize;
        }
        int fromScale = f.group(3) == null ? 0 : Integer.parseInt(f.group(3));
        int toScale = t.group(3) == null ? 0 : Integer.parseInt(t.group(3));
        return toScale >= fromScale && toSize - toScale >= fromSize - fromScale;
    }
}
