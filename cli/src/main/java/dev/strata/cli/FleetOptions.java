package dev.strata.cli;

import picocli.CommandLine.Option;

/** The options of the commands that change a target set's members (upgrade, downgrade, stamp). */
final class FleetOptions {

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "1",
            description = "With a target set: run up to N members at once on each server (the set's "
                    + "max_connections_per_server caps it). Default: ${DEFAULT-VALUE}.")
    int parallel;

    @Option(names = "--fail-fast", description = "With a target set: start no new member after one failed "
            + "(default: carry on and report).")
    boolean failFast;
}
