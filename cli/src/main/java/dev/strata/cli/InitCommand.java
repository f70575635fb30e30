package dev.strata.cli;

import dev.strata.api.ProjectInit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code migrate init}: a new project. */
@Command(name = "init", mixinStandardHelpOptions = true, description = "Create migrate.toml and a script folder per branch.")
final class InitCommand extends BaseCommand {

    @Parameters(arity = "0..1", paramLabel = "DIR", description = "Project folder (default: the current one).")
    Path dir;

    @Option(names = {"-b", "--branch"}, paramLabel = "NAME",
            description = "A branch with its own folder (branches/NAME) and target; repeat for several.")
    List<String> branches = new ArrayList<>();

    @Override
    public Integer call() {
        targetName(); // validates -x keys
        if (global.db != null || global.extra.containsKey("db")) {
            throw new dev.strata.error.BadInputException("init creates a project; --db / -x db= do not apply to it");
        }
        Path where = environment.workingDir().resolve(dir == null ? Path.of(".") : dir).normalize();
        for (Path p : ProjectInit.create(where, branches)) {
            info("Created " + environment.workingDir().relativize(p.toAbsolutePath()));
        }
        info("Next: migrate revision -m \"first revision\"" + (branches.isEmpty() ? "" : " --db " + branches.get(0)));
        return 0;
    }
}
