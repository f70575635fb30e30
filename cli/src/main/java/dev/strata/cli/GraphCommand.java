package dev.strata.cli;

import dev.strata.api.GraphDrawing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code migrate graph}: the revision graph, drawn. */
@Command(name = "graph", mixinStandardHelpOptions = true, description = "Draw the revision graph (text, mermaid or dot).")
final class GraphCommand extends BaseCommand {

    enum Format { text, mermaid, dot }

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (for a terminal), mermaid or dot. Default: ${DEFAULT-VALUE}.")
    Format format;

    @Override
    public Integer call() {
        var graph = project().graph();
        String drawing = switch (format) {
            case text -> GraphDrawing.text(graph, project().planner().walk(null, null));
            case mermaid -> GraphDrawing.mermaid(graph);
            case dot -> GraphDrawing.dot(graph);
        };
        out().print(drawing);
        return 0;
    }
}
