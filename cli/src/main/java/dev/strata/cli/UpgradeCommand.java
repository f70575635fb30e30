package dev.strata.cli;

import dev.strata.plan.Direction;
import picocli.CommandLine.Command;

/** {@code migrate upgrade}. */
@Command(name = "upgrade", mixinStandardHelpOptions = true, description = "Upgrade to a later revision (with --sql: print the script).")
final class UpgradeCommand extends MoveCommand {
    @Override
    Direction direction() {
        return Direction.UPGRADE;
    }
}
