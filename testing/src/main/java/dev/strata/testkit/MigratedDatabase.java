package dev.strata.testkit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The database a test class was given, migrated: where it is and how to connect. A test method may
 * declare a parameter of this type (or of {@link DataSource}).
 */
public final class MigratedDatabase {

    private final String target;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final List<String> heads;

    MigratedDatabase(String target, String jdbcUrl, String user, String password, List<String> heads) {
        this.target = target;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.heads = List.copyOf(heads);
    }

    /** The target of {@code migrate.toml} this database stands for. */
    public String target() {
        return target;
    }

    /** The JDBC URL, without user and password (see {@link #user()}, {@link #password()}). */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** The user to connect as, or null for the driver's default. */
    public String user() {
        return user;
    }

    /** The password, or null. */
    public String password() {
        return password;
    }

    /** The revisions the database was at once migrated (its version table's rows). */
    public List<String> heads() {
        return heads;
    }

    /**
     * A data source that opens a new connection each time (no pool: nothing outlives a test unless the
     * test keeps it). Wrap it in the application's own pool when the code under test expects one.
     */
    public DataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(jdbcUrl);
        if (user != null) {
            ds.setUser(user);
        }
        if (password != null) {
            ds.setPassword(password);
        }
        return ds;
    }

    /** A new connection; the caller closes it. */
    public Connection connect() throws SQLException {
        return dataSource().getConnection();
    }

    @Override
    public String toString() {
        // Never the password: test reports print parameters.
        return "MigratedDatabase[" + target + ", " + jdbcUrl + ", heads=" + heads + "]";
    }
}
