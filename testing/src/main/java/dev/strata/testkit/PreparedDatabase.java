package dev.strata.testkit;

import dev.strata.config.ConnectionSpec;
import dev.strata.config.Secrets;
import dev.strata.error.StrataException;
import dev.strata.store.VersionTables;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One migrated database, shared by the test classes that ask for the same one, kept until the end
 * of the run (then its container, if it has one, is stopped). A failure to make it is kept too, so
 * each further class fails at once with the same message rather than trying again.
 */
final class PreparedDatabase implements ExtensionContext.Store.CloseableResource {

    private final MigratedDatabase database;
    private final Baseline baseline;
    private final DatabaseContainer container;
    private final Secrets secrets;
    private final StrataTestException failure;

    private PreparedDatabase(MigratedDatabase database, Baseline baseline, DatabaseContainer container, Secrets secrets,
                             StrataTestException failure) {
        this.database = database;
        this.baseline = baseline;
        this.container = container;
        this.secrets = secrets;
        this.failure = failure;
    }

    /** Finds or starts the database and migrates it; a failure is kept, not thrown (see {@link #database()}). */
    static PreparedDatabase prepare(Request r, Settings settings) {
        try {
            return open(r, settings);
        } catch (StrataTestException e) {
            return new PreparedDatabase(null, null, null, Secrets.NONE, e);
        }
    }

    private static PreparedDatabase open(Request r, Settings settings) {
        String target = r.target().name();
        DatabaseContainer container = null;
        ConnectionSpec spec;
        try {
            if (r.url() != null) {
                spec = ConnectionSpec.ofUrl(r.url().source(), r.url().value());
            } else {
                String why = DatabaseContainer.unavailable(r.image(), settings);
                if (why != null) {
                    throw new StrataTestException("strata-testing: no database for target '" + target + "': no URL is given ("
                            + Settings.urlNames(target) + ") and no container of " + r.image() + " can be started: " + why);
                }
                container = DatabaseContainer.start(r.image(), settings);
                spec = ConnectionSpec.ofUrl("the container's URL", container.jdbcUrl() + "&user=" + DatabaseContainer.USER
                        + "&password=" + DatabaseContainer.PASSWORD);
            }
        } catch (StrataException e) {
            throw new StrataTestException("strata-testing: target '" + target + "': " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (container != null) {
                container.close();
            }
            if (e instanceof StrataTestException s) {
                throw s;
            }
            // Testcontainers wraps the engine's answer in three layers of "could not start"; the last says why.
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String why = DatabaseContainer.oneLine(root.getMessage() == null ? root.toString() : root.getMessage());
            throw new StrataTestException("strata-testing: no container of " + r.image() + " for target '" + target + "': " + why
                    + (why.contains("network") ? " (a Docker engine without a bridge network needs STRATA_TEST_DOCKER_NETWORK=host"
                            + " and TESTCONTAINERS_RYUK_DISABLED=true)" : ""), e);
        }
        try {
            List<String> heads = Migration.upgrade(r.config(), Migration.pointedAt(r.target(), spec), r.revision(), System.out);
            MigratedDatabase db = new MigratedDatabase(target, spec.jdbcUrl(), spec.user(), spec.password(), heads);
            Baseline baseline;
            try (Connection c = db.connect()) {
                VersionTables own = tables(r, c);
                baseline = Baseline.take(c, List.of(own.qualifiedVersionTable(), own.qualifiedHistoryTable(), own.qualifiedLeaseTable()));
            } catch (SQLException e) {
                throw new StrataTestException("strata-testing: target '" + target + "' at " + spec.display()
                        + ": cannot read the migrated state: " + spec.secrets().scrub(e.getMessage()), e);
            }
            return new PreparedDatabase(db, baseline, container, spec.secrets(), null);
        } catch (RuntimeException e) {
            if (container != null) {
                container.close();
            }
            throw e;
        }
    }

    /** The target's version and history tables, in its schema or the one a new session starts in, as the engine names them. */
    private static VersionTables tables(Request r, Connection c) throws SQLException {
        String schema = r.target().schema();
        if (schema == null) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT current_schema()")) {
                rs.next();
                schema = rs.getString(1);
            }
        }
        return new VersionTables(schema, r.target().versionTable());
    }

    /** The migrated database, or the failure to make it, thrown anew for this test class. */
    MigratedDatabase database() {
        if (failure != null) {
            throw new StrataTestException(failure.getMessage(), failure);
        }
        return database;
    }

    /** Baseline kept for this database; for tests of the kit itself. */
    Baseline baseline() {
        database();
        return baseline;
    }

    /** Brings the database back to the migrated state (see {@link Baseline}). */
    void reset() {
        MigratedDatabase db = database();
        try (Connection c = db.connect()) {
            baseline.restore(c);
        } catch (SQLException e) {
            String hint = "55P03".equals(e.getSQLState())
                    ? " (waited " + Baseline.LOCK_TIMEOUT + " for a lock: a connection of an earlier test is still open in a transaction; close it)"
                    : "42501".equals(e.getSQLState())
                            ? " (putting back the rows the migrations inserted needs a superuser, or SET on session_replication_role)"
                            : "";
            throw new StrataTestException("strata-testing: cannot reset target '" + db.target() + "' to its migrated state: "
                    + secrets.scrub(e.getMessage()) + hint, e);
        }
    }

    @Override
    public void close() {
        if (container != null) {
            container.close();
        }
    }
}
