package dev.strata.cli;

import dev.strata.api.Project;
import dev.strata.source.JavaMigrationCompiler;
import dev.strata.api.TargetSelection;
import dev.strata.config.Config;
import dev.strata.config.ConfigLoader;
import dev.strata.config.Secrets;
import dev.strata.config.TargetConfig;
import dev.strata.error.BadInputException;
import dev.strata.expr.RevisionExpr;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What every command shares: the global options, the writers, and the project, loaded once. */
abstract class BaseCommand implements Callable<Integer> {

    private static final Set<String> X_KEYS = Set.of("db");

    Environment environment;

    @ParentCommand
    MigrateCommand global;

    @Spec
    CommandSpec spec;

    private Config config;
    private Project project;
    private java.util.concurrent.CompletableFuture<Project> loading;

    private PrintWriter out;
    private PrintWriter err;

    /**
     * Where the command's output goes: control characters that script text may carry are shown, not
     * sent to the terminal (see {@link VisibleText}), except in SQL printed for psql.
     */
    PrintWriter out() {
        if (out == null) {
            PrintWriter raw = spec.commandLine().getOut();
            out = printsSql() ? raw : new PrintWriter(new VisibleText(raw), true);
        }
        return out;
    }

    /** How online commands report: step lines, notices, and on a terminal a progress line. */
    ConsoleOutput console() {
        PrintWriter progress = environment.terminal().interactive() && !global.quiet ? spec.commandLine().getErr() : null;
        return new ConsoleOutput(out(), err(), quiet(), verbose(), progress);
    }

    PrintWriter err() {
        if (err == null) {
            err = new PrintWriter(new VisibleText(spec.commandLine().getErr()), true);
        }
        return err;
    }

    /** Whether this run prints a SQL script, whose text must reach psql exactly as the scripts say. */
    boolean printsSql() {
        return false;
    }

    boolean json() {
        return global.json;
    }

    boolean quiet() {
        return global.quiet;
    }

    boolean verbose() {
        return global.verbose;
    }

    /**
     * Reports a revision just written: its JSON with {@code --json}; else its note and the
     * {@code Generating ...} line, and with {@code -q} only its id.
     */
    int reportWritten(dev.strata.api.RevisionAuthor.Written written) {
        if (json()) {
            out().println(Json.write(RevisionFormat.written(written.revision(), written.file())));
            return 0;
        }
        if (written.note() != null) {
            info(written.note());
        }
        info("Generating " + written.file() + " ...  done");
        if (quiet()) {
            out().println(written.revision().id());
        }
        return 0;
    }

    /** Informational output, silenced by {@code -q}. */
    void info(String line) {
        if (!global.quiet) {
            out().println(line);
        }
    }

    Config config() {
        if (config == null) {
            targetName(); // validates -x and --db before anything is read
            StartupWork.awaitQuietLogging();
            config = StartupWork.config(global.config, environment);
            if (config == null) {
                ConfigLoader loader = new ConfigLoader(environment.variables());
                config = loader.load(loader.locate(global.config, environment.workingDir()));
            }
            String name = targetName();
            if (name != null) {
                config.target(name); // an unknown --db is an error for every command, not only some
            }
        }
        return config;
    }

    /** The passwords of the configuration, if it has been read; none before. */
    Secrets secrets() {
        return config == null ? Secrets.NONE : config.secrets();
    }

    Project project() {
        if (project == null) {
            if (loading != null) {
                try {
                    project = loading.join();
                } catch (java.util.concurrent.CompletionException e) {
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    throw e;
                }
            } else {
                project = Project.open(config(), javaCache());
            }
        }
        return project;
    }

    /**
     * Starts reading the scripts on another thread, for commands that connect to a database meanwhile:
     * on two cores the two overlap. {@link #project()} waits for it and rethrows its error.
     */
    void loadProjectInBackground() {
        Config c = config();
        java.nio.file.Path cache = javaCache();
        if (project == null && loading == null) {
            loading = java.util.concurrent.CompletableFuture.supplyAsync(() -> Project.open(c, cache));
        }
    }

    /** Where Java migrations are compiled to, from this run's environment (STRATA_CACHE_DIR, ...). */
    private java.nio.file.Path javaCache() {
        return JavaMigrationCompiler.cacheRoot(environment.variables(), System.getProperty("user.home"));
    }

    /** The target named by {@code --db} or {@code -x db=}, or null. */
    String targetName() {
        for (String key : global.extra.keySet()) {
            if (!X_KEYS.contains(key)) {
                throw new BadInputException("-x " + key + "=...: unknown key; known: " + String.join(", ", X_KEYS));
            }
        }
        String x = global.extra.get("db");
        if (x != null && global.db != null && !x.equals(global.db)) {
            throw new BadInputException("--db " + global.db + " and -x db=" + x + " name different targets");
        }
        return global.db != null ? global.db : x;
    }

    Optional<TargetConfig> target(RevisionExpr... exprs) {
        return TargetSelection.choose(config(), targetName(), Arrays.asList(exprs));
    }

    /**
     * The run on the members of the set this target stands for, or null when it is one database (then
     * {@code --only} is refused: it picks members of a set).
     */
    SetRun setRun(TargetConfig target) {
        dev.strata.config.TargetSet set = target == null ? null : config().set(target.name());
        if (set == null) {
            if (!global.only.isEmpty()) {
                throw new BadInputException("--only picks members of a target set; target '"
                        + (target == null ? "?" : target.name()) + "' is one database");
            }
            return null;
        }
        return new SetRun(this, target, set);
    }

    static List<RevisionExpr> exprs(List<String> texts) {
        return texts.stream().map(RevisionExpr::parse).toList();
    }
}
