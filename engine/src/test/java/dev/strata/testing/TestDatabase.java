package dev.strata.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A real PostgreSQL database of a test's own, created fresh and dropped after. The server is, in this
 * order: the one named by STRATA_TEST_PG_URL (a JDBC URL of a database the tests may connect to as a
 * user allowed to create databases, with user and password as URL parameters); a Testcontainers
 * container of STRATA_TEST_PG_IMAGE (default {@code postgres:16-alpine}) when a Docker engine answers and
 * has that image (see {@link LocalImages}, {@link TestContainers}); the local server at 127.0.0.1:5432 as user
 * postgres (how this project's machines run it; bin/test starts it).
 */
public final class TestDatabase implements AutoCloseable {

    private static Server server;

    private final String name;

    private TestDatabase(String name) {
        this.name = name;
    }

    /** Where the server is: a JDBC URL without the database part, user and password. */
    record Server(String base, String user, String password, String query) {
        String url(String db) {
            return base + db + query;
        }
    }

    /** Creates a new, empty database. */
    public static TestDatabase create(String hint) {
        String name = "strata_it_" + hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_") + "_"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
        if (name.length() > 60) {
            name = name.substring(0, 60);
        }
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database on " + server().base() + ": " + e.getMessage(), e);
        }
        return new TestDatabase(name);
    }

    public String name() {
        return name;
    }

    /** The JDBC URL of this database, with user and password as parameters. */
    public String jdbcUrl() {
        Server s = server();
        String sep = s.query().isEmpty() ? "?" : "&";
        return s.url(name) + sep + "user=" + s.user() + (s.password() == null ? "" : "&password=" + s.password());
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl());
    }

    /** Runs statements and returns nothing; for setting up and looking around. */
    public void execute(String... sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The first column of a query's rows, as strings. */
    public java.util.List<String> column(String sql) {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return out;
    }

    @Override
    public void close() {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test database " + name + ": " + e.getMessage(), e);
        }
    }

    private static Connection admin() throws SQLException {
        Server s = server();
        Properties p = new Properties();
        p.setProperty("user", s.user());
        if (s.password() != null) {
            p.setProperty("password", s.password());
        }
        return DriverManager.getConnection(s.url("postgres"), p);
    }

    static synchronized Server server() {
        if (server == null) {
            server = locate();
        }
        return server;
    }

    private static Server locate() {
        String env = System.getenv("STRATA_TEST_PG_URL");
        if (env != null && !env.isBlank()) {
            return fromUrl(env);
        }
        if (LocalImages.usable(image())) {
            String url = TestContainers.start(image());
            return new Server(url.substring(0, url.lastIndexOf('/') + 1), TestContainers.USER, TestContainers.PASSWORD,
                    "?sslmode=disable");
        }
        return new Server("jdbc:postgresql://127.0.0.1:5432/", "postgres", null, "");
    }

    /** Splits jdbc:postgresql://host:port/db?user=u&password=p into the parts we need. */
    private static Server fromUrl(String url) {
        int q = url.indexOf('?');
        String path = q < 0 ? url : url.substring(0, q);
        String base = path.substring(0, path.lastIndexOf('/') + 1);
        String user = "postgres";
        String password = null;
        StringBuilder rest = new StringBuilder();
        if (q >= 0) {
            for (String pair : url.substring(q + 1).split("&")) {
                if (pair.startsWith("user=")) {
                    user = pair.substring(5);
                } else if (pair.startsWith("password=")) {
                    password = pair.substring(9);
                } else if (!pair.isEmpty()) {
                    rest.append(rest.length() == 0 ? "?" : "&").append(pair);
                }
            }
        }
        return new Server(base, user, password, rest.toString());
    }

    /** The image for the container: STRATA_TEST_PG_IMAGE, else the official one. */
    static String image() {
        String env = System.getenv("STRATA_TEST_PG_IMAGE");
        return env == null || env.isBlank() ? "postgres:16-alpine" : env;
    }
}
