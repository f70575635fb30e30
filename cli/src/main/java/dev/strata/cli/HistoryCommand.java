package dev.strata.cli;

import dev.strata.expr.RevisionRange;
import dev.strata.graph.Revision;
import dev.strata.graph.RevisionGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code migrate history}: revisions newest first, as Alembic lists them. */
@Command(name = "history", mixinStandardHelpOptions = true, description = "List revisions, newest first.")
final class HistoryCommand extends BaseCommand {

    @Option(names = {"-r", "--rev-range"}, paramLabel = "START:END", description = "Only revisions from START to END (either may be left out).")
    String range;

    @Option(names = "--indicate-current", description = "Mark the target database's current revisions with (current).")
    boolean indicateCurrent;

    @picocli.CommandLine.Mixin
    ConnectOptions online;

    @picocli.CommandLine.Mixin
    OnlineOptions.LockOption lock;

    @Override
    public Integer call() {
        java.util.Set<String> current = null;
        if (indicateCurrent) {
            var target = dev.strata.api.TargetSelection.require(config(), targetName(), java.util.List.of());
            current = java.util.Set.copyOf(new dev.strata.api.Online(this::project, target)
                    .current(online.toOptions(lock), new ConsoleOutput(out(), err(), quiet(), verbose())));
        }
        RevisionRange r = range == null ? new RevisionRange(null, null, ":") : RevisionRange.parse(range);
        RevisionGraph graph = project().graph();
        List<Revision> revisions = project().planner().walk(r.lower(), r.upper());
        RevisionFormat format = new RevisionFormat(graph);
        if (json()) {
            List<Map<String, Object>> list = new ArrayList<>();
            revisions.forEach(rev -> list.add(format.json(rev)));
            out().println(Json.write(list));
            return 0;
        }
        for (Revision rev : revisions) {
            out().println(verbose() ? format.entry(rev, current) : format.line(rev, true, true, true, current));
        }
        return 0;
    }
}
