package dev.strata.run;

import dev.strata.plan.Direction;
import dev.strata.plan.Plan;
import dev.strata.plan.StampPlan;
import dev.strata.plan.Step;
import dev.strata.source.ScriptBody;
import dev.strata.source.Script;
import dev.strata.source.Statement;
import dev.strata.store.VersionTables;
import java.util.List;
import java.util.function.Function;

/**
 * Renders a plan as one SQL script for a DBA to run ({@code upgrade --sql}): the version and history
 * table DDL, then per step a {@code -- Running upgrade <from> -> <to>} comment, its statements and its
 * version-table and history rows, with {@code BEGIN}/{@code COMMIT} around each transactional step. A
 * step marked {@code transactional: false} runs its statements bare and records itself in a
 * transaction of its own afterwards, as an online run does.
 */
public final class OfflineSql {

    private final VersionTables tables;
    private final String toolVersion;

    public OfflineSql(VersionTables tables, String toolVersion) {
        this.tables = tables;
        this.toolVersion = toolVersion;
    }

    /**
     * The whole script. Every body is read before anything is returned, so a bad script fails the
     * command without printing half a script.
     *
     * @param title   what was asked, for the header comment (e.g. {@code upgrade base:heads})
     * @param scripts the script of each revision id
     * @param notes   lines for the header comment
     */
    public String render(String title, Plan plan, Function<String, Script.Loaded> scripts, List<String> notes) {
        StringBuilder out = new StringBuilder(4096);
        out.append("-- Strata ").append(toolVersion).append(": ").append(title)
                .append(" (").append(plan.steps().size()).append(plan.steps().size() == 1 ? " step" : " steps").append(")\n");
        out.append("-- Run with: psql -v ON_ERROR_STOP=1 -f FILE\n");
        for (String note : notes) {
            out.append("-- ").append(note).append('\n');
        }
        out.append('\n');
        for (String ddl : tables.createStatements()) {
            out.append(ddl).append(";\n\n");
        }
        appendStatement(out, tables.offlineStartCheck(plan.startHeads()));
        for (Step step : plan.steps()) {
            Script.Loaded loaded = scripts.apply(step.revision().id());
            ScriptBody body = loaded.body();
            List<Statement> statements = step.direction() == Direction.UPGRADE ? body.upgrade() : body.downgrade();
            List<Runner.Unit> units = Runner.Unit.of(step, statements);
            out.append("-- Running ").append(step.direction().word()).append(' ')
                    .append(String.join(", ", step.from())).append(" -> ").append(String.join(", ", step.to())).append('\n');
            String name = loaded.script().path() == null ? loaded.script().origin() : String.valueOf(loaded.script().path().getFileName());
            if (!step.transactional()) {
                out.append("-- ").append(name).append(" is transactional: false; its statements run outside a transaction\n");
            } else if (units.size() > 1) {
                out.append("-- ").append(name).append(" has statements that cannot run in a transaction; they run on their own\n");
            }
            if (step.direction() == Direction.UPGRADE && body.irreversible() != null) {
                out.append("-- IRREVERSIBLE: this revision cannot be downgraded: ").append(body.irreversible().replace('\n', ' ')).append('\n');
            }
            out.append('\n');
            boolean first = true;
            for (Runner.Unit unit : units) {
                if (unit.transactional()) {
                    out.append("BEGIN;\n\n");
                }
                if (first) {
                    appendStatement(out, tables.offlinePrecondition(step.change()));
                    first = false;
                }
                for (int i = unit.from(); i < unit.to(); i++) {
                    Statement s = statements.get(i);
                    if (s.note() != null) {
                        out.append("-- ").append(s.note()).append(s.inTransaction() ? "" : " (outside a transaction)").append('\n');
                    }
                    appendStatement(out, s.sql());
                }
                if (unit.transactional() && unit != units.get(units.size() - 1)) {
                    out.append("COMMIT;\n\n");
                }
            }
            if (first) {
                appendStatement(out, tables.offlinePrecondition(step.change()));
            }
            if (units.isEmpty() || !units.get(units.size() - 1).transactional()) {
                out.append("BEGIN;\n\n");
            }
            for (String sql : tables.statements(step.change())) {
                appendStatement(out, sql);
            }
            appendStatement(out, tables.offlineHistoryInsert(step, loaded.checksum(), toolVersion));
            out.append("COMMIT;\n\n");
        }
        return out.toString();
    }

    /**
     * A stamp as a script: the start check, then the row changes and their history rows in one
     * transaction.
     *
     * @param checksums the checksum of each stamped revision's script
     */
    public String renderStamp(String title, StampPlan plan, Function<String, String> checksums) {
        StringBuilder out = new StringBuilder(1024);
        out.append("-- Strata ").append(toolVersion).append(": ").append(title).append('\n');
        out.append("-- Run with: psql -v ON_ERROR_STOP=1 -f FILE\n\n");
        for (String ddl : tables.createStatements()) {
            out.append(ddl).append(";\n\n");
        }
        appendStatement(out, tables.offlineStartCheck(plan.before()));
        out.append("-- Running stamp_revision ").append(String.join(", ", plan.before())).append(" -> ")
                .append(String.join(", ", plan.after())).append("\n\nBEGIN;\n\n");
        for (String r : plan.remove()) {
            appendStatement(out, tables.delete(r));
        }
        for (String r : plan.add()) {
            appendStatement(out, tables.insert(r));
        }
        String message = "stamp " + String.join(", ", plan.before()) + " -> " + String.join(", ", plan.after());
        for (String r : plan.recorded()) {
            appendStatement(out, tables.offlineStampInsert(r, r.equals("base") ? null : checksums.apply(r), message, toolVersion));
        }
        return out.append("COMMIT;\n\n").toString();
    }

    private static void appendStatement(StringBuilder out, String sql) {
        out.append(sql);
        // A statement whose last line holds a "--" comment would swallow a ';' on the same line.
        int lastLine = sql.lastIndexOf('\n');
        out.append(sql.indexOf("--", lastLine + 1) >= 0 ? "\n;" : ";").append("\n\n");
    }
}
