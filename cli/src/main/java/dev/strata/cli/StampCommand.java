package dev.strata.cli;

import dev.strata.api.Online;
import dev.strata.api.TargetSelection;
import dev.strata.expr.RevisionExpr;
import dev.strata.expr.RevisionRange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code migrate stamp}: record the database as being at revisions, running nothing. */
@Command(name = "stamp", mixinStandardHelpOptions = true,
        description = "Record that the database is at the given revision(s) without running any migration.")
final class StampCommand extends BaseCommand {

    @Parameters(arity = "0..*", paramLabel = "REV", description = "Revisions (head, heads, base, LABEL@head, ids ...).")
    List<String> revisions = List.of();

    @Option(names = "--from-alembic", arity = "0..1", fallbackValue = "alembic_version", paramLabel = "TABLE",
            description = "Take over a database Alembic migrated: record the heads of its alembic_version table "
                    + "(or [SCHEMA.]TABLE), leaving that table alone.")
    String fromAlembic;

    @Option(names = "--purge", description = "Delete every row of the version table first (repairs a broken chain).")
    boolean purge;

    @Mixin
    ConnectOptions connect;

    @Mixin
    OnlineOptions.LockOption lock;

    @Mixin
    FleetOptions fleet;

    @Option(names = "--sql", description = "Print the SQL that records the stamp instead of writing it; "
            + "START:REV states the database's current state (default: base).")
    boolean sql;

    @Override
    public Integer call() {
        if (fromAlembic != null) {
            return fromAlembic();
        }
        if (revisions.isEmpty()) {
            throw new dev.strata.error.BadInputException("stamp needs the revision(s) to record, or --from-alembic");
        }
        if (sql) {
            RevisionExpr start = null;
            List<String> texts = revisions;
            if (revisions.size() == 1 && RevisionRange.isRange(revisions.get(0))) {
                RevisionRange range = RevisionRange.parse(revisions.get(0));
                if (range.upper() == null) {
                    throw new dev.strata.error.BadInputException("'" + revisions.get(0) + "' has no revision to stamp; write START:REV");
                }
                start = range.lower();
                texts = List.of(range.upper().text());
            }
            List<RevisionExpr> stamped = exprs(texts);
            List<RevisionExpr> all = new java.util.ArrayList<>(stamped);
            if (start != null) {
                all.add(start);
            }
            var target = dev.strata.api.TargetSelection.forRun(config(), targetName(), all).orElse(null);
            out().print(dev.strata.api.OfflineRun.renderStamp(project(), target, start, stamped));
            return 0;
        }
        var exprs = exprs(revisions);
        var target = TargetSelection.require(config(), targetName(), exprs);
        loadProjectInBackground();
        Online.Options options = new Online.Options(connect.wait, lock.lockTimeout, false, false);
        SetRun set = setRun(target);
        if (set != null) {
            return set.stamp(exprs, purge, options, fleet);
        }
        Online online = new Online(this::project, target);
        return report(target.name(), String.join(" ", revisions), "", output -> online.stamp(exprs, purge, options, output));
    }

    /** Runs the stamp and reports it: Alembic's line, or with --json one object (also on failure). */
    private int report(String target, String destination, String note,
                       java.util.function.Function<Online.Output, Online.Stamped> stamp) {
        if (json()) {
            JsonRunReport report = new JsonRunReport(out(), err(), quiet(), "stamp", target, destination);
            Online.Stamped stamped;
            try {
                stamped = stamp.apply(report);
            } catch (dev.strata.error.StrataException e) {
                report.failed(e);
                throw e;
            }
            Map<String, Object> heads = new LinkedHashMap<>();
            heads.put("before", stamped.before());
            heads.put("after", stamped.after());
            report.succeeded(heads);
            return 0;
        }
        Online.Stamped stamped = stamp.apply(new ConsoleOutput(out(), err(), quiet(), verbose()));
        info("Running stamp_revision " + String.join(", ", stamped.before()) + " -> " + String.join(", ", stamped.after()) + note);
        return 0;
    }

    /** Records the heads Alembic recorded, so Strata carries on where Alembic stopped. */
    private int fromAlembic() {
        if (!revisions.isEmpty() || sql) {
            throw new dev.strata.error.BadInputException("--from-alembic reads the revisions from Alembic's table: give no REV and no --sql");
        }
        var target = TargetSelection.require(config(), targetName(), List.of());
        loadProjectInBackground();
        Online online = new Online(this::project, target);
        Online.Options options = new Online.Options(connect.wait, lock.lockTimeout, false, false);
        return report(target.name(), "--from-alembic " + fromAlembic, " (from " + fromAlembic + ")", output -> {
            List<String> heads = online.alembicHeads(fromAlembic, options, output);
            List<RevisionExpr> exprs = heads.isEmpty() ? List.of(RevisionExpr.parse("base")) : exprs(heads);
            return online.stamp(exprs, purge, options, output);
        });
    }
}
