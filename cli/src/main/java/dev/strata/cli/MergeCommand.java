package dev.strata.cli;

import dev.strata.api.RevisionAuthor;
import dev.strata.expr.RevisionExpr;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code migrate merge}: a merge point of two or more heads. */
@Command(name = "merge", mixinStandardHelpOptions = true, description = "Create a revision that merges two or more heads.")
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
        List<RevisionExpr> exprs = exprs(revisions);
        String owned = target().map(dev.strata.config.TargetConfig::branch).orElse(null);
        if (owned != null) {
            // With a target, "heads" means the heads of its branch: merging the other database's branch
            // into it would make one revision belong to both.
            exprs = exprs.stream()
                    .map(e -> e instanceof RevisionExpr.Heads h && h.branch() == null ? RevisionExpr.parse(owned + "@heads") : e)
                    .toList();
        }
        RevisionAuthor.Written written = new RevisionAuthor(project(), Clock.systemDefaultZone(), RevisionIds::random)
                .merge(exprs, message, revId, branchLabels);
        return reportWritten(written);
    }
}
