package dev.strata.cli;

import dev.strata.config.Secrets;
import dev.strata.error.StrataException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * The one place errors become words and exit codes: a {@link StrataException} prints its message on one
 * line and exits with its kind's code; a usage error exits 2; anything else is a bug, reported in one
 * line (with the stack trace under {@code --stacktrace}) and exit code 70.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    static final int USAGE = 2;
    static final int INTERNAL = 70;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        boolean trace = parsed != null && wantsStacktrace(parsed);
        // Messages that quote the driver or the server are scrubbed where they are made; this is the
        // last line of defence for any that are not.
        Secrets secrets = cli.getCommand() instanceof BaseCommand command ? command.secrets() : Secrets.NONE;
        if (ex instanceof StrataException se) {
            err.println("error: " + oneLine(secrets.scrub(se.getMessage())));
            if (trace) {
                se.printStackTrace(err);
            }
            err.flush();
            return se.kind().exitCode();
        }
        err.println("error: internal error: " + ex.getClass().getName() + ": " + oneLine(secrets.scrub(String.valueOf(ex.getMessage())))
                + (trace ? "" : " (run with --stacktrace for details)"));
        if (trace) {
            ex.printStackTrace(err);
        }
        err.flush();
        return INTERNAL;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cli = ex.getCommandLine();
        PrintWriter err = cli.getErr();
        Throwable cause = ex.getCause();
        if (cause instanceof StrataException se) {
            err.println("error: " + oneLine(se.getMessage()));
            err.flush();
            return se.kind().exitCode();
        }
        err.println("error: " + oneLine(ex.getMessage()));
        if (ex instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            // picocli lists the closest match first; the rest are often far off (histroy -> stamp).
            err.println("Did you mean '" + unmatched.getSuggestions().get(0) + "'?");
        }
        err.println("Try '" + cli.getCommandSpec().qualifiedName() + " --help' for usage.");
        err.flush();
        return USAGE;
    }

    private static boolean wantsStacktrace(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--stacktrace")) {
                return true;
            }
        }
        return false;
    }

    /** The message on one line, with any control character it carries from script text shown, not sent. */
    private static String oneLine(String message) {
        return message == null ? "" : VisibleText.of(message.replace("\r", "").replace('\n', ' ').strip());
    }
}
