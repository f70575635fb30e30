package dev.strata.config;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * How to connect to a target: a JDBC URL that holds no credentials, the user and password apart, and
 * the URL as it may be shown (password masked). Reads both {@code jdbc:postgresql://...} and libpq's
 * {@code postgresql://user:pass@host:port/db?param=value}; {@code user} and {@code password} given as
 * their own keys win over the URL's.
 *
 * @param jdbcUrl  the URL for the driver, without user or password
 * @param user     the user, or null for the driver's default
 * @param password the password, or null; never printed
 * @param display  the URL with any password masked, for messages
 */
public record ConnectionSpec(String jdbcUrl, String user, String password, String display) {

    /** libpq parameter names that pgjdbc spells differently. */
    private static final Map<String, String> LIBPQ_TO_JDBC = Map.of(
            "application_name", "ApplicationName",
            "connect_timeout", "connectTimeout",
            "sslrootcert", "sslrootcert",
            "sslcert", "sslcert",
            "sslkey", "sslkey");

    public static ConnectionSpec of(TargetConfig target) {
        target.requireConnectable();
        String url = target.url();
        String key = "targets." + target.name() + ".url";
        ConnectionSpec parsed = url.startsWith("jdbc:") ? fromJdbc(url, key) : fromLibpq(url, key);
        String user = target.user() != null ? target.user() : parsed.user();
        String password = target.password() != null ? target.password() : parsed.password();
        return new ConnectionSpec(parsed.jdbcUrl(), user, password, Secrets.maskUrl(url));
    }

    private static ConnectionSpec fromJdbc(String url, String key) {
        String prefix = "jdbc:postgresql://";
        String rest = url.substring(prefix.length());
        int q = rest.indexOf('?');
        String path = q < 0 ? rest : rest.substring(0, q);
        // pgjdbc has no user:password@ part; people write it anyway, and the driver would then take
        // "user:password@host" for a host name and print it. Read it as libpq does instead.
        int slash = path.indexOf('/');
        UserInfo info = UserInfo.split(path, path.lastIndexOf('@', slash < 0 ? path.length() : slash));
        path = info.rest();
        Map<String, String> params = q < 0 ? new LinkedHashMap<>() : params(rest.substring(q + 1), key, url);
        String user = params.containsKey("user") ? params.remove("user") : info.user();
        String password = params.containsKey("password") ? params.remove("password") : info.password();
        return new ConnectionSpec(prefix + path + query(params), user, password, url);
    }

    private static ConnectionSpec fromLibpq(String url, String key) {
        String rest = url.substring(url.indexOf("://") + 3);
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        UserInfo info = UserInfo.split(rest, rest.lastIndexOf('@'));
        rest = info.rest();
        String user = info.user();
        String password = info.password();
        String hosts = rest;
        String db = "";
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            hosts = rest.substring(0, slash);
            db = decode(rest.substring(slash + 1));
        }
        if (hosts.isEmpty() || hosts.startsWith("%2F") || hosts.startsWith("%2f")) {
            throw new ConfigException(null, key, "'" + Secrets.maskUrl(url)
                    + "' names no TCP host (Unix sockets are not supported by the JDBC driver); write host:port, e.g. 127.0.0.1:5432");
        }
        Map<String, String> params = params(query, key, url);
        if (params.containsKey("host")) {
            throw new ConfigException(null, key, "a host= parameter is not supported; put the host in the URL");
        }
        user = params.containsKey("user") ? params.remove("user") : user;
        password = params.containsKey("password") ? params.remove("password") : password;
        String dbname = params.remove("dbname");
        if (dbname != null) {
            db = dbname;
        }
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
        return new ConnectionSpec("jdbc:postgresql://" + hosts + "/" + db + query(jdbc), user, password, url);
    }

    /** A URL's {@code user[:password]@} part split off what follows it; user and password decoded. */
    private record UserInfo(String user, String password, String rest) {
        static UserInfo split(String text, int at) {
            if (at < 0) {
                return new UserInfo(null, null, text);
            }
            String info = text.substring(0, at);
            int colon = info.indexOf(':');
            return new UserInfo(decode(colon < 0 ? info : info.substring(0, colon)),
                    colon < 0 ? null : decode(info.substring(colon + 1)), text.substring(at + 1));
        }
    }

    private static Map<String, String> params(String query, String key, String url) {
        Map<String, String> out = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return out;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException(null, key, "'" + Secrets.maskUrl(url) + "': parameter '" + pair + "' has no value");
            }
            out.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
        }
        return out;
    }

    private static String query(Map<String, String> params) {
        if (params.isEmpty()) {
            return "";
        }
        StringJoiner j = new StringJoiner("&", "?", "");
        params.forEach((k, v) -> j.add(k + "=" + java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return j.toString();
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "ConnectionSpec[" + display + ", user=" + user + "]";
    }
}
