package dev.strata.plan;

import dev.strata.graph.Revision;
import java.util.List;

/**
 * One revision to run in one direction, with the head-set change that records it.
 *
 * @param revision  the revision whose upgrade or downgrade part runs
 * @param direction which part
 * @param change    what the version table does once the part has run
 */
public record Step(Revision revision, Direction direction, HeadChange change) {

    /** Where the step starts: the down revisions for an upgrade, the revision for a downgrade. */
    public List<String> from() {
        return direction == Direction.UPGRADE ? revision.downRevisions() : List.of(revision.id());
    }

    /** Where the step ends: the revision for an upgrade, its down revisions for a downgrade. */
    public List<String> to() {
        return direction == Direction.UPGRADE ? List.of(revision.id()) : revision.downRevisions();
    }

    /** Whether the step runs inside a transaction, as its script declares. */
    public boolean transactional() {
        return revision.transactional();
    }

    /** Alembic's log text: {@code upgrade a, b -> c, message} (no message part when it is empty). */
    public String describe() {
        String text = direction.word() + " " + String.join(", ", from()) + " -> " + String.join(", ", to());
        return revision.message().isEmpty() ? text : text + ", " + revision.message();
    }
}
