package dev.strata.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Literal graphs for tests, in the notation dev/alembic_oracle.py reads:
 * {@code ID[:DOWN,DOWN][@LABEL,LABEL][~DEP,DEP]} separated by spaces, in script order.
 */
public final class Graphs {

    private Graphs() {}

    public static List<Revision> revisions(String spec) {
        List<Revision> out = new ArrayList<>();
        for (String word : spec.trim().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            List<String> deps = List.of();
            List<String> labels = List.of();
            List<String> down = List.of();
            String w = word;
            int tilde = w.indexOf('~');
            if (tilde >= 0) {
                deps = Arrays.asList(w.substring(tilde + 1).split(","));
                w = w.substring(0, tilde);
            }
            int at = w.indexOf('@');
            if (at >= 0) {
                labels = Arrays.asList(w.substring(at + 1).split(","));
                w = w.substring(0, at);
            }
            int colon = w.indexOf(':');
            if (colon >= 0) {
                down = Arrays.asList(w.substring(colon + 1).split(","));
                w = w.substring(0, colon);
            }
            out.add(new Revision(w, down, labels, deps, "msg " + w, null, true, w + ".sql"));
        }
        return out;
    }

    public static RevisionGraph graph(String spec) {
        return RevisionGraph.of(revisions(spec));
    }
}
