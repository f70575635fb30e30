package dev.strata.testkit;

import dev.strata.api.Online;
import dev.strata.api.Project;
import dev.strata.config.Config;
import dev.strata.config.ConnectionSpec;
import dev.strata.config.TargetConfig;
import dev.strata.error.StrataException;
import dev.strata.expr.RevisionExpr;
import dev.strata.plan.Direction;
import dev.strata.plan.Plan;
import dev.strata.plan.Step;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * Brings a database to a revision with Strata's own upgrade, as {@code migrate upgrade REVISION} would:
 * the same plan, locking, checksums and history rows, so a test sees what production will.
 */
final class Migration {

    /** A database that is still starting gets this long to accept the connection; another run's lock as long. */
    private static final Online.Options OPTIONS = new Online.Options(Duration.ofSeconds(30), Duration.ofSeconds(60), false, false);

    private Migration() {}

    /**
     * The target as configured, pointed at the test's database instead of its configured URL (whose
     * variables may well be unset in a test run).
     */
    static TargetConfig pointedAt(TargetConfig target, ConnectionSpec db) {
        return new TargetConfig(target.name(), db.jdbcUrl(), db.user(), db.password(), target.branch(), target.dialect(),
                target.schema(), target.versionTable(), null, target.desiredSchema(), target.scratchUrl());
    }

    /**
     * Upgrades the target to {@code revision}, printing each step as the CLI does.
     *
     * @return the target's heads afterwards
     */
    static List<String> upgrade(Config config, TargetConfig target, String revision, PrintStream log) {
        Online.Output out = new Online.Output() {
            @Override
            public void info(String line) {
                log.println("strata-testing: " + line);
            }

            @Override
            public void stepStarting(Step step) {
                log.println("strata-testing: " + target.name() + ": Running " + step.describe());
            }
        };
        try {
            Project project = Project.open(config);
            Online online = new Online(project, target);
            Plan plan = online.move(Direction.UPGRADE, RevisionExpr.parse(revision), OPTIONS, out);
            List<String> heads = online.current(OPTIONS, out);
            log.println("strata-testing: " + target.name() + " at " + String.join(", ", heads) + " ("
                    + plan.steps().size() + " step(s) run)");
            return heads;
        } catch (StrataException e) {
            throw new StrataTestException("strata-testing: migrating target '" + target.name() + "' to " + revision
                    + " failed: " + target.secrets().scrub(e.getMessage()), e);
        }
    }
}
