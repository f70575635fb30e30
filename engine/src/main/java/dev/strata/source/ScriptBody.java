package dev.strata.source;

import java.util.List;

/**
 * The statements of a migration's two parts, in order.
 *
 * @param upgrade      the upgrade's statements
 * @param downgrade    the downgrade's statements; empty when there are none
 * @param irreversible why the migration has no downgrade (a Java migration whose ops cannot all be
 *                     undone and that writes no {@code downgrade}), or null
 */
public record ScriptBody(List<Statement> upgrade, List<Statement> downgrade, String irreversible) {

    public ScriptBody {
        upgrade = List.copyOf(upgrade);
        downgrade = List.copyOf(downgrade);
    }

    /** A SQL script's body: its downgrade section, even an empty one, is its downgrade. */
    public ScriptBody(List<Statement> upgrade, List<Statement> downgrade) {
        this(upgrade, downgrade, null);
    }
}
