package dev.strata.config;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * How to connect to a target: a JDBC URL that holds no credentials, the user and password apart, the URL
 * as it may be shown (password masked), and the password's spellings to scrub from driver messages.
 * Reads both {@code jdbc:postgresql://...} and libpq's {@code postgresql://user:pass@host:port/db?param=value}
 * through {@link ConnectionUrl}; {@code user} and {@code password} given as their own keys win over the URL's.
 *
 * @param jdbcUrl  the URL for the driver, without user or password
 * @param user     the user, or null for the driver's default
 * @param password the password, or null; never printed
 * @param display  the URL with any password masked, for messages
 * @param secrets  every spelling of the passwords the configuration gives, for scrubbing messages
 */
public record ConnectionSpec(String jdbcUrl, String user, String password, String display, Secrets secrets) {

    /** libpq parameter names that pgjdbc spells differently. */
    private static final Map<String, String> LIBPQ_TO_JDBC = Map.of(
            "application_name", "ApplicationName",
            "connect_timeout", "connectTimeout",
            "sslrootcert", "sslrootcert",
            "sslcert", "sslcert",
            "sslkey", "sslkey");

    /**
     * Reads the target's connection settings.
     *
     * @throws ConfigException (exit code 2) naming the key and what is wrong, never the password
     */
    public static ConnectionSpec of(TargetConfig target) {
        target.requireConnectable();
        return of("targets." + target.name() + ".url", target.url(), target.user(), target.password());
    }

    /**
     * The target's {@code scratch_url}, or null when it has none. Only the URL's own user and password
     * apply: the target's {@code user} and {@code password} keys are for its {@code url}.
     */
    public static ConnectionSpec scratch(TargetConfig target) {
        if (target.scratchUrl() == null) {
            return null;
        }
        return of("targets." + target.name() + ".scratch_url", target.scratchUrl(), null, null);
    }

    /** A URL given on the command line ({@code diff --from URL}); {@code what} names it in messages. */
    public static ConnectionSpec ofUrl(String what, String url) {
        if (url == null || !(url.startsWith("jdbc:postgresql://") || url.startsWith("postgresql://") || url.startsWith("postgres://"))) {
            String shown = url == null ? null : ConnectionUrl.displayOf(url);
            throw new ConfigException(null, what, (shown == null ? "" : "'" + shown + "' ")
                    + "is not a PostgreSQL URL (jdbc:postgresql://... or postgresql://...)");
        }
        return of(what, url, null, null);
    }

    /** The same server and credentials, another database (for a temporary scratch database). */
    public ConnectionSpec withDatabase(String database) {
        int slash = jdbcUrl.indexOf('/', "jdbc:postgresql://".length());
        int query = jdbcUrl.indexOf('?', slash);
        String rest = query < 0 ? "" : jdbcUrl.substring(query);
        String shownRest = display.indexOf('?') < 0 ? "" : display.substring(display.indexOf('?'));
        int shownSlash = display.indexOf('/', display.indexOf("//") + 2);
        String shown = (shownSlash < 0 ? display : display.substring(0, shownSlash)) + "/" + database + shownRest;
        return new ConnectionSpec(jdbcUrl.substring(0, slash) + "/" + encode(database) + rest, user, password, shown, secrets);
    }

    private static ConnectionSpec of(String key, String urlText, String userKey, String passwordKey) {
        Secrets given = Secrets.of(java.util.Collections.singletonList(passwordKey));
        ConnectionUrl url;
        try {
            url = ConnectionUrl.parse(urlText);
            url.requireTcpHosts();
        } catch (ConnectionUrl.Invalid e) {
            throw new ConfigException(null, key, given.scrub(e.getMessage()));
        }
        Secrets secrets = given.and(Secrets.of(url.secrets()));
        Map<String, String> params = new LinkedHashMap<>();
        url.params().forEach(p -> params.put(p.name(), p.value()));
        String user = params.containsKey("user") ? params.remove("user") : url.user();
        String password = params.containsKey("password") ? params.remove("password") : url.password();
        String database = url.database() == null ? "" : url.database();
        Map<String, String> jdbc;
        if (url.scheme().equals("jdbc:postgresql")) {
            jdbc = params;
        } else {
            if (params.containsKey("host")) {
                throw new ConfigException(null, key, "a host= parameter is not supported; put the host in the URL");
            }
            String dbname = params.remove("dbname");
            if (dbname != null) {
                database = dbname;
            }
            jdbc = jdbcParams(params, key);
        }
        return new ConnectionSpec("jdbc:postgresql://" + url.hosts() + "/" + encode(database) + query(jdbc),
                userKey != null ? userKey : user,
                passwordKey != null ? passwordKey : password,
                url.display(), secrets);
    }

    private static Map<String, String> jdbcParams(Map<String, String> params, String key) {
        Map<String, String> jdbc = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (k.equals("target_session_attrs")) {
                jdbc.put("targetServerType", switch (v) {
                    case "read-write", "primary" -> "primary";
                    case "read-only", "standby" -> "secondary";
                    case "prefer-standby" -> "preferSecondary";
                    case "any" -> "any";
                    default -> throw new ConfigException(null, key, "target_session_attrs=" + v + " is not supported by the JDBC driver");
                });
            } else {
                jdbc.put(LIBPQ_TO_JDBC.getOrDefault(k, k), v);
            }
        });
        return jdbc;
    }

    private static String query(Map<String, String> params) {
        if (params.isEmpty()) {
            return "";
        }
        StringJoiner j = new StringJoiner("&", "?", "");
        params.forEach((k, v) -> j.add(encode(k) + "=" + encode(v)));
        return j.toString();
    }

    /** As the JDBC driver decodes its URL's database and parameters (URLDecoder: '+' is a space). */
    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "ConnectionSpec[" + display + ", user=" + user + "]";
    }
}
