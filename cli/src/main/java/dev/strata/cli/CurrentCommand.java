package dev.strata.cli;

import dev.strata.api.Online;
import dev.strata.api.TargetSelection;
import dev.strata.config.ConnectionSpec;
import dev.strata.graph.RevisionGraph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code migrate current}: the revision(s) the target's database is at. */
@Command(name = "current", mixinStandardHelpOptions = true, description = "Show the current revision(s) of a target's database.")
final class CurrentCommand extends BaseCommand {

    @Mixin
    ConnectOptions online;

    @Mixin
    OnlineOptions.LockOption lock;

    @Mixin
    ReadParallel reads;

    @Override
    public Integer call() {
        int parallel = reads.get();
        var target = TargetSelection.require(config(), targetName(), List.of());
        loadProjectInBackground();
        SetRun set = setRun(target);
        if (set != null) {
            return set.current(online.toOptions(lock), parallel);
        }
        List<String> heads = new Online(this::project, target).current(online.toOptions(lock), new ConsoleOutput(out(), err(), quiet(), verbose()));
        RevisionGraph graph = project().graph();
        RevisionFormat format = new RevisionFormat(graph);
        if (json()) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (String h : heads) {
                Map<String, Object> m = graph.contains(h) ? format.json(graph.get(h)) : new LinkedHashMap<>(Map.of("revision", h));
                m.put("known", graph.contains(h));
                list.add(m);
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("target", target.name());
            doc.put("heads", list);
            out().println(Json.write(doc));
            return 0;
        }
        if (verbose()) {
            out().println("Current revision(s) for " + ConnectionSpec.of(target).display() + ":");
        }
        for (String h : heads) {
            if (!graph.contains(h)) {
                out().println(h + " (unknown: no script defines it)");
            } else if (verbose()) {
                out().println(format.entry(graph.get(h), Set.of(h)));
            } else {
                out().println(format.line(graph.get(h), false, false, true, null));
            }
        }
        return 0;
    }
}
