package dev.strata.api;

import dev.strata.config.TargetConfig;
import dev.strata.config.ToolVersion;
import dev.strata.expr.RevisionExpr;
import dev.strata.plan.Direction;
import dev.strata.plan.Plan;
import dev.strata.run.OfflineSql;
import dev.strata.source.Script;
import dev.strata.store.VersionTables;
import java.util.ArrayList;
import java.util.List;

/** {@code upgrade --sql} and {@code downgrade --sql}: plan from a stated start, render the script. */
public final class OfflineRun {

    private OfflineRun() {}

    /**
     * @param target the target whose tables and branch apply, or null (a config without targets)
     * @param start  the state the database is assumed to be in (null: base)
     * @param end    where to go
     */
    public static String render(Project project, TargetConfig target, Direction direction, RevisionExpr start, RevisionExpr end) {
        TargetScope scope = TargetScope.of(project, target);
        scope.check(project, start);
        scope.check(project, end);
        List<String> current = start == null ? List.of()
                : scope.graph().ids(scope.planner().resolver().revisions(start));
        Plan plan = direction == Direction.UPGRADE
                ? scope.planner().upgrade(current, end, start)
                : scope.planner().downgrade(current, end);
        VersionTables tables = tablesOf(target);
        String title = direction.word() + " " + (start == null ? "base" : start.text()) + ":" + end.text()
                + (target == null ? "" : " on target " + target.name());
        List<String> notes = new ArrayList<>();
        plan.warnings().forEach(w -> notes.add("Warning: " + w));
        List<String> external = scope.describeExternal(project);
        if (!external.isEmpty()) {
            notes.add("Revisions of other branches are not run here; apply them to their own target first:");
            external.forEach(line -> notes.add("  " + line));
        }
        java.util.Map<String, Script.Loaded> loaded = new java.util.HashMap<>();
        java.util.function.Function<String, Script.Loaded> scripts = id -> loaded.computeIfAbsent(id, r -> project.script(r).load());
        TimescaleNeeds needs = PlanChecks.check(plan, scripts);
        needs.checkDialect(target);
        if (needs.highest() != null) {
            notes.add("Needs TimescaleDB " + needs.highest() + " or later (the timescaledb extension).");
        }
        return new OfflineSql(tables, ToolVersion.get()).render(title, plan, scripts, notes);
    }

    /** {@code stamp --sql}: from a stated start (null: base), the rows that record {@code revisions}. */
    public static String renderStamp(Project project, TargetConfig target, RevisionExpr start, List<RevisionExpr> revisions) {
        TargetScope scope = TargetScope.of(project, target);
        scope.check(project, start);
        revisions.forEach(r -> scope.check(project, r));
        List<String> current = start == null ? List.of() : scope.graph().ids(scope.planner().resolver().revisions(start));
        var plan = scope.planner().stamp(current, revisions);
        String title = "stamp " + (start == null ? "base" : start.text()) + ":"
                + String.join(", ", revisions.stream().map(RevisionExpr::text).toList())
                + (target == null ? "" : " on target " + target.name());
        return new OfflineSql(tablesOf(target), ToolVersion.get()).renderStamp(title, plan, id -> project.script(id).checksum());
    }

    private static VersionTables tablesOf(TargetConfig target) {
        return target == null
                ? new VersionTables(null, TargetConfig.DEFAULT_VERSION_TABLE)
                : new VersionTables(target.schema(), target.versionTable());
    }
}
