package dev.strata.cli;

import dev.strata.graph.Revision;
import dev.strata.graph.RevisionGraph;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** How revisions print, in Alembic's formats ({@code Script._head_only} and {@code log_entry}), and as JSON. */
final class RevisionFormat {

    private final RevisionGraph graph;

    RevisionFormat(RevisionGraph graph) {
        this.graph = graph;
    }

    /** {@code <down> -> id (labels) (head) (branchpoint) (mergepoint), message}, parts as asked. */
    String line(Revision r, boolean parents, boolean doc, boolean treeIndicators, Set<String> current) {
        StringBuilder s = new StringBuilder();
        if (parents) {
            s.append(downText(r));
            if (!r.dependsOn().isEmpty()) {
                s.append(" (").append(String.join(", ", r.dependsOn())).append(')');
            }
            s.append(" -> ");
        }
        s.append(r.id());
        Set<String> labels = graph.labelsOf(r.id());
        if (!labels.isEmpty()) {
            s.append(" (").append(String.join(", ", labels)).append(')');
        }
        boolean head = graph.isHead(r.id());
        boolean realHead = graph.realHeads().contains(r.id());
        if (realHead) {
            s.append(" (head)");
        } else if (head) {
            s.append(" (effective head)");
        }
        if (current != null && current.contains(r.id())) {
            s.append(" (current)");
        }
        if (treeIndicators) {
            if (graph.isBranchPoint(r.id())) {
                s.append(" (branchpoint)");
            }
            if (r.isMergePoint()) {
                s.append(" (mergepoint)");
            }
        }
        if (doc) {
            s.append(", ").append(r.message());
        }
        return s.toString();
    }

    /** The multi-line entry of {@code --verbose} and {@code show}. */
    String entry(Revision r, Set<String> current) {
        StringBuilder s = new StringBuilder("Rev: ").append(r.id());
        if (graph.isHead(r.id())) {
            s.append(" (head)");
        }
        if (graph.isBranchPoint(r.id())) {
            s.append(" (branchpoint)");
        }
        if (r.isMergePoint()) {
            s.append(" (mergepoint)");
        }
        if (current != null && current.contains(r.id())) {
            s.append(" (current)");
        }
        s.append('\n');
        s.append(r.isMergePoint() ? "Merges: " : "Parent: ").append(downText(r)).append('\n');
        if (!r.dependsOn().isEmpty()) {
            s.append("Also depends on: ").append(String.join(", ", r.dependsOn())).append('\n');
        }
        if (graph.isBranchPoint(r.id())) {
            s.append("Branches into: ").append(String.join(", ", graph.children(r.id()))).append('\n');
        }
        Set<String> labels = graph.labelsOf(r.id());
        if (!labels.isEmpty()) {
            s.append("Branch names: ").append(String.join(", ", labels)).append('\n');
        }
        if (!r.transactional()) {
            s.append("Transactional: false\n");
        }
        s.append("Path: ").append(r.origin()).append('\n');
        s.append('\n');
        for (String para : (r.message() + (r.createDate() == null ? "" : "\n\nCreate Date: " + r.createDate())).split("\n", -1)) {
            s.append(para.isEmpty() ? "" : "    " + para).append('\n');
        }
        return s.toString();
    }

    private static String downText(Revision r) {
        return r.downRevisions().isEmpty() ? "<base>" : String.join(", ", r.downRevisions());
    }

    /** A revision as a JSON object. */
    Map<String, Object> json(Revision r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("revision", r.id());
        m.put("down_revisions", r.downRevisions());
        m.put("depends_on", r.dependsOn());
        m.put("branch_labels", List.copyOf(graph.labelsOf(r.id())));
        m.put("declared_labels", r.branchLabels());
        m.put("message", r.message());
        m.put("create_date", r.createDate());
        m.put("transactional", r.transactional());
        m.put("is_head", graph.isHead(r.id()));
        m.put("is_branch_point", graph.isBranchPoint(r.id()));
        m.put("is_merge_point", r.isMergePoint());
        m.put("path", r.origin());
        return m;
    }

    /** A revision just written, for {@code --json} of {@code revision}, {@code merge}: its header and its file. */
    static Map<String, Object> written(Revision r, java.nio.file.Path file) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("revision", r.id());
        m.put("down_revisions", r.downRevisions());
        m.put("branch_labels", r.branchLabels());
        m.put("depends_on", r.dependsOn());
        m.put("message", r.message());
        m.put("file", file.toString());
        return m;
    }
}
