package dev.strata.api;

import dev.strata.graph.Revision;
import dev.strata.graph.RevisionGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The revision graph drawn for a terminal, or as Mermaid or Graphviz DOT source. */
public final class GraphDrawing {

    private GraphDrawing() {}

    /**
     * A drawing in the style of {@code git log --graph}: newest first, one lane per open branch,
     * {@code |\} where a merge point opens lanes for its parents and {@code |/} where branches meet at
     * their branch point.
     *
     * @param order revisions newest first (as {@code history} lists them)
     */
    public static String text(RevisionGraph graph, List<Revision> order) {
        StringBuilder out = new StringBuilder();
        List<String> lanes = new ArrayList<>(); // each lane: the revision it waits for, or null
        boolean started = false;
        for (Revision rev : order) {
            if (started && lanes.isEmpty()) {
                out.append('\n'); // the previous chain ended at its root: this one is unrelated
            }
            started = true;
            int lane = -1;
            List<Integer> joining = new ArrayList<>();
            for (int i = 0; i < lanes.size(); i++) {
                if (rev.id().equals(lanes.get(i))) {
                    if (lane < 0) {
                        lane = i;
                    } else {
                        joining.add(i);
                    }
                }
            }
            if (lane < 0) {
                lane = firstFree(lanes);
                if (lane == lanes.size()) {
                    lanes.add(rev.id());
                } else {
                    lanes.set(lane, rev.id());
                }
            }
            if (!joining.isEmpty()) {
                // Branches meeting here: fold their lanes into this one first.
                out.append(row(lanes, -1, joining, '/')).append('\n');
                for (int j : joining) {
                    lanes.set(j, null);
                }
                trim(lanes);
            }
            out.append(row(lanes, lane, List.of(), ' ')).append("  ").append(describe(graph, rev)).append('\n');
            List<String> parents = rev.downRevisions();
            if (parents.isEmpty()) {
                lanes.set(lane, null);
                trim(lanes);
                continue;
            }
            lanes.set(lane, parents.get(0));
            List<Integer> opened = new ArrayList<>();
            for (int p = 1; p < parents.size(); p++) {
                int free = lanes.size();
                lanes.add(parents.get(p));
                opened.add(free);
            }
            if (!opened.isEmpty()) {
                out.append(row(lanes, -1, opened, '\\')).append('\n');
            }
        }
        return out.toString();
    }

    private static int firstFree(List<String> lanes) {
        for (int i = 0; i < lanes.size(); i++) {
            if (lanes.get(i) == null) {
                return i;
            }
        }
        return lanes.size();
    }

    private static void trim(List<String> lanes) {
        while (!lanes.isEmpty() && lanes.get(lanes.size() - 1) == null) {
            lanes.remove(lanes.size() - 1);
        }
    }

    /** One row of lane marks: {@code *} at the node, {@code |} for open lanes, {@code mark} beside the special ones. */
    private static String row(List<String> lanes, int node, List<Integer> special, char mark) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < lanes.size(); i++) {
            if (special.contains(i)) {
                if (s.length() > 0) {
                    s.setLength(s.length() - 1);
                }
                s.append(mark).append(' ');
            } else if (i == node) {
                s.append("* ");
            } else if (lanes.get(i) != null) {
                s.append("| ");
            } else {
                s.append("  ");
            }
        }
        return s.toString().stripTrailing();
    }

    private static String describe(RevisionGraph graph, Revision rev) {
        StringBuilder s = new StringBuilder(rev.id());
        Set<String> labels = graph.labelsOf(rev.id());
        if (!labels.isEmpty()) {
            s.append(" (").append(String.join(", ", labels)).append(')');
        }
        if (graph.isHead(rev.id())) {
            s.append(" (head)");
        }
        if (!rev.dependsOn().isEmpty()) {
            s.append(" (depends on ").append(String.join(", ", rev.dependsOn())).append(')');
        }
        if (!rev.message().isEmpty()) {
            s.append(", ").append(rev.message());
        }
        return s.toString();
    }

    /** A Mermaid flowchart: base at the top, dependencies dotted, labels in the node text. */
    public static String mermaid(RevisionGraph graph) {
        StringBuilder out = new StringBuilder("flowchart TD\n");
        for (Revision r : graph.revisions()) {
            out.append("    ").append(mermaidId(graph, r.id())).append("[\"").append(mermaidText(nodeText(graph, r, "<br/>"))).append("\"]\n");
        }
        for (Revision r : graph.revisions()) {
            for (String d : r.downRevisions()) {
                out.append("    ").append(mermaidId(graph, d)).append(" --> ").append(mermaidId(graph, r.id())).append('\n');
            }
            for (int dep : graph.dependenciesOf(graph.index(r.id()))) {
                out.append("    ").append(mermaidId(graph, graph.id(dep))).append(" -.-> ").append(mermaidId(graph, r.id())).append('\n');
            }
        }
        return out.toString();
    }

    /** Graphviz DOT: base at the top, dependencies dashed, heads in bold. */
    public static String dot(RevisionGraph graph) {
        StringBuilder out = new StringBuilder("digraph strata {\n    rankdir=TB;\n    node [shape=box, fontname=\"monospace\"];\n");
        for (Revision r : graph.revisions()) {
            out.append("    ").append(dotString(r.id())).append(" [label=").append(dotString(nodeText(graph, r, "\n")));
            if (graph.isHead(r.id())) {
                out.append(", style=bold");
            }
            out.append("];\n");
        }
        for (Revision r : graph.revisions()) {
            for (String d : r.downRevisions()) {
                out.append("    ").append(dotString(d)).append(" -> ").append(dotString(r.id())).append(";\n");
            }
            for (int dep : graph.dependenciesOf(graph.index(r.id()))) {
                out.append("    ").append(dotString(graph.id(dep))).append(" -> ").append(dotString(r.id()))
                        .append(" [style=dashed, label=\"depends on\"];\n");
            }
        }
        return out.append("}\n").toString();
    }

    private static String nodeText(RevisionGraph graph, Revision r, String newline) {
        String text = r.id();
        Set<String> labels = graph.labelsOf(r.id());
        if (!r.branchLabels().isEmpty()) {
            text += " (" + String.join(", ", r.branchLabels()) + ")";
        } else if (!labels.isEmpty() && r.downRevisions().isEmpty()) {
            text += " (" + String.join(", ", labels) + ")";
        }
        return r.message().isEmpty() ? text : text + newline + r.message();
    }

    private static String mermaidId(RevisionGraph graph, String id) {
        return "r" + graph.index(id); // ids may hold '.', which Mermaid node names may not
    }

    private static String mermaidText(String text) {
        return text.replace("\"", "#quot;");
    }

    private static String dotString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
