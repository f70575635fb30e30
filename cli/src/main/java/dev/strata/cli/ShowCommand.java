package dev.strata.cli;

import dev.strata.expr.RevisionExpr;
import dev.strata.graph.RevisionGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code migrate show REV}: one revision in full. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show the revision(s) an expression names.")
final class ShowCommand extends BaseCommand {

    @Parameters(arity = "1", paramLabel = "REV", description = "A revision id, prefix, label, head, heads, LABEL@head ...")
    String revision;

    @Override
    public Integer call() {
        RevisionGraph graph = project().graph();
        RevisionFormat format = new RevisionFormat(graph);
        int[] found = project().planner().resolver().revisions(RevisionExpr.parse(revision));
        if (json()) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (int i : found) {
                list.add(format.json(graph.revision(i)));
            }
            out().println(Json.write(list));
            return 0;
        }
        for (int i : found) {
            out().print(format.entry(graph.revision(i), null));
        }
        return 0;
    }
}
