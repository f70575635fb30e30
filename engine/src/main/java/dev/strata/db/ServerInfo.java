package dev.strata.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What a server is, read once on connect: its PostgreSQL version and the TimescaleDB extension's,
 * which decide what a plan may ask of it.
 *
 * @param versionNum          {@code server_version_num}, e.g. {@code 150019}
 * @param serverVersion       {@code server_version}, e.g. {@code 17.5}
 * @param timescaleInstalled  the installed {@code timescaledb} extension's version in this database, or null
 * @param timescaleAvailable  the version {@code CREATE EXTENSION timescaledb} would install, or null when the
 *                            server has no such extension
 */
public record ServerInfo(int versionNum, String serverVersion, String timescaleInstalled, String timescaleAvailable) {

    /** A server known by its version strings alone (for tests and messages). */
    public ServerInfo(String serverVersion, String timescaleInstalled, String timescaleAvailable) {
        this(0, serverVersion, timescaleInstalled, timescaleAvailable);
    }

    /** Reads it in one round trip. */
    public static ServerInfo probe(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('server_version_num')::int, current_setting('server_version'),"
                     + " (SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'),"
                     + " (SELECT default_version FROM pg_available_extensions WHERE name = 'timescaledb')")) {
            rs.next();
            return new ServerInfo(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4));
        }
    }

    /** The TimescaleDB version a plan can count on: the installed one, else the one it could install. */
    public String timescale() {
        return timescaleInstalled != null ? timescaleInstalled : timescaleAvailable;
    }
}
