package dev.strata.cli;

import dev.strata.api.Online;
import dev.strata.api.TargetSelection;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code migrate stamp}: record the database as being at revisions, running nothing. */
@Command(name = "stamp", mixinStandardHelpOptions = true,
        description = "Record that the database is at the given revision(s) without running any migration.")
final class StampCommand extends BaseCommand {

    @Parameters(arity = "1..*", paramLabel = "REV", description = "Revisions (head, heads, base, LABEL@head, ids ...).")
    List<String> revisions;

    @Option(names = "--purge", description = "Delete every row of the version table first (repairs a broken chain).")
    boolean purge;

    @Mixin
    ConnectOptions connect;

    @Mixin
    OnlineOptions.LockOption lock;

    @Override
    public Integer call() {
        var exprs = exprs(revisions);
        var target = TargetSelection.require(config(), targetName(), exprs);
        loadProjectInBackground();
        Online.Stamped stamped = new Online(this::project, target)
                .stamp(exprs, purge, new Online.Options(connect.wait, lock.lockTimeout, false, false), new ConsoleOutput(out(), err(), quiet(), verbose()));
        info("Running stamp_revision " + String.join(", ", stamped.before()) + " -> " + String.join(", ", stamped.after()));
        return 0;
    }
}
