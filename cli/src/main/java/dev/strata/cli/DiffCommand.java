package dev.strata.cli;

import dev.strata.api.Autogenerate;
import dev.strata.api.TargetSelection;
import dev.strata.config.ConnectionSpec;
import dev.strata.config.TargetConfig;
import dev.strata.diff.Change;
import dev.strata.diff.Diff;
import dev.strata.diff.MigrationText;
import dev.strata.error.BadInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code migrate diff}: the statements that would turn one schema into another, exit 1 when there are
 * some. By default the live target into its desired schema; {@code --drift} the schema its applied
 * scripts build into the live one; {@code --from URL --to URL} any two databases.
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Print the statements that turn the live target into its desired_schema; exit 0 when there are none, 1 when there are some.",
                "--drift: compare the target with what its applied scripts build (changes made by hand).",
                "--from URL --to URL: compare any two databases."})
final class DiffCommand extends BaseCommand {

    @Option(names = "--drift", description = "Replay the target's applied revisions into the scratch database and show how the live target differs.")
    boolean drift;

    @Option(names = "--from", paramLabel = "URL", description = "With --to: the database to start from.")
    String from;

    @Option(names = "--to", paramLabel = "URL", description = "With --from: the database to arrive at.")
    String to;

    @Mixin
    ConnectOptions online;

    @Mixin
    OnlineOptions.LockOption lock;

    @Override
    public Integer call() {
        if ((from == null) != (to == null)) {
            throw new BadInputException("--from and --to go together: give both URLs");
        }
        if (from != null && drift) {
            throw new BadInputException("--drift compares a target; --from/--to compare two URLs: use one or the other");
        }
        Diff diff;
        if (from != null) {
            TargetConfig named = targetName() == null ? null : config().target(targetName());
            diff = Autogenerate.between(ConnectionSpec.ofUrl("--from", from), ConnectionSpec.ofUrl("--to", to),
                    named == null ? null : named.schema(), named == null ? null : named.versionTable());
        } else {
            TargetConfig target = TargetSelection.require(config(), targetName(), List.of());
            ConnectionSpec.of(target);
            loadProjectInBackground();
            SetRun set = setRun(target);
            if (set != null) {
                return set.diff(drift, online.toOptions(lock));
            }
            ConsoleOutput console = new ConsoleOutput(out(), err(), true, false);
            Autogenerate auto = new Autogenerate(this::project, target);
            diff = drift ? auto.drift(online.toOptions(lock), console, Signals.stop()).diff()
                    : auto.desired(online.toOptions(lock), console, false, List.of()).diff();
        }
        print(this, diff);
        return diff.changes().isEmpty() ? 0 : 1;
    }

    /** The statements (or, with --json, statements, changes and warnings); warnings go to stderr in text. */
    static void print(BaseCommand command, Diff diff) {
        List<String> statements = MigrationText.statements(diff);
        if (command.json()) {
            command.out().println(Json.write(json(diff, statements)));
            return;
        }
        diff.warnings().forEach(w -> command.err().println("warning: " + w));
        for (String s : statements) {
            command.out().println(s.endsWith(";") ? s : s + ";");
        }
    }

    static Map<String, Object> json(Diff diff, List<String> statements) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("statements", statements);
        m.put("changes", diff.changes().stream().map(DiffCommand::change).toList());
        m.put("warnings", diff.warnings());
        return m;
    }

    private static Map<String, Object> change(Change c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("detected", c.detected());
        m.put("destructive", c.destructive());
        return m;
    }
}
