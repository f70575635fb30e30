package dev.strata.cli;

import dev.strata.api.Online;
import dev.strata.api.TargetSelection;
import dev.strata.config.ConnectionSpec;
import dev.strata.db.DatabaseException;
import dev.strata.graph.Revision;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code migrate check}: exit 1 unless the target is at its branch head with unchanged scripts. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Exit 1 when the target has pending revisions, changed scripts, or differs from its desired_schema; 0 when it is up to date.")
final class CheckCommand extends BaseCommand {

    @Mixin
    ConnectOptions online;

    @Mixin
    OnlineOptions.LockOption lock;

    @Mixin
    ReadParallel reads;

    @picocli.CommandLine.Option(names = "--revisions-only",
            description = "Check the revisions only (pending, changed, interrupted), not the desired_schema: "
                    + "for a health probe, which must not replay the desired schema every time.")
    boolean revisionsOnly;

    @Override
    public Integer call() {
        int parallel = reads.get();
        var target = TargetSelection.require(config(), targetName(), List.of());
        SetRun set = setRun(target);
        if (set != null) {
            loadProjectInBackground();
            return set.check(online.toOptions(lock), parallel);
        }
        // A connection setting that cannot be read (an unset variable, a malformed URL) is bad input
        // (exit 2), as for every other command; status would report it as an unreachable target.
        ConnectionSpec.of(target);
        loadProjectInBackground();
        Online.Status s = new Online(this::project, target).status(online.toOptions(lock), new ConsoleOutput(out(), err(), quiet(), verbose()));
        if (!s.reachable()) {
            throw new DatabaseException(target.name(), s.error().replaceFirst("^target '[^']*': ", ""));
        }
        if (s.error() != null) {
            throw new dev.strata.error.BadInputException(s.error());
        }
        // With a desired schema, the live schema must also match it (Alembic's check).
        dev.strata.diff.Diff desired = target.desiredSchema().isEmpty() || revisionsOnly ? null
                : new dev.strata.api.Autogenerate(this::project, target)
                        .desired(online.toOptions(lock), new ConsoleOutput(out(), err(), true, false), false, List.of()).diff();
        boolean matches = desired == null || desired.changes().isEmpty();
        boolean clean = s.pending().isEmpty() && s.changed().isEmpty() && s.partial() == null && s.invalidIndexes().isEmpty()
                && matches;
        if (json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("target", s.target());
            m.put("up_to_date", clean);
            m.put("heads", s.heads());
            m.put("pending", s.pending().stream().map(Revision::id).toList());
            m.put("changed", s.changed());
            m.put("partial_failure", StatusCommand.partialJson(s));
            m.put("invalid_indexes", s.invalidIndexes());
            if (desired != null) {
                m.put("desired_schema", DiffCommand.json(desired, dev.strata.diff.MigrationText.statements(desired)));
            }
            out().println(Json.write(m));
            return clean ? 0 : 1;
        }
        if (clean) {
            info("Target '" + s.target() + "' is up to date (at " + (s.heads().isEmpty() ? "base" : String.join(", ", s.heads())) + ")");
            return 0;
        }
        if (!s.pending().isEmpty()) {
            out().println("Target '" + s.target() + "' is not up to date: " + s.pending().size() + " pending "
                    + (s.pending().size() == 1 ? "revision" : "revisions") + ":");
            for (Revision r : s.pending()) {
                out().println("  " + r.id() + (r.message().isEmpty() ? "" : ", " + r.message()));
            }
        }
        if (s.partial() != null) {
            out().println("Target '" + s.target() + "': revision " + s.partial().revision() + (s.partial().interrupted()
                    ? " was interrupted outside a transaction, " + s.partial().error()
                    : " failed part-way outside a transaction (" + s.partial().error() + ")") + "; see docs/guides/recovery.md");
        }
        if (!s.changed().isEmpty()) {
            out().println("Target '" + s.target() + "': scripts changed since they ran:");
            s.changed().forEach(c -> out().println("  " + c));
        }
        if (!s.invalidIndexes().isEmpty()) {
            out().println("Target '" + s.target() + "': invalid indexes (a CREATE INDEX CONCURRENTLY failed or was interrupted;"
                    + " see docs/guides/recovery.md):");
            s.invalidIndexes().forEach(c -> out().println("  " + c));
        }
        if (!matches) {
            out().println("Target '" + s.target() + "' differs from its desired_schema (" + desired.changes().size() + " "
                    + (desired.changes().size() == 1 ? "change" : "changes") + "; 'migrate diff' prints the statements,"
                    + " 'migrate revision --autogenerate' writes them):");
            desired.changes().forEach(c -> out().println("  " + c.detected()));
        }
        return 1;
    }
}
