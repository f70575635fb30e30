package dev.strata.cli;

import dev.strata.graph.Revision;
import dev.strata.graph.RevisionGraph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code migrate branches}: every branch point and where it leads. */
@Command(name = "branches", mixinStandardHelpOptions = true, description = "Show the branch points of the revision graph.")
final class BranchesCommand extends BaseCommand {

    @Override
    public Integer call() {
        RevisionGraph graph = project().graph();
        RevisionFormat format = new RevisionFormat(graph);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Revision r : project().planner().walk(null, null)) {
            if (!graph.isBranchPoint(r.id())) {
                continue;
            }
            if (json()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("revision", r.id());
                m.put("branch_labels", List.copyOf(graph.labelsOf(r.id())));
                m.put("message", r.message());
                m.put("children", graph.children(r.id()));
                list.add(m);
                continue;
            }
            out().println(verbose() ? format.entry(r, null) : format.line(r, false, false, true, null));
            String pad = " ".repeat(r.id().length());
            for (String child : graph.children(r.id())) {
                out().println(pad + " -> " + format.line(graph.get(child), false, verbose(), true, null));
            }
            out().println();
        }
        if (json()) {
            out().println(Json.write(list));
        }
        return 0;
    }
}
