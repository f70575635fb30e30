package dev.strata.api;

import dev.strata.config.TargetConfig;
import dev.strata.expr.RevisionExpr;
import dev.strata.plan.Direction;
import dev.strata.plan.Plan;
import dev.strata.run.OfflineSql;
import dev.strata.store.VersionTables;
import java.util.List;

/** {@code upgrade --sql} and {@code downgrade --sql}: plan from a stated start, render the script. */
public final class OfflineRun {

    private OfflineRun() {}

    /**
     * @param target the target whose tables and branch apply, or null for the defaults and the whole graph
     * @param start  the state the database is assumed to be in (null: base)
     * @param end    where to go
     */
    public static String render(Project project, TargetConfig target, Direction direction, RevisionExpr start, RevisionExpr end) {
        List<String> current = start == null ? List.of()
                : project.graph().ids(project.planner().resolver().revisions(start));
        Plan plan = direction == Direction.UPGRADE
                ? project.planner().upgrade(current, end, start)
                : project.planner().downgrade(current, end);
        TargetSelection.checkScope(project.graph(), target, plan);
        VersionTables tables = target == null
                ? new VersionTables(null, TargetConfig.DEFAULT_VERSION_TABLE)
                : new VersionTables(target.schema(), target.versionTable());
        String title = direction.word() + " " + (start == null ? "base" : start.text()) + ":" + end.text()
                + (target == null ? "" : " on target " + target.name());
        return new OfflineSql(tables, ToolVersion.get()).render(title, plan, project::script);
    }
}
