package dev.strata.cli;

import dev.strata.api.OfflineRun;
import dev.strata.error.BadInputException;
import dev.strata.expr.RevisionExpr;
import dev.strata.expr.RevisionRange;
import dev.strata.plan.Direction;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What {@code upgrade} and {@code downgrade} share. */
abstract class MoveCommand extends BaseCommand {

    @Parameters(arity = "1", paramLabel = "REVISION",
            description = "Where to go: heads, head, LABEL@head, an id, +N/-N, base; with --sql also START:END.")
    String revision;

    @Option(names = "--sql", description = "Print the SQL script instead of running it (offline mode).")
    boolean sql;

    @Override
    boolean printsSql() {
        return sql;
    }

    @Mixin
    OnlineOptions online;

    @Mixin
    FleetOptions fleet;

    abstract Direction direction();

    @Override
    public Integer call() {
        if (!sql) {
            if (RevisionRange.isRange(revision)) {
                throw new BadInputException("'" + revision + "' is a range, which only --sql takes; online, the start is the database's state");
            }
            RevisionExpr destination = RevisionExpr.parse(revision);
            var target = dev.strata.api.TargetSelection.require(config(), targetName(), java.util.List.of(destination));
            loadProjectInBackground();
            SetRun set = setRun(target);
            if (set != null) {
                return set.move(direction(), destination, online.toOptions(), fleet);
            }
            if (json()) {
                var report = new JsonRunReport(out(), err(), quiet(), direction().word(), target.name(), revision);
                try {
                    new dev.strata.api.Online(this::project, target).move(direction(), destination, online.toOptions(), report, Signals.stop());
                } catch (dev.strata.error.StrataException e) {
                    report.failed(e);
                    throw e;
                }
                report.succeeded(java.util.Map.of());
                return 0;
            }
            var output = console();
            var plan = new dev.strata.api.Online(this::project, target).move(direction(), destination, online.toOptions(), output, Signals.stop());
            if (plan.isEmpty()) {
                info("Nothing to do: target '" + target.name() + "' is already there");
            }
            return 0;
        }
        RevisionExpr start;
        RevisionExpr end;
        if (RevisionRange.isRange(revision)) {
            RevisionRange range = RevisionRange.parse(revision);
            start = range.lower();
            end = range.upper();
            if (end == null) {
                throw new BadInputException("'" + revision + "' has no end; write START:END");
            }
        } else {
            start = null;
            end = RevisionExpr.parse(revision);
        }
        if (direction() == Direction.DOWNGRADE && start == null) {
            throw new BadInputException("downgrade --sql needs the starting point: write START:END, e.g. heads:base");
        }
        var target = dev.strata.api.TargetSelection.forRun(config(), targetName(), java.util.Arrays.asList(end, start)).orElse(null);
        out().print(OfflineRun.render(project(), target, direction(), start, end));
        return 0;
    }
}
