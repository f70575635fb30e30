package dev.strata.cli;

import dev.strata.plan.Direction;
import picocli.CommandLine.Command;

/** {@code migrate downgrade}. */
@Command(name = "downgrade", mixinStandardHelpOptions = true, description = "Revert to an earlier revision (with --sql: print the script).")
final class DowngradeCommand extends MoveCommand {
    @Override
    Direction direction() {
        return Direction.DOWNGRADE;
    }
}
