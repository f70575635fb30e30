package dev.strata.api;

import dev.strata.config.Dialect;
import dev.strata.config.TargetConfig;
import dev.strata.db.ServerInfo;
import dev.strata.error.BadInputException;
import dev.strata.plan.Step;
import dev.strata.source.Script;
import dev.strata.source.TimescaleCalls;
import dev.strata.source.Statement;
import java.sql.SQLException;

/**
 * The TimescaleDB a plan's operations need, checked before anything runs: a TimescaleDB operation
 * against a {@code postgresql} target is refused, and so is one newer than the server's extension.
 * Plain SQL scripts declare nothing; a Java migration's TimescaleDB ops each say which version
 * they need.
 */
final class TimescaleNeeds {

    private String highest;
    private String firstUse;
    private String highestUse;

    /** Notes what {@code statement} of {@code step} needs. */
    void add(Step step, Script script, Statement statement) {
        String version = statement.timescaleVersion();
        if (version == null) {
            return;
        }
        String use = "revision " + step.revision().id() + " (" + script.origin() + (statement.line() > 0 ? ":" + statement.line() : "")
                + ") uses " + (statement.note() == null ? "a TimescaleDB operation" : statement.note());
        if (firstUse == null) {
            firstUse = use;
        }
        if (highest == null || TimescaleCalls.compareVersions(version, highest) > 0) {
            highest = version;
            highestUse = use;
        }
    }

    /**
     * Refuses what the target cannot run; probes the server only when something needs TimescaleDB.
     *
     * @throws BadInputException naming the first operation the target cannot run
     */
    void check(TargetConfig target, Probe server) throws SQLException {
        if (highest == null) {
            return;
        }
        checkDialect(target);
        check(target, server.probe());
    }

    /** Reads the server; called only when something needs TimescaleDB. */
    interface Probe {
        ServerInfo probe() throws SQLException;
    }

    /** The TimescaleDB version the plan needs, or null. */
    String highest() {
        return highest;
    }

    /** Refuses TimescaleDB operations for a target that is not a TimescaleDB one (null: no target named). */
    void checkDialect(TargetConfig target) {
        if (highest != null && target != null && target.dialect() != Dialect.TIMESCALEDB) {
            throw new BadInputException(firstUse + ", a TimescaleDB operation, but target '" + target.name()
                    + "' is a plain PostgreSQL target (dialect = \"postgresql\"); run it on a target with dialect = \"timescaledb\"");
        }
    }

    private void check(TargetConfig target, ServerInfo server) {
        String has = server.timescale();
        if (has == null) {
            throw new BadInputException(firstUse + ", but the server of target '" + target.name() + "' (PostgreSQL "
                    + server.serverVersion() + ") has no timescaledb extension to install");
        }
        if (TimescaleCalls.compareVersions(has, highest) < 0) {
            throw new BadInputException(highestUse + ", which needs TimescaleDB " + highest + " or later; target '" + target.name()
                    + "' has TimescaleDB " + has + (server.timescaleInstalled() == null ? " available" : ""));
        }
    }
}
