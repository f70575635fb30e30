package dev.strata.graph;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One revision as its script declares it: the graph is built from these alone, never from bodies.
 *
 * @param id            letters, digits, {@code _} and {@code .}
 * @param downRevisions parents; empty for a root, two or more for a merge point
 * @param branchLabels  labels declared on this revision (they also mark its descendants)
 * @param dependsOn     revision ids or branch labels this revision needs applied first
 * @param message       the human description
 * @param createDate    as written in the header, or {@code null}
 * @param transactional false when the revision must run outside a transaction
 * @param origin        where it was declared (a file path), for messages
 */
public record Revision(
        String id,
        List<String> downRevisions,
        List<String> branchLabels,
        List<String> dependsOn,
        String message,
        String createDate,
        boolean transactional,
        String origin) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.]+");

    public Revision {
        Objects.requireNonNull(id, "id");
        // A name listed twice means it once: "b: a, a" is not a merge point.
        downRevisions = List.copyOf(new java.util.LinkedHashSet<>(downRevisions));
        branchLabels = List.copyOf(new java.util.LinkedHashSet<>(branchLabels));
        dependsOn = List.copyOf(new java.util.LinkedHashSet<>(dependsOn));
        message = message == null ? "" : message;
        origin = origin == null ? id : origin;
    }

    /** A revision with only the parts the graph needs; for tests and generated graphs. */
    public static Revision of(String id, List<String> downRevisions, List<String> branchLabels, List<String> dependsOn) {
        return new Revision(id, downRevisions, branchLabels, dependsOn, "", null, true, id);
    }

    /** Whether {@code id} is a well-formed revision id (letters, digits, {@code _}, {@code .}). */
    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    public boolean isMergePoint() {
        return downRevisions.size() > 1;
    }

    // Written out rather than generated: a record's own equals and hashCode are bound on first use
    // through method handles, which costs a fresh process more than all its comparisons together.
    @Override
    public boolean equals(Object o) {
        return o instanceof Revision r && transactional == r.transactional && id.equals(r.id)
                && downRevisions.equals(r.downRevisions) && branchLabels.equals(r.branchLabels) && dependsOn.equals(r.dependsOn)
                && message.equals(r.message) && Objects.equals(createDate, r.createDate) && origin.equals(r.origin);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, downRevisions, branchLabels, dependsOn, message, createDate, transactional, origin);
    }
}
