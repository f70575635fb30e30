package dev.strata.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/** Entry point of {@code migrate}. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        Path workingDir = Path.of("").toAbsolutePath();
        StartupWork.start(commandName(args) != null, configOption(args), new Environment(env, workingDir));
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        Signals.install(err);
        int code = run(args, out, err, env, workingDir);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** The command the arguments name, or null (help, a typo): then every command is registered. */
    static String commandName(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-c") || a.equals("--config") || a.equals("-x") || a.equals("--db") || a.equals("--only")) {
                i++;
            } else if (a.equals("--")) {
                return null;
            } else if (!a.startsWith("-")) {
                return MigrateCommand.COMMANDS.containsKey(a) ? a : null;
            }
        }
        return null;
    }

    /**
     * The value of {@code -c}/{@code --config} in the forms picocli takes on its own ({@code -c F},
     * {@code -cF}, {@code -c=F}, {@code --config F}, {@code --config=F}); null if absent. Forms it
     * misses (clustered with other flags, in an {@code @file}) only cost the configuration read ahead:
     * {@link StartupWork#config} compares with what picocli parsed.
     */
    static String configOption(String[] args) {
        String value = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                break;
            } else if (a.equals("-c") || a.equals("--config")) {
                value = i + 1 < args.length ? args[++i] : null;
            } else if (a.startsWith("--config=")) {
                value = a.substring("--config=".length());
            } else if (a.startsWith("-c=")) {
                value = a.substring(3);
            } else if (a.startsWith("-c")) {
                value = a.substring(2);
            }
        }
        return value;
    }

    /**
     * Runs one command line; what tests call.
     *
     * @param env        the environment (MIGRATE_CONFIG, variables the config interpolates)
     * @param workingDir where relative paths and {@code migrate.toml} are looked up
     * @return the exit code
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env, Path workingDir) {
        Environment environment = new Environment(env, workingDir);
        CommandFactory factory = new CommandFactory(environment);
        CommandLine cli = new CommandLine(new MigrateCommand(), factory);
        String command = commandName(args);
        // `migrate --version` alone needs no command: registering all of them would triple its time.
        boolean versionOnly = args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
        for (var entry : MigrateCommand.COMMANDS.entrySet()) {
            if (!versionOnly && (command == null || command.equals(entry.getKey()))) {
                cli.addSubcommand(entry.getKey(), new CommandLine(entry.getValue(), factory));
            }
        }
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // "-1:heads" and "-2" are revision expressions, not options.
        cli.setUnmatchedOptionsArePositionalParams(true);
        ErrorHandler handler = new ErrorHandler(environment.terminal());
        cli.setExecutionExceptionHandler(handler);
        cli.setParameterExceptionHandler(handler);
        return cli.execute(args);
    }
}
