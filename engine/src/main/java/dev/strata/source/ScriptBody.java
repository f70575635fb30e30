package dev.strata.source;

import java.util.List;

/**
 * The statements of a script's two parts, in file order.
 *
 * @param upgrade   statements after {@code -- migrate:upgrade}
 * @param downgrade statements after {@code -- migrate:downgrade}; empty when the script has none
 */
public record ScriptBody(List<Statement> upgrade, List<Statement> downgrade) {

    public ScriptBody {
        upgrade = List.copyOf(upgrade);
        downgrade = List.copyOf(downgrade);
    }
}
