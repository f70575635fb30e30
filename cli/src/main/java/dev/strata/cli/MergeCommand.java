package dev.strata.cli;

import dev.strata.api.RevisionAuthor;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code migrate merge}: a merge point of two or more heads. */
@Command(name = "merge", description = "Create a revision that merges two or more heads.")
final class MergeCommand extends BaseCommand {

    @Parameters(arity = "1..*", paramLabel = "REV", description = "The heads to merge, or 'heads' for all of them.")
    List<String> revisions;

    @Option(names = {"-m", "--message"}, paramLabel = "MESSAGE", description = "What the merge is for.")
    String message;

    @Option(names = "--rev-id", paramLabel = "ID", description = "Use this id instead of 12 random hex characters.")
    String revId;

    @Option(names = "--branch-label", paramLabel = "LABEL", description = "Label the merge revision declares.")
    List<String> branchLabels = new ArrayList<>();

    @Override
    public Integer call() {
        RevisionAuthor.Written written = new RevisionAuthor(project(), Clock.systemDefaultZone(), RevisionIds::random)
                .merge(exprs(revisions), message, revId, branchLabels);
        info("Generating " + written.file() + " ...  done");
        if (quiet()) {
            out().println(written.revision().id());
        }
        return 0;
    }
}
