package dev.strata.api;

import dev.strata.error.BadInputException;
import dev.strata.plan.Direction;
import dev.strata.plan.Plan;
import dev.strata.plan.Step;
import dev.strata.source.JavaScript;
import dev.strata.source.Script;
import dev.strata.source.ScriptBody;
import dev.strata.source.Statement;
import dev.strata.source.TimescaleCalls;
import dev.strata.source.TransactionRules;
import java.util.List;
import java.util.function.Function;

/**
 * What is refused before any step of a plan runs (online) or is printed ({@code --sql}): reading
 * every body first means a malformed script stops the run before it starts; a statement PostgreSQL
 * or TimescaleDB will not run inside a transaction, in a step that would run it in one; a downgrade
 * of a migration that has none. TimescaleDB needs are collected for the caller to check.
 */
final class PlanChecks {

    private PlanChecks() {}

    static TimescaleNeeds check(Plan plan, Function<String, Script.Loaded> scripts) {
        TimescaleNeeds needs = new TimescaleNeeds();
        for (Step step : plan.steps()) {
            Script.Loaded read = scripts.apply(step.revision().id());
            Script script = read.script();
            ScriptBody body = read.body();
            if (step.direction() == Direction.DOWNGRADE && body.irreversible() != null) {
                throw new BadInputException("revision " + step.revision().id() + " (" + script.origin() + ") cannot be downgraded: "
                        + body.irreversible());
            }
            List<Statement> statements = step.direction() == Direction.UPGRADE ? body.upgrade() : body.downgrade();
            for (int i = 0; i < statements.size(); i++) {
                Statement statement = statements.get(i);
                needs.add(step, script, statement);
                if (statement.timescaleVersion() == null) {
                    TimescaleCalls.Use use = TimescaleCalls.of(statement.sql());
                    if (use != null) {
                        needs.add(step, script, new Statement(statement.sql(), statement.line(), true, use.what(), use.version()));
                    }
                }
                String control = TransactionRules.transactionControl(statement.sql());
                if (control != null) {
                    throw new BadInputException("revision " + step.revision().id() + " (" + script.origin() + ":" + statement.line()
                            + ", statement " + (i + 1) + ") runs " + control + ", but Strata owns the revision's transaction: "
                            + (step.transactional()
                                    ? "remove it (the revision already runs in one transaction), or add '-- transactional: false' to the "
                                            + "header to run each statement on its own"
                                    : "in a transactional: false script each statement commits on its own; remove it, and put "
                                            + "statements that must commit together in a transactional revision of their own"));
                }
                if (!step.transactional() || !statement.inTransaction()) {
                    continue;
                }
                String why = TransactionRules.refusal(statement.sql());
                if (why != null) {
                    throw new BadInputException("revision " + step.revision().id() + " (" + script.origin() + ":" + statement.line()
                            + ", statement " + (i + 1) + ") runs " + why + ", which cannot run inside a transaction block; "
                            + (script instanceof JavaScript
                                    ? "record it with the op made for it, which runs outside the transaction, or set transactional = false in @Migration"
                                    : "add '-- transactional: false' to the script's header (and keep such statements in a revision of their own)"));
                }
            }
        }
        return needs;
    }
}
