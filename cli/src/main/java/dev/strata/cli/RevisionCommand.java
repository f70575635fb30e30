package dev.strata.cli;

import dev.strata.api.RevisionAuthor;
import dev.strata.config.TargetConfig;
import dev.strata.error.BadInputException;
import dev.strata.expr.RevisionExpr;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code migrate revision}: a new, empty SQL script or Java migration in the right branch folder. */
@Command(name = "revision", mixinStandardHelpOptions = true, description = "Create a new revision script.")
final class RevisionCommand extends BaseCommand {

    @Option(names = {"-m", "--message"}, paramLabel = "MESSAGE", description = "What the revision does.")
    String message;

    @Option(names = "--rev-id", paramLabel = "ID", description = "Use this id instead of 12 random hex characters.")
    String revId;

    @Option(names = "--head", paramLabel = "REV",
            description = "Build on this head (head, base for a new root, LABEL@head, an id). Default: the target's branch head, else head.")
    String head;

    @Option(names = "--branch-label", paramLabel = "LABEL", description = "Label the new revision declares; repeat for several.")
    List<String> branchLabels = new ArrayList<>();

    @Option(names = "--depends-on", paramLabel = "REV", split = ",", description = "Revisions or labels that must be applied first.")
    List<String> dependsOn = new ArrayList<>();

    @Option(names = "--splice", description = "Allow --head to name a revision that is not a head (starts a new branch).")
    boolean splice;

    @Option(names = "--version-path", paramLabel = "DIR", description = "The script location to write to.")
    Path versionPath;

    @Option(names = "--no-transaction", description = "Mark the script transactional: false (for CREATE INDEX CONCURRENTLY ...).")
    boolean noTransaction;

    @Option(names = "--sql", description = "Write a SQL script (the default).")
    boolean sql;

    @Option(names = "--java", description = "Write a Java migration class (upgrade(Ops op) / downgrade(Ops op)) instead.")
    boolean java;

    @Option(names = "--autogenerate",
            description = "Write the statements that turn the target's live schema into its desired_schema (the target must be at its head).")
    boolean autogenerate;

    @Option(names = "--rename", paramLabel = "HINT",
            description = "With --autogenerate: a rename, not a drop and an add: schema.old=new (table) or schema.table.old=new (column); repeatable.")
    List<String> renames = new ArrayList<>();

    @picocli.CommandLine.Mixin
    ConnectOptions online;

    @picocli.CommandLine.Mixin
    OnlineOptions.LockOption lock;

    @Override
    public Integer call() {
        if (java && sql) {
            throw new BadInputException("--sql and --java exclude each other: a revision is one file");
        }
        if (!renames.isEmpty() && !autogenerate) {
            throw new BadInputException("--rename is for --autogenerate");
        }
        if (autogenerate) {
            return autogenerate();
        }
        List<RevisionExpr> heads = head == null ? List.of() : List.of(RevisionExpr.parse(head));
        TargetConfig target = target(heads.toArray(RevisionExpr[]::new)).orElse(null);
        if (target != null && targetName() != null && target.branch() != null && !heads.isEmpty()
                && project().graph().labelIndex(target.branch()) >= 0) {
            // With a target named, the new revision must belong to its branch.
            var scope = dev.strata.api.TargetScope.of(project(), target);
            heads.forEach(h -> scope.check(project(), h));
        }
        Path path = versionPath == null ? null : environment.workingDir().resolve(versionPath);
        RevisionAuthor.Request request = new RevisionAuthor.Request(message, revId, heads, branchLabels, dependsOn,
                splice, path, !noTransaction, java);
        RevisionAuthor.Written written = new RevisionAuthor(project(), Clock.systemDefaultZone(), RevisionIds::random)
                .revision(request, target);
        return reportWritten(written);
    }

    /** {@code --autogenerate}: compare, print what was detected, write the revision unless nothing was. */
    private int autogenerate() {
        if (head != null || splice || !dependsOn.isEmpty()) {
            throw new BadInputException("--autogenerate builds on the target's head: --head, --splice and --depends-on do not apply");
        }
        TargetConfig target = dev.strata.api.TargetSelection.require(config(), targetName(), List.of());
        dev.strata.config.ConnectionSpec.of(target);
        loadProjectInBackground();
        SetRun set = setRun(target);
        if (set != null) {
            target = set.single("revision --autogenerate", online.toOptions(lock).connectWait());
        }
        ConsoleOutput console = new ConsoleOutput(out(), err(), quiet(), verbose());
        var result = new dev.strata.api.Autogenerate(this::project, target)
                .desired(online.toOptions(lock), console, true, renames);
        var diff = result.diff();
        if (diff.changes().isEmpty()) {
            diff.warnings().forEach(w -> err().println("warning: " + w));
            info("No changes detected");
            return 0;
        }
        for (var change : diff.changes()) {
            info("Detected " + change.detected() + (change.destructive() ? "  (destructive)" : ""));
        }
        diff.warnings().forEach(w -> err().println("warning: " + w));
        var script = java ? dev.strata.diff.MigrationText.java(diff) : dev.strata.diff.MigrationText.sql(diff);
        Path path = versionPath == null ? null : environment.workingDir().resolve(versionPath);
        RevisionAuthor.Request request = new RevisionAuthor.Request(message, revId, List.of(), branchLabels, List.of(),
                false, path, script.transactional() && !noTransaction, java);
        RevisionAuthor.Written written = new RevisionAuthor(project(), Clock.systemDefaultZone(), RevisionIds::random)
                .revision(request, target, script.upgrade(), script.downgrade());
        return reportWritten(written);
    }
}
