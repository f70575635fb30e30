package dev.strata.cli;

import picocli.CommandLine.Option;

/** {@code --parallel} of the commands that only read a target set's members (current, check, status). */
final class ReadParallel {

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "1",
            description = "With a target set: read up to N members at once on each server (the set's "
                    + "max_connections_per_server caps it); rows keep the members' order. Default: ${DEFAULT-VALUE}.")
    int parallel;

    /** The value, checked before anything connects. */
    int get() {
        if (parallel < 1) {
            throw new dev.strata.error.BadInputException("--parallel " + parallel + ": give 1 or more");
        }
        return parallel;
    }
}
