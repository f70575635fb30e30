package dev.strata.diff;

import java.util.ArrayList;
import java.util.List;

/** A {@link Diff} as the bodies of a generated revision: SQL sections, Java method bodies, or plain statements. */
public final class MigrationText {

    private MigrationText() {}

    /**
     * A generated revision's bodies.
     *
     * @param transactional false when any step must run outside a transaction (the script header then
     *     says {@code transactional: false}; a note at the top of the upgrade says why)
     */
    public record Script(boolean transactional, String upgrade, String downgrade) {}

    /** SQL text for the {@code -- migrate:upgrade} and {@code -- migrate:downgrade} sections; notes as {@code -- } comments. */
    public static Script sql(Diff diff) {
        return render(diff, true);
    }

    /** Java statements for the bodies of {@code upgrade(Ops op)} and {@code downgrade(Ops op)}; notes as {@code // } comments. */
    public static Script java(Diff diff) {
        return render(diff, false);
    }

    /** The upgrade SQL statements, in order, for {@code migrate diff}. */
    public static List<String> statements(Diff diff) {
        List<String> out = new ArrayList<>();
        for (Change c : diff.changes()) {
            for (Step s : c.upgrade()) {
                if (s.op() != null) {
                    out.addAll(s.op().statements());
                }
            }
        }
        return out;
    }

    /** The downgrade: each change's downgrade steps, last change first. */
    static List<Step> downgrade(Diff diff) {
        List<Step> out = new ArrayList<>();
        for (int i = diff.changes().size() - 1; i >= 0; i--) {
            out.addAll(diff.changes().get(i).downgrade());
        }
        return out;
    }

    private static Script render(Diff diff, boolean sql) {
        List<Step> up = new ArrayList<>();
        diff.changes().forEach(c -> up.addAll(c.upgrade()));
        List<Step> down = downgrade(diff);
        List<String> outside = new ArrayList<>();
        for (Step s : up) {
            if (s.op() != null && !s.op().transactional()) {
                outside.add(s.op().describe());
            }
        }
        for (Step s : down) {
            if (s.op() != null && !s.op().transactional() && !outside.contains(s.op().describe())) {
                outside.add(s.op().describe());
            }
        }
        String header = outside.isEmpty() ? ""
                : comment(sql, "not transactional: " + String.join(", ", outside) + " cannot run inside a transaction");
        return new Script(outside.isEmpty(), header + body(up, sql), header + body(down, sql));
    }

    private static String body(List<Step> steps, boolean sql) {
        StringBuilder b = new StringBuilder();
        for (Step s : steps) {
            if (s.note() != null) {
                b.append(comment(sql, s.note()));
            }
            if (s.op() == null) {
                continue;
            }
            if (sql) {
                for (String statement : s.op().statements()) {
                    b.append(statement).append(";\n");
                }
            } else {
                b.append(s.java()).append('\n');
            }
        }
        return b.toString();
    }

    private static String comment(boolean sql, String text) {
        String prefix = sql ? "-- " : "// ";
        StringBuilder b = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            b.append(prefix).append(line).append('\n');
        }
        return b.toString();
    }
}
