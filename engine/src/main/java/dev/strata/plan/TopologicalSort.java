package dev.strata.plan;

import dev.strata.graph.RevisionGraph;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Alembic's {@code RevisionMap._topological_sort}, which decides the order of steps: starting from the
 * heads, walk down one branch at a time, and switch to another branch whenever the current candidate
 * is still an ancestor of that branch's head. Ties follow script order.
 *
 * <p>Alembic keeps a full ancestor set per branch head, which is quadratic on large graphs. Here the
 * set to sort is convex (every revision between two of its members is a member), so "the candidate is
 * an ancestor of another pending head" is the same as "the candidate has a child still to emit", an
 * O(children) check; only when it holds do we search upward for which head to switch to. The output is
 * identical; {@code TopologicalSortTest} holds it against a literal port of Alembic's code.
 */
final class TopologicalSort {

    private TopologicalSort() {}

    /**
     * Orders {@code todo} from heads to bases (reverse it for upgrades).
     *
     * @param graph the graph
     * @param todo  the revisions to order (a convex set)
     * @param heads where the walk starts; those not in {@code todo} are ignored
     */
    static int[] sort(RevisionGraph graph, BitSet todo, int[] heads) {
        BitSet pending = (BitSet) todo.clone();
        BitSet inFrontier = new BitSet();
        List<Integer> frontier = new ArrayList<>();
        int[] start = Arrays.stream(heads).filter(todo::get).distinct().sorted().toArray();
        for (int h : start) {
            frontier.add(h);
            inFrontier.set(h);
        }
        int[] out = new int[todo.cardinality()];
        int emitted = 0;
        int idx = 0;
        while (!frontier.isEmpty()) {
            int candidate = frontier.get(idx);
            if (hasPendingChild(graph, pending, candidate)) {
                idx = firstDescendantHead(graph, pending, frontier, idx);
                continue;
            }
            if (pending.get(candidate)) {
                out[emitted++] = candidate;
                pending.clear(candidate);
            }
            List<Integer> toAdd = new ArrayList<>(2);
            for (int p : graph.normalizedDownOf(candidate)) {
                if (pending.get(p) && !inFrontier.get(p)) {
                    toAdd.add(p);
                }
            }
            inFrontier.clear(candidate);
            if (toAdd.isEmpty()) {
                frontier.remove(idx);
                idx = Math.max(idx - 1, 0);
            } else {
                frontier.set(idx, toAdd.get(0));
                inFrontier.set(toAdd.get(0));
                for (int k = 1; k < toAdd.size(); k++) {
                    frontier.add(toAdd.get(k));
                    inFrontier.set(toAdd.get(k));
                }
            }
        }
        if (emitted != out.length) {
            throw new IllegalStateException("topological sort left " + (out.length - emitted) + " revisions");
        }
        return out;
    }

    private static boolean hasPendingChild(RevisionGraph graph, BitSet pending, int candidate) {
        for (int c : graph.allNextOf(candidate)) {
            if (pending.get(c)) {
                return true;
            }
        }
        return false;
    }

    /** The lowest frontier index, other than {@code idx}, whose head descends from the candidate. */
    private static int firstDescendantHead(RevisionGraph graph, BitSet pending, List<Integer> frontier, int idx) {
        int candidate = frontier.get(idx);
        BitSet seen = new BitSet();
        ArrayDeque<Integer> todo = new ArrayDeque<>();
        todo.push(candidate);
        seen.set(candidate);
        while (!todo.isEmpty()) {
            int cur = todo.pop();
            for (int c : graph.allNextOf(cur)) {
                if (pending.get(c) && !seen.get(c)) {
                    seen.set(c);
                    todo.push(c);
                }
            }
        }
        for (int k = 0; k < frontier.size(); k++) {
            if (k != idx && seen.get(frontier.get(k))) {
                return k;
            }
        }
        throw new IllegalStateException("revision " + graph.id(candidate) + " has pending children but no pending head");
    }
}
