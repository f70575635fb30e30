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

    private final Terminal terminal;

    ErrorHandler(Terminal terminal) {
        this.terminal = terminal;
    }

    /** "error: ", red on a terminal; a progress line is cleared first. */
    private String prefix() {
        Progress.stop();
        return terminal.red("error:") + " ";
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        boolean trace = parsed != null && wantsStacktrace(parsed);
        // Messages that quote the driver or the server are scrubbed where they are made; this is the
        // last line of defence for any that are not.
        Secrets secrets = cli.getCommand() instanceof BaseCommand command ? command.secrets() : Secrets.NONE;
        if (ex instanceof StrataException se) {
            err.println(prefix() + oneLine(secrets.scrub(se.getMessage())));
            if (trace) {
                se.printStackTrace(err);
            }
            err.flush();
            return se.exitCode();
        }
        err.println(prefix() + "internal error: " + ex.getClass().getName() + ": " + oneLine(secrets.scrub(String.valueOf(ex.getMessage())))
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
            err.println(prefix() + oneLine(se.getMessage()));
            err.flush();
            return se.exitCode();
        }
        String unknown = unknownLongOption(cli, args);
        if (unknown != null) {
            // picocli takes a mistyped option before the positional argument as that argument's value
            // (upgrade --lock-timout 5s heads), then complains about what follows: name the real culprit.
            err.println(prefix() + "Unknown option: '" + unknown + "'");
            String closest = Suggestions.closest(unknown, cli.getCommandSpec().optionsMap().keySet());
            if (closest != null) {
                err.println("Did you mean '" + closest + "'?");
            }
        } else if (ex instanceof CommandLine.UnmatchedArgumentException unmatched && cli.getCommandSpec().parent() == null
                && !unmatched.getUnmatched().isEmpty() && !unmatched.getUnmatched().get(0).startsWith("-")) {
            // Nothing matched a command: say so, rather than picocli's "Unmatched argument at index 0".
            String word = unmatched.getUnmatched().get(0);
            err.println(prefix() + "unknown command '" + word + "'");
            String closest = Suggestions.closest(word, cli.getSubcommands().keySet());
            if (closest != null) {
                err.println("Did you mean '" + closest + "'?");
            }
        } else {
            err.println(prefix() + oneLine(ex.getMessage()));
            if (ex instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
                // picocli lists the closest match first; the rest are often far off (histroy -> stamp).
                err.println("Did you mean '" + unmatched.getSuggestions().get(0) + "'?");
            }
        }
        err.println("Try '" + cli.getCommandSpec().qualifiedName() + " --help' for usage.");
        err.flush();
        return USAGE;
    }

    /** The first {@code --name} argument no command of {@code migrate} knows, or null. */
    private static String unknownLongOption(CommandLine cli, String[] args) {
        if (args == null) {
            return null;
        }
        CommandLine.Model.CommandSpec root = cli.getCommandSpec().root();
        for (String arg : args) {
            if (arg.equals("--")) {
                return null;
            }
            if (arg.startsWith("--") && arg.length() > 2) {
                String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                if (!knownAnywhere(root, name)) {
                    return name;
                }
            }
        }
        return null;
    }

    private static boolean knownAnywhere(CommandLine.Model.CommandSpec spec, String name) {
        if (spec.optionsMap().containsKey(name)) {
            return true;
        }
        for (CommandLine sub : spec.subcommands().values()) {
            if (knownAnywhere(sub.getCommandSpec(), name)) {
                return true;
            }
        }
        return false;
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
