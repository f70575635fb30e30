package dev.strata.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every revision of every script location as one immutable graph, with Alembic's semantics.
 *
 * <p>Built once from a list of revisions; the list order is the tie-breaker wherever Alembic uses the
 * order of its revision map (script locations in configured order, files sorted by name). Validation is
 * eager: duplicate ids, unknown down revisions and dependencies, cycles through down revisions or
 * {@code depends_on}, a label declared twice, a label equal to a revision id.
 *
 * <p>Internally revisions are numbered by list position; the {@code int} methods work on those numbers
 * and exist for the resolver and planner, which walk large graphs.
 */
public final class RevisionGraph {

    private static final Set<String> RESERVED = Set.of("head", "heads", "base", "current");

    private final Revision[] revs;
    private final Map<String, Integer> byId;
    /** Declared label -> the revision declaring it. */
    private final Map<String, Integer> byLabel;
    /** Parents by down_revision ("versioned" in Alembic). */
    private final int[][] down;
    /** depends_on resolved to revision numbers. */
    private final int[][] deps;
    /** depends_on minus what versioned ancestors already depend on. */
    private final int[][] normDeps;
    /** down + normDeps, deduplicated: the edges of "ancestors including dependencies". */
    private final int[][] normDown;
    /** Children by down_revision. */
    private final int[][] next;
    /** Children by down_revision or depends_on. */
    private final int[][] allNext;
    /** Labels of each revision: declared ones and those propagated as Alembic does. */
    private final List<Set<String>> labels;
    /** Position in one topological order (parents and dependencies first). */
    private final int[] topo;
    private final int[] heads;
    private final int[] realHeads;
    private final int[] bases;
    private final int[] realBases;

    private RevisionGraph(List<Revision> revisions) {
        int n = revisions.size();
        this.revs = revisions.toArray(new Revision[0]);
        this.byId = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            Revision r = revs[i];
            Integer previous = byId.putIfAbsent(r.id(), i);
            if (previous != null) {
                throw new DuplicateRevisionException(r.id(), List.of(revs[previous].origin(), r.origin()));
            }
        }
        this.byLabel = mapLabels();
        this.down = new int[n][];
        this.deps = new int[n][];
        for (int i = 0; i < n; i++) {
            Revision r = revs[i];
            down[i] = resolve(i, r.downRevisions(), "down_revision", false);
            deps[i] = resolve(i, r.dependsOn(), "depends_on", true);
        }
        this.next = invert(down, null);
        this.allNext = invert(down, deps);
        this.topo = topologicalPositions();
        this.normDeps = normalizeDependencies();
        this.normDown = new int[n][];
        for (int i = 0; i < n; i++) {
            normDown[i] = dedupe(concat(down[i], normDeps[i]));
        }
        this.heads = select(i -> next[i].length == 0);
        this.realHeads = select(i -> allNext[i].length == 0);
        this.bases = select(i -> down[i].length == 0);
        this.realBases = select(i -> down[i].length == 0 && deps[i].length == 0);
        this.labels = propagateLabels();
    }

    /**
     * Builds and validates the graph.
     *
     * @param revisions every revision, in script order (locations as configured, files by name)
     * @throws GraphException when the revisions do not form a valid graph
     */
    public static RevisionGraph of(List<Revision> revisions) {
        return new RevisionGraph(revisions);
    }

    // ---- construction -------------------------------------------------------------------------

    private Map<String, Integer> mapLabels() {
        Map<String, Integer> map = new HashMap<>();
        for (int i = 0; i < revs.length; i++) {
            Revision r = revs[i];
            for (String label : r.branchLabels()) {
                if (!Revision.isValidId(label)) {
                    throw new BranchLabelException(label, r.id(), "may hold only letters, digits, '_' and '.'");
                }
                if (RESERVED.contains(label)) {
                    throw new BranchLabelException(label, r.id(), "is a reserved word");
                }
                if (byId.containsKey(label)) {
                    throw new BranchLabelException(label, r.id(), "is already the id of revision " + label);
                }
                Integer previous = map.putIfAbsent(label, i);
                if (previous != null) {
                    throw new BranchLabelException(label, r.id(), "is already declared by revision "
                            + revs[previous].id() + " (" + revs[previous].origin() + ")");
                }
            }
        }
        return map;
    }

    private int[] resolve(int self, List<String> names, String field, boolean labelsAllowed) {
        Revision r = revs[self];
        int[] out = new int[names.size()];
        int k = 0;
        for (String name : names) {
            Integer idx = byId.get(name);
            if (idx == null && labelsAllowed) {
                idx = byLabel.get(name);
            }
            if (idx == null) {
                throw new UnknownReferenceException(r.id(), r.origin(), field, name);
            }
            if (idx == self) {
                throw new CycleException(List.of(r.id(), r.id()), labelsAllowed);
            }
            out[k++] = idx;
        }
        return dedupe(out);
    }

    private int[][] invert(int[][] edges, int[][] more) {
        int n = revs.length;
        int[] counts = new int[n];
        for (int i = 0; i < n; i++) {
            for (int p : unionOf(edges[i], more == null ? null : more[i])) {
                counts[p]++;
            }
        }
        int[][] out = new int[n][];
        for (int i = 0; i < n; i++) {
            out[i] = new int[counts[i]];
            counts[i] = 0;
        }
        for (int i = 0; i < n; i++) {
            for (int p : unionOf(edges[i], more == null ? null : more[i])) {
                out[p][counts[p]++] = i;
            }
        }
        return out;
    }

    private static int[] unionOf(int[] a, int[] b) {
        return b == null || b.length == 0 ? a : dedupe(concat(a, b));
    }

    /** Kahn's algorithm over down revisions and dependencies; reports a cycle if one exists. */
    private int[] topologicalPositions() {
        int n = revs.length;
        int[] pending = new int[n];
        ArrayDeque<Integer> ready = new ArrayDeque<>();
        for (int i = 0; i < n; i++) {
            pending[i] = unionOf(down[i], deps[i]).length;
            if (pending[i] == 0) {
                ready.add(i);
            }
        }
        int[] position = new int[n];
        Arrays.fill(position, -1);
        int placed = 0;
        while (!ready.isEmpty()) {
            int i = ready.poll();
            position[i] = placed++;
            for (int c : allNext[i]) {
                if (--pending[c] == 0) {
                    ready.add(c);
                }
            }
        }
        if (placed < n) {
            throw cycleAmong(position);
        }
        return position;
    }

    private CycleException cycleAmong(int[] position) {
        // Every unplaced revision has an unplaced parent or dependency: walk them until one repeats.
        int start = 0;
        while (position[start] >= 0) {
            start++;
        }
        Map<Integer, Integer> seenAt = new HashMap<>();
        List<Integer> path = new ArrayList<>();
        boolean viaDependency = false;
        List<Boolean> dependencyEdge = new ArrayList<>();
        int cur = start;
        while (!seenAt.containsKey(cur)) {
            seenAt.put(cur, path.size());
            path.add(cur);
            int nextNode = -1;
            boolean isDep = false;
            for (int p : down[cur]) {
                if (position[p] < 0) {
                    nextNode = p;
                    break;
                }
            }
            if (nextNode < 0) {
                for (int p : deps[cur]) {
                    if (position[p] < 0) {
                        nextNode = p;
                        isDep = true;
                        break;
                    }
                }
            }
            dependencyEdge.add(isDep);
            cur = nextNode;
        }
        List<String> ids = new ArrayList<>();
        for (int k = seenAt.get(cur); k < path.size(); k++) {
            ids.add(revs[path.get(k)].id());
            viaDependency |= dependencyEdge.get(k);
        }
        ids.add(revs[cur].id());
        return new CycleException(ids, viaDependency);
    }

    /** Alembic's {@code _normalize_depends_on}: drop dependencies a versioned ancestor already declares. */
    private int[][] normalizeDependencies() {
        int n = revs.length;
        int[][] out = new int[n][];
        for (int i = 0; i < n; i++) {
            if (deps[i].length == 0) {
                out[i] = deps[i];
                continue;
            }
            Set<Integer> kept = new LinkedHashSet<>();
            for (int d : deps[i]) {
                kept.add(d);
            }
            BitSet anc = ancestors(new int[] {i}, false);
            for (int a = anc.nextSetBit(0); a >= 0 && !kept.isEmpty(); a = anc.nextSetBit(a + 1)) {
                if (a != i) {
                    for (int d : deps[a]) {
                        kept.remove(d);
                    }
                }
            }
            out[i] = kept.stream().mapToInt(Integer::intValue).toArray();
        }
        return out;
    }

    /**
     * Alembic's {@code _add_branches}: a label marks its revision and every descendant (by down
     * revision); when that descendant line is a plain chain, it also marks the ancestors above the
     * revision up to the nearest branch point or merge point.
     */
    private List<Set<String>> propagateLabels() {
        int n = revs.length;
        List<Set<String>> out = new ArrayList<>(Collections.nCopies(n, Set.of()));
        List<Set<String>> mutable = new ArrayList<>(Collections.nCopies(n, null));
        for (int r = 0; r < n; r++) {
            List<String> declared = revs[r].branchLabels();
            if (declared.isEmpty()) {
                continue;
            }
            BitSet desc = descendants(new int[] {r}, false);
            for (int d = desc.nextSetBit(0); d >= 0; d = desc.nextSetBit(d + 1)) {
                addLabels(mutable, d, declared);
            }
            // Alembic walks up from the last descendant it visited; that walk only leaves the labelled
            // revision's subtree when the subtree is a single chain free of branch and merge points.
            int node = r;
            boolean plainChain = true;
            while (true) {
                if (allNext[node].length > 1 || down[node].length > 1) {
                    plainChain = false;
                    break;
                }
                if (next[node].length == 0) {
                    break;
                }
                node = next[node][0];
            }
            if (!plainChain) {
                continue;
            }
            int parent = down[r].length == 1 ? down[r][0] : -1;
            while (parent >= 0 && allNext[parent].length <= 1 && down[parent].length <= 1) {
                addLabels(mutable, parent, declared);
                parent = down[parent].length == 1 ? down[parent][0] : -1;
            }
        }
        for (int i = 0; i < n; i++) {
            if (mutable.get(i) != null) {
                out.set(i, Collections.unmodifiableSet(mutable.get(i)));
            }
        }
        return out;
    }

    private static void addLabels(List<Set<String>> sets, int i, List<String> labels) {
        Set<String> s = sets.get(i);
        if (s == null) {
            s = new TreeSet<>();
            sets.set(i, s);
        }
        s.addAll(labels);
    }

    private interface IntPredicate {
        boolean test(int i);
    }

    private int[] select(IntPredicate p) {
        int[] out = new int[revs.length];
        int k = 0;
        for (int i = 0; i < revs.length; i++) {
            if (p.test(i)) {
                out[k++] = i;
            }
        }
        return Arrays.copyOf(out, k);
    }

    private static int[] concat(int[] a, int[] b) {
        if (b.length == 0) {
            return a;
        }
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static int[] dedupe(int[] a) {
        if (a.length < 2) {
            return a;
        }
        int[] out = new int[a.length];
        int k = 0;
        outer:
        for (int x : a) {
            for (int j = 0; j < k; j++) {
                if (out[j] == x) {
                    continue outer;
                }
            }
            out[k++] = x;
        }
        return k == a.length ? a : Arrays.copyOf(out, k);
    }

    // ---- queries by id ------------------------------------------------------------------------

    public int size() {
        return revs.length;
    }

    /** All revisions in script order. */
    public List<Revision> revisions() {
        return List.of(revs);
    }

    public boolean contains(String id) {
        return byId.containsKey(id);
    }

    /** The revision with this exact id. */
    public Revision get(String id) {
        Integer i = byId.get(id);
        if (i == null) {
            throw new UnknownRevisionException(id, ids(heads), null);
        }
        return revs[i];
    }

    /** Heads: revisions no other revision names as down revision (dependencies do not count). */
    public List<String> heads() {
        return ids(heads);
    }

    /** Heads that no revision depends on either (Alembic's "real" heads; what {@code heads} resolves to). */
    public List<String> realHeads() {
        return ids(realHeads);
    }

    /** Roots: revisions without down revisions. */
    public List<String> bases() {
        return ids(bases);
    }

    /** Declared branch labels, each with the revision declaring it. */
    public Map<String, String> declaredLabels() {
        Map<String, String> out = new java.util.TreeMap<>();
        byLabel.forEach((label, i) -> out.put(label, revs[i].id()));
        return out;
    }

    /** Labels of a revision: those it declares and those it inherits as Alembic propagates them. */
    public Set<String> labelsOf(String id) {
        return labels.get(indexOf(id));
    }

    public boolean isHead(String id) {
        return next[indexOf(id)].length == 0;
    }

    public boolean isBranchPoint(String id) {
        return next[indexOf(id)].length > 1;
    }

    /** Children by down revision, in script order. */
    public List<String> children(String id) {
        return ids(next[indexOf(id)]);
    }

    /** Revision ids of all ancestors of {@code id} (not itself), through down revisions and dependencies. */
    public Set<String> ancestorsOf(String id) {
        BitSet set = ancestors(new int[] {indexOf(id)}, true);
        set.clear(indexOf(id));
        return idSet(set);
    }

    /** Revision ids of all descendants of {@code id} (not itself), through down revisions and dependencies. */
    public Set<String> descendantsOf(String id) {
        BitSet set = descendants(new int[] {indexOf(id)}, true);
        set.clear(indexOf(id));
        return idSet(set);
    }

    /** A topological order of all revisions: down revisions and dependencies before their children. */
    public List<String> topologicalOrder() {
        String[] out = new String[revs.length];
        for (int i = 0; i < revs.length; i++) {
            out[topo[i]] = revs[i].id();
        }
        return List.of(out);
    }

    private Set<String> idSet(BitSet set) {
        Set<String> out = new LinkedHashSet<>();
        for (int i = set.nextSetBit(0); i >= 0; i = set.nextSetBit(i + 1)) {
            out.add(revs[i].id());
        }
        return out;
    }

    // ---- queries by number, for the resolver and planner ---------------------------------------

    /** The number of a revision id, or -1. */
    public int index(String id) {
        Integer i = byId.get(id);
        return i == null ? -1 : i;
    }

    private int indexOf(String id) {
        Integer i = byId.get(id);
        if (i == null) {
            throw new UnknownRevisionException(id, ids(heads), null);
        }
        return i;
    }

    /** The number of the revision declaring {@code label}, or -1. */
    public int labelIndex(String label) {
        Integer i = byLabel.get(label);
        return i == null ? -1 : i;
    }

    public Revision revision(int i) {
        return revs[i];
    }

    public String id(int i) {
        return revs[i].id();
    }

    public List<String> ids(int[] numbers) {
        String[] out = new String[numbers.length];
        for (int k = 0; k < numbers.length; k++) {
            out[k] = revs[numbers[k]].id();
        }
        return List.of(out);
    }

    public int[] headIndexes() {
        return heads.clone();
    }

    public int[] realHeadIndexes() {
        return realHeads.clone();
    }

    public int[] baseIndexes() {
        return bases.clone();
    }

    public int[] realBaseIndexes() {
        return realBases.clone();
    }

    /** Down revisions only. */
    public int[] downOf(int i) {
        return down[i];
    }

    /** Resolved dependencies, before normalisation. */
    public int[] dependenciesOf(int i) {
        return deps[i];
    }

    /** Dependencies not already implied by a versioned ancestor. */
    public int[] normalizedDependenciesOf(int i) {
        return normDeps[i];
    }

    /** Down revisions plus normalised dependencies: what a step moves from (Alembic's normalized down revisions). */
    public int[] normalizedDownOf(int i) {
        return normDown[i];
    }

    /** Children by down revision. */
    public int[] nextOf(int i) {
        return next[i];
    }

    /** Children by down revision or dependency. */
    public int[] allNextOf(int i) {
        return allNext[i];
    }

    public Set<String> labelsOf(int i) {
        return labels.get(i);
    }

    public int topologicalPosition(int i) {
        return topo[i];
    }

    /** The targets and all their ancestors; through dependencies when asked. */
    public BitSet ancestors(int[] targets, boolean includeDependencies) {
        return walk(targets, includeDependencies ? normDown : down);
    }

    /** The targets and all their descendants; through dependants when asked. */
    public BitSet descendants(int[] targets, boolean includeDependencies) {
        return walk(targets, includeDependencies ? allNext : next);
    }

    private BitSet walk(int[] targets, int[][] edges) {
        BitSet seen = new BitSet(revs.length);
        int[] stack = new int[16];
        int top = 0;
        for (int t : targets) {
            if (seen.get(t)) {
                continue;
            }
            seen.set(t);
            stack[top++] = t;
            while (top > 0) {
                int cur = stack[--top];
                for (int e : edges[cur]) {
                    if (!seen.get(e)) {
                        seen.set(e);
                        if (top == stack.length) {
                            stack = Arrays.copyOf(stack, top * 2);
                        }
                        stack[top++] = e;
                    }
                }
            }
        }
        return seen;
    }

    /**
     * Whether {@code ancestor} is an ancestor of (or equal to) {@code of}, through dependencies. Walks
     * down from {@code of}, never below the ancestor's topological position, so a check between close
     * revisions stays cheap in a large graph.
     */
    public boolean isAncestor(int ancestor, int of) {
        if (ancestor == of) {
            return true;
        }
        int floor = topo[ancestor];
        if (topo[of] < floor) {
            return false;
        }
        BitSet seen = new BitSet();
        ArrayDeque<Integer> todo = new ArrayDeque<>();
        todo.push(of);
        seen.set(of);
        while (!todo.isEmpty()) {
            int cur = todo.pop();
            for (int p : normDown[cur]) {
                if (p == ancestor) {
                    return true;
                }
                if (topo[p] > floor && !seen.get(p)) {
                    seen.set(p);
                    todo.push(p);
                }
            }
        }
        return false;
    }

    /**
     * Alembic's {@code _shares_lineage}: whether {@code target} is an ancestor or descendant of (or
     * equal to) any of {@code against}, through down revisions only unless asked.
     */
    public boolean sharesLineage(int target, int[] against, boolean includeDependencies) {
        if (against.length == 0) {
            return true;
        }
        BitSet related = descendants(new int[] {target}, includeDependencies);
        related.or(ancestors(new int[] {target}, includeDependencies));
        for (int a : against) {
            if (related.get(a)) {
                return true;
            }
        }
        return false;
    }
}
