package dev.strata.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ScopeType;

/**
 * Start-up benchmark (bench/picocli-model.sh) only: what building the command model of
 * {@code migrate current} costs a cold JVM, from Strata's annotated classes (what Main does) or through
 * picocli's programmatic API with the same options, types, converters and defaults (what a rewrite
 * without annotations would do), its help and version options either from picocli's standard mixin
 * (itself an annotated class) or declared by hand. Left out: the root's version provider, footer and
 * description texts. Prints the milliseconds the build took; the script runs each way in fresh JVMs.
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
            // The options of `migrate` and of `current` (with their types, converters and defaults);
            // help and version options from picocli's annotated mixin, or declared here.
            boolean mixin = way.equals("programmatic-help");
            CommandSpec root = CommandSpec.create().name("migrate").mixinStandardHelpOptions(mixin);
            root.addOption(option(String.class, "FILE", "-c", "--config"));
            root.addOption(OptionSpec.builder("-x").paramLabel("KEY=VALUE").type(Map.class).auxiliaryTypes(String.class, String.class)
                    .scopeType(ScopeType.INHERIT).description("Extra argument").build());
            root.addOption(option(String.class, "NAME", "--db"));
            root.addOption(OptionSpec.builder("--only").paramLabel("NAME").type(List.class).auxiliaryTypes(String.class).splitRegex(",")
                    .scopeType(ScopeType.INHERIT).description("Members").build());
            root.addOption(option(boolean.class, null, "--json"));
            root.addOption(option(boolean.class, null, "-q", "--quiet"));
            root.addOption(option(boolean.class, null, "-v", "--verbose"));
            root.addOption(option(boolean.class, null, "--stacktrace"));
            CommandSpec current = CommandSpec.create().name("current").mixinStandardHelpOptions(mixin);
            current.addOption(OptionSpec.builder("--wait").paramLabel("DURATION").type(Duration.class).converters(new Seconds())
                    .defaultValue("0s").description("Retry the connection").build());
            current.addOption(OptionSpec.builder("--lock-timeout").paramLabel("DURATION").type(Duration.class).converters(new Seconds())
                    .defaultValue("60s").description("Lock wait").build());
            current.addOption(OptionSpec.builder("--parallel").paramLabel("N").type(int.class).defaultValue("1")
                    .description("Members at once").build());
            if (!mixin) {
                for (CommandSpec spec : new CommandSpec[] {root, current}) {
                    spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help message and exit.").build());
                    spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true).description("Print version information and exit.").build());
                }
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

    /** {@code 60s}-style durations, as Strata's converter reads them (a class, not a lambda, as Strata would). */
    private static final class Seconds implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
        }
    }

    private static OptionSpec option(Class<?> type, String label, String... names) {
        OptionSpec.Builder b = OptionSpec.builder(names).type(type).scopeType(ScopeType.INHERIT).description("An option.");
        return label == null ? b.build() : b.paramLabel(label).build();
    }
}
