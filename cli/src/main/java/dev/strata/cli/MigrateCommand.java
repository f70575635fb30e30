package dev.strata.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code migrate}: the global options every command shares, and the list of commands. */
@Command(
        name = "migrate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Branch-aware schema migrations for PostgreSQL and TimescaleDB.",
        synopsisSubcommandLabel = "COMMAND",
        footer = {"", "Exit codes: 0 done; 1 a check found something; 2 bad usage or input;",
                  "3 database unreachable; 4 a migration failed; 130/143 stopped by SIGINT/SIGTERM;",
                  "70 internal error (a bug).",
                  "Docs: docs/reference/cli.md"})
final class MigrateCommand implements Runnable {

    /**
     * Every command, in the order help lists them. Main registers only the one being run: building all
     * of them through reflection costs a cold JVM a tenth of a second on every call.
     */
    static final java.util.Map<String, Class<?>> COMMANDS = commands();

    private static java.util.Map<String, Class<?>> commands() {
        java.util.Map<String, Class<?>> m = new java.util.LinkedHashMap<>();
        m.put("init", InitCommand.class);
        m.put("revision", RevisionCommand.class);
        m.put("merge", MergeCommand.class);
        m.put("upgrade", UpgradeCommand.class);
        m.put("downgrade", DowngradeCommand.class);
        m.put("current", CurrentCommand.class);
        m.put("stamp", StampCommand.class);
        m.put("check", CheckCommand.class);
        m.put("diff", DiffCommand.class);
        m.put("status", StatusCommand.class);
        m.put("heads", HeadsCommand.class);
        m.put("branches", BranchesCommand.class);
        m.put("history", HistoryCommand.class);
        m.put("show", ShowCommand.class);
        m.put("graph", GraphCommand.class);
        m.put("import", ImportCommand.class);
        m.put("completion", CompletionCommand.class);
        return java.util.Collections.unmodifiableMap(m);
    }

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Config file (default: $MIGRATE_CONFIG, else ./migrate.toml).")
    String config;

    @Option(names = "-x", paramLabel = "KEY=VALUE", scope = ScopeType.INHERIT,
            description = "Extra argument, as in Alembic; -x db=NAME picks the target.")
    Map<String, String> extra = new LinkedHashMap<>();

    @Option(names = "--db", paramLabel = "NAME", scope = ScopeType.INHERIT, description = "The target to act on (same as -x db=NAME).")
    String db;

    @Option(names = "--only", paramLabel = "NAME", split = ",", splitSynopsisLabel = ",", scope = ScopeType.INHERIT,
            description = "With a target set: act only on these members.")
    java.util.List<String> only = new java.util.ArrayList<>();

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Machine-readable output.")
    boolean json;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "Print only results and errors.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "Print more detail.")
    boolean verbose;

    @Option(names = "--stacktrace", scope = ScopeType.INHERIT, description = "Print the stack trace of an error (for bug reports).")
    boolean stacktrace;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }
}
