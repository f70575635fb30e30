package dev.strata.bench;

import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ScopeType;

/**
 * Start-up benchmark (bench/picocli-model.sh) only: what building the command model of
 * {@code migrate current} costs a cold JVM, from Strata's annotated classes (what Main does) or through
 * picocli's programmatic API with the same options (what a rewrite without annotations would do), with
 * or without picocli's standard help mixin (itself an annotated class). Prints the milliseconds the
 * build took; the script runs each way in fresh JVMs, interleaved.
 */
public final class PicocliModel {

    private PicocliModel() {}

    public static void main(String[] args) throws Exception {
        String way = args[0];
        long t0 = System.nanoTime();
        CommandLine cli;
        if (way.equals("annotated")) {
            cli = new CommandLine(Class.forName("dev.strata.cli.MigrateCommand"));
            cli.addSubcommand("current", new CommandLine(Class.forName("dev.strata.cli.CurrentCommand")));
        } else {
            boolean help = way.equals("programmatic-help");
            CommandSpec root = CommandSpec.create().name("migrate").mixinStandardHelpOptions(help);
            root.addOption(option(String.class, "FILE", "-c", "--config"));
            root.addOption(OptionSpec.builder("-x").paramLabel("KEY=VALUE").type(Map.class).auxiliaryTypes(String.class, String.class)
                    .scopeType(ScopeType.INHERIT).description("Extra argument").build());
            root.addOption(option(String.class, "NAME", "--db"));
            root.addOption(OptionSpec.builder("--only").paramLabel("NAME").type(List.class).auxiliaryTypes(String.class).splitRegex(",")
                    .scopeType(ScopeType.INHERIT).description("Members").build());
            for (String flag : new String[] {"--json", "-q", "-v", "--stacktrace"}) {
                root.addOption(option(boolean.class, null, flag));
            }
            CommandSpec current = CommandSpec.create().name("current").mixinStandardHelpOptions(help);
            for (String o : new String[] {"--connect-wait", "--lock-wait", "--read-parallel", "--password-stdin"}) {
                current.addOption(option(String.class, "VALUE", o));
            }
            cli = new CommandLine(root);
            cli.addSubcommand("current", new CommandLine(current));
        }
        long built = System.nanoTime();
        if (cli.getSubcommands().get("current") == null) {
            throw new AssertionError("no current command");
        }
        System.out.println((built - t0) / 1_000_000);
    }

    private static OptionSpec option(Class<?> type, String label, String... names) {
        OptionSpec.Builder b = OptionSpec.builder(names).type(type).scopeType(ScopeType.INHERIT).description("An option.");
        return label == null ? b.build() : b.paramLabel(label).build();
    }
}
