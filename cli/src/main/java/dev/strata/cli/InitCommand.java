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
        ProjectInit.Result made = ProjectInit.create(where, branches);
        for (ProjectInit.Kept k : made.kept()) {
            String folder = environment.workingDir().relativize(k.folder().toAbsolutePath()).toString();
            info("Using the existing folder " + folder + (k.scripts() == 0 ? " (no scripts in it)"
                    : " and its " + k.scripts() + " script" + (k.scripts() == 1 ? "" : "s") + ", now part of the revision graph"));
            if (k.pythonFiles() > 0) {
                err().println("warning: " + folder + " holds " + k.pythonFiles() + " .py file" + (k.pythonFiles() == 1 ? "" : "s")
                        + ": Alembic revisions are not read by Strata; convert them with: migrate import alembic " + folder);
            }
        }
        for (Path p : made.created()) {
            info("Created " + environment.workingDir().relativize(p.toAbsolutePath()));
        }
        info("Next: migrate revision -m \"first revision\"" + (branches.isEmpty() ? "" : " --db " + branches.get(0)));
        return 0;
    }
}
