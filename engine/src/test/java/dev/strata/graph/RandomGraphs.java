package dev.strata.graph;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Random valid revision graphs for property tests, shaped like dev/gen_cases.py's: ids {@code r000},
 * {@code r001}, ... where each revision's down revisions and dependencies come before it in id order;
 * some roots, some merges of two or three, some labels (L0, L1, ...), some depends_on (on an id or a
 * label); script order shuffled so it is not a topological order.
 */
public final class RandomGraphs {

    private RandomGraphs() {}

    public static List<Revision> revisions(Random rnd, int n) {
        List<String> ids = new ArrayList<>();
        List<String> labelOf = new ArrayList<>();
        List<Revision> out = new ArrayList<>();
        int labels = 0;
        for (int i = 0; i < n; i++) {
            String id = String.format("r%03d", i);
            List<String> down = new ArrayList<>();
            if (i > 0 && rnd.nextDouble() > 0.12) {
                int k = rnd.nextDouble() < 0.8 ? 1 : 2 + rnd.nextInt(2);
                List<String> pool = new ArrayList<>(ids);
                Collections.shuffle(pool, rnd);
                down.addAll(pool.subList(0, Math.min(k, pool.size())));
            }
            List<String> label = new ArrayList<>();
            if (rnd.nextDouble() < 0.15) {
                label.add("L" + labels++);
            }
            List<String> deps = new ArrayList<>();
            if (i > 1 && rnd.nextDouble() < 0.15) {
                int count = rnd.nextDouble() < 0.8 ? 1 : 2;
                for (int d = 0; d < count; d++) {
                    int j = rnd.nextInt(i);
                    String name = labelOf.get(j) != null && rnd.nextBoolean() ? labelOf.get(j) : ids.get(j);
                    if (!deps.contains(name)) {
                        deps.add(name);
                    }
                }
            }
            out.add(new Revision(id, down, label, deps, "msg " + id, null, true, id + ".sql"));
            ids.add(id);
            labelOf.add(label.isEmpty() ? null : label.get(0));
        }
        Collections.shuffle(out, rnd);
        return out;
    }

    public static RevisionGraph graph(Random rnd, int minSize, int maxSize) {
        return RevisionGraph.of(revisions(rnd, minSize + rnd.nextInt(maxSize - minSize + 1)));
    }

    /** The graph in {@link Graphs}' notation, to paste into dev/alembic_oracle.py when a property fails. */
    public static String spec(RevisionGraph graph) {
        StringBuilder sb = new StringBuilder();
        for (Revision r : graph.revisions()) {
            sb.append(sb.length() == 0 ? "" : " ").append(r.id());
            if (!r.downRevisions().isEmpty()) {
                sb.append(':').append(String.join(",", r.downRevisions()));
            }
            if (!r.branchLabels().isEmpty()) {
                sb.append('@').append(String.join(",", r.branchLabels()));
            }
            if (!r.dependsOn().isEmpty()) {
                sb.append('~').append(String.join(",", r.dependsOn()));
            }
        }
        return sb.toString();
    }

    /** A random set of revisions closed under ancestors (through dependencies): a state some upgrade reaches. */
    public static BitSet appliedState(Random rnd, RevisionGraph graph) {
        int[] picks = rnd.ints(rnd.nextInt(3), 0, graph.size()).toArray();
        return graph.ancestors(picks, true);
    }

    /** The revisions of {@code applied} that no other applied revision follows or depends on. */
    public static int[] headsOf(RevisionGraph graph, BitSet applied) {
        List<Integer> out = new ArrayList<>();
        for (int r = applied.nextSetBit(0); r >= 0; r = applied.nextSetBit(r + 1)) {
            boolean head = true;
            for (int c : graph.allNextOf(r)) {
                if (applied.get(c)) {
                    head = false;
                    break;
                }
            }
            if (head) {
                out.add(r);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
