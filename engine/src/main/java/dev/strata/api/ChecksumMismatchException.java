package dev.strata.api;

import dev.strata.error.StrataException;
import java.util.List;

/** Scripts of applied revisions changed since they ran. */
public final class ChecksumMismatchException extends StrataException {
    private final List<String> revisions;

    public ChecksumMismatchException(String target, List<String> revisions) {
        super("target '" + target + "': " + (revisions.size() == 1 ? "the script of applied revision " : "the scripts of applied revisions ")
                + String.join(", ", revisions) + " changed since " + (revisions.size() == 1 ? "it" : "they")
                + " ran; restore " + (revisions.size() == 1 ? "it" : "them") + ", or if the change is intended"
                + " (a comment, a fixed downgrade) run again with --allow-changed");
        this.revisions = List.copyOf(revisions);
    }

    public List<String> revisions() {
        return revisions;
    }

    @Override
    public Kind kind() {
        return Kind.CHECK_FAILED;
    }
}
