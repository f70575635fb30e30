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
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = run(args, out, err, System.getenv(), Path.of("").toAbsolutePath());
        out.flush();
        err.flush();
        System.exit(code);
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
        CommandLine cli = new CommandLine(new MigrateCommand(), new CommandFactory(environment));
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // "-1:heads" and "-2" are revision expressions, not options.
        cli.setUnmatchedOptionsArePositionalParams(true);
        ErrorHandler handler = new ErrorHandler();
        cli.setExecutionExceptionHandler(handler);
        cli.setParameterExceptionHandler(handler);
        return cli.execute(args);
    }
}
