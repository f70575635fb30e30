package dev.strata.db;

import dev.strata.config.ConnectionSpec;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Whether a connection keeps one server session for its whole life (a direct connection, or a pooler in
 * session mode) or may get another server session at each transaction (a pooler such as PgBouncer in
 * transaction mode). On the latter, session state does not last: a session advisory lock stays on a
 * server session that other clients then use, and server-side prepared statements vanish.
 *
 * <p>Told in two steps. The server's own address and port, as the session sees them, equal to the
 * URL's host and port: nothing stands in between. Otherwise sessions are taken as shared (a probe can
 * prove sharing but never rule it out); the probe still runs, to name the evidence and to refuse a
 * pooler in statement mode. It is this: a second connection asks, while it holds a
 * transaction open, which server session it got: if it got ours, or ours changed meanwhile, server
 * sessions are shared between transactions. On a direct connection or a session pooler neither can
 * ever happen, whatever else runs; under transaction pooling one of the two always does (the pooler
 * hands the idle session to the second connection, or, busy with it, another one to ours).
 *
 * @param perTransaction server sessions change between transactions
 * @param evidence       how it was told, for messages
 */
public record Pooling(boolean perTransaction, String evidence) {

    static final Pooling DIRECT = new Pooling(false, "the server answers at the URL's own address");

    /** The SQL state of a connection through a pooler in statement mode: waiting does not cure it. */
    static final String STATEMENT_MODE = "0A000";

    /** Rounds of the second-connection test; one suffices unless other clients interleave. */
    private static final int ROUNDS = 3;

    /** How long the second connection may take to connect or answer. */
    private static final int PROBE_SECONDS = 5;

    /**
     * Tells how {@code connection} is served. A probe that cannot finish (the second connection is
     * refused or waits too long) is taken as per-transaction pooling: the lock for that case is safe on
     * any connection, the session lock is not.
     *
     * @param serverAddress the server's address as the session sees it ({@code inet_server_addr()}; null
     *                      over a Unix socket)
     * @param serverPort    {@code inet_server_port()}
     * @param version       {@code version()}
     */
    static Pooling of(Connection connection, ConnectionSpec spec, String applicationName, String serverAddress, int serverPort,
                      String version) throws SQLException {
        if (serverAddress == null && version != null && version.contains("Emscripten")) {
            // PGlite (bin/tsdb): an embedded server that serves one session at a time; nothing to pool.
            return new Pooling(false, "an embedded server (PGlite) with a single session");
        }
        if (serverAddress != null && sameEndpoint(spec.jdbcUrl(), serverAddress, serverPort)) {
            return DIRECT;
        }
        Pooling probed = probe(connection, spec, applicationName);
        if (probed.perTransaction()) {
            return probed;
        }
        // The probe can only prove sharing, never its absence: under load (ten runs at once through a
        // pool of four) a transaction pooler may hand sessions out so that no round shows it, and the
        // session lock would then not hold. With something between us and the server, assume it.
        return new Pooling(true, "the server answers at another address than the URL's (a pooler or proxy stands between),"
                + " and session pooling cannot be told from transaction pooling for certain");
    }

    /** Whether the URL's only host and port are where the server says it listens. */
    static boolean sameEndpoint(String jdbcUrl, String serverAddress, int serverPort) {
        String rest = jdbcUrl.substring("jdbc:postgresql://".length());
        int slash = rest.indexOf('/');
        String hosts = slash < 0 ? rest : rest.substring(0, slash);
        if (hosts.contains(",")) {
            return false;
        }
        String host = hosts;
        int port = 5432;
        int colon = hosts.lastIndexOf(':');
        if (colon > 0 && !hosts.endsWith("]")) {
            host = hosts.substring(0, colon);
            port = Integer.parseInt(hosts.substring(colon + 1));
        }
        if (port != serverPort) {
            return false;
        }
        host = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        try {
            InetAddress server = InetAddress.getByName(serverAddress);
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (a.equals(server)) {
                    return true;
                }
            }
        } catch (UnknownHostException e) {
            return false;
        }
        return false;
    }

    private static Pooling probe(Connection a, ConnectionSpec spec, String applicationName) throws SQLException {
        try (Connection b = TargetDatabase.plainConnection(spec, applicationName, PROBE_SECONDS)) {
            for (int round = 0; round < ROUNDS; round++) {
                int ours = pid(a);
                b.setAutoCommit(false);
                try {
                    int theirs = pid(b);
                    if (theirs == ours) {
                        return new Pooling(true, "a second connection was given the server session (pid " + ours + ") this one had just used");
                    }
                    int now = pid(a);
                    if (now != ours) {
                        return new Pooling(true, "this connection's server session changed from pid " + ours + " to pid " + now
                                + " between two transactions");
                    }
                } finally {
                    endTransaction(b);
                }
            }
            return new Pooling(false, "a second connection never shared this connection's server session");
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("28")) {
                throw e; // the credentials stopped working: not a question of pooling
            }
            if (String.valueOf(e.getMessage()).contains("statement pooling mode")) {
                throw new SQLException("the URL leads to a pooler in statement mode, which allows no transaction of more than one"
                        + " statement, so no migration can run through it: give the target a migration_url that reaches the server"
                        + " directly, or use the pooler's session or transaction mode", STATEMENT_MODE);
            }
            return new Pooling(true, "could not tell (a second connection for the test failed: " + spec.secrets().scrub(TargetDatabase.describe(e))
                    + "); assumed, as that is safe either way");
        }
    }

    /** Ends the second connection's transaction; a failure here must not hide the one on its way out. */
    private static void endTransaction(Connection b) {
        try {
            b.rollback();
            b.setAutoCommit(true);
        } catch (SQLException ignored) {
            // the pooler closed it: the error that did so is on its way out
        }
    }

    private static int pid(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
