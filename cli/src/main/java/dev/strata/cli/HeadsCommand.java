package dev.strata.cli;

import dev.strata.graph.Revision;
import dev.strata.graph.RevisionGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code migrate heads}: the current heads of the scripts (not of a database). */
@Command(name = "heads", mixinStandardHelpOptions = true, description = "Show the heads of the revision graph.")
final class HeadsCommand extends BaseCommand {

    @Option(names = "--resolve-dependencies", description = "Leave out heads that another revision depends on.")
    boolean resolveDependencies;

    @Override
    public Integer call() {
        RevisionGraph graph = project().graph();
        List<String> heads = resolveDependencies ? graph.realHeads() : graph.heads();
        RevisionFormat format = new RevisionFormat(graph);
        if (json()) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (String h : heads) {
                Map<String, Object> m = format.json(graph.get(h));
                m.put("real_head", graph.realHeads().contains(h));
                list.add(m);
            }
            out().println(Json.write(list));
            return 0;
        }
        for (String h : heads) {
            Revision r = graph.get(h);
            out().println(verbose() ? format.entry(r, null) : format.line(r, false, false, false, null));
        }
        return 0;
    }
}
