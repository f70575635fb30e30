package dev.strata.config;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A connection URL read once into its parts: {@code SCHEME://[USER[:PASSWORD]@]HOSTS[/DB][?NAME=VALUE&...]}.
 * Every form a URL is shown in is rendered from these parts with the password replaced by {@code ***}
 * ({@link #display()}), so what is shown and what is parsed cannot disagree.
 *
 * <p>The user-info ends at the last {@code @} before the query, so a password may hold {@code /},
 * {@code @}, {@code :} or {@code #} as written; {@code %}, and a {@code ?} (which starts the query), must
 * be percent-encoded, as in any URL. Parts are percent-decoded as UTF-8; {@code +} stays {@code +},
 * as in libpq, except in the database and parameters of a {@code jdbc:} URL, where the JDBC driver reads
 * it as a space. Problems are reported without quoting the user-info.
 *
 * @param scheme    {@code jdbc:postgresql}, {@code postgresql}, {@code postgres}, or what else was written
 * @param user      the user of the user-info, decoded, or null
 * @param password  the password of the user-info, decoded, or null; never shown
 * @param hosts     the hosts as written ({@code h1:5432,h2}), without user-info
 * @param database  the database of the path, decoded, or null when there is no path
 * @param params    the query parameters, decoded, in order
 * @param written   the parts as written, for showing them as the user wrote them
 */
public record ConnectionUrl(String scheme, String user, String password, String hosts, String database,
                            List<Param> params, Written written) {

    /** What is shown in place of a password. */
    public static final String MASK = "***";

    /**
     * One query parameter.
     *
     * @param name  decoded
     * @param value decoded
     * @param text  {@code name=value} as written
     */
    public record Param(String name, String value, String text) {
        /** Whether this parameter carries a password (its value is never shown). */
        public boolean secret() {
            return name.equalsIgnoreCase("password");
        }

        @Override
        public String toString() {
            return secret() ? name + "=" + MASK : text;
        }
    }

    /**
     * The user-info and path as written (percent-escapes kept), or null where absent.
     *
     * @param user     the user as written
     * @param password the password as written
     * @param database the database as written
     */
    public record Written(String user, String password, String database) {
        @Override
        public String toString() {
            return "Written[user=" + user + ", password=" + (password == null ? null : MASK) + ", database=" + database + "]";
        }
    }

    /** A URL that cannot be read; its message names the problem and holds no secret. */
    public static final class Invalid extends IllegalArgumentException {
        Invalid(String problem) {
            super(problem);
        }
    }

    /** Reads a URL of any scheme into its parts; the hosts and ports are checked by {@link #requireTcpHosts()}. */
    public static ConnectionUrl parse(String url) {
        int sep = url.indexOf("://");
        if (sep <= 0) {
            throw new Invalid("is not a URL (jdbc:postgresql://HOST:PORT/DB or postgresql://USER@HOST:PORT/DB)");
        }
        String scheme = url.substring(0, sep);
        boolean plusIsSpace = scheme.startsWith("jdbc:");
        String rest = url.substring(sep + 3);
        String query = null;
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
            String firstName = query.split("[&=]", 2)[0];
            if (firstName.contains("@")) {
                // "u:pa?ss@host": the '?' of the password started the query.
                throw new Invalid("the user-info holds a '?', which starts the query; write it as %3F in a user or password");
            }
        }
        String userText = null;
        String passwordText = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String info = rest.substring(0, at);
            int colon = info.indexOf(':');
            userText = colon < 0 ? info : info.substring(0, colon);
            passwordText = colon < 0 ? null : info.substring(colon + 1);
            rest = rest.substring(at + 1);
        }
        String hosts = rest;
        String databaseText = null;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            hosts = rest.substring(0, slash);
            databaseText = rest.substring(slash + 1);
        }
        String user = userText == null ? null : decode(userText, false, "the user name");
        String password = passwordText == null ? null : decode(passwordText, false, "the password");
        String database = databaseText == null ? null : decode(databaseText, plusIsSpace, "the database name");
        List<Param> params = new ArrayList<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq), plusIsSpace, "a parameter name");
                if (eq <= 0) {
                    throw new Invalid(name.equalsIgnoreCase("password") || eq == 0
                            ? "a parameter has no name or no value" : "parameter '" + name + "' has no value");
                }
                params.add(new Param(name, decode(pair.substring(eq + 1), plusIsSpace, "parameter '" + name + "'"), pair));
            }
        }
        return new ConnectionUrl(scheme, user, password, hosts, database, List.copyOf(params),
                new Written(userText, passwordText, databaseText));
    }

    /** The display form of a URL, or null when it cannot be read at all (then show none of it). */
    public static String displayOf(String url) {
        try {
            return parse(url).display();
        } catch (Invalid e) {
            return null;
        }
    }

    /** The URL as written, with the password of the user-info and of a {@code password=} parameter as {@code ***}. */
    public String display() {
        StringBuilder out = new StringBuilder(scheme).append("://");
        if (written.user() != null) {
            out.append(written.user());
            if (written.password() != null) {
                out.append(':').append(MASK);
            }
            out.append('@');
        }
        out.append(hosts);
        if (written.database() != null) {
            out.append('/').append(written.database());
        }
        for (int i = 0; i < params.size(); i++) {
            out.append(i == 0 ? '?' : '&').append(params.get(i));
        }
        return out.toString();
    }

    /** The last parameter of that name (case as written), or null. */
    public String param(String name) {
        String value = null;
        for (Param p : params) {
            if (p.name().equals(name)) {
                value = p.value();
            }
        }
        return value;
    }

    /** Every password this URL carries (user-info, {@code password=}), each as decoded and as written. */
    public List<String> secrets() {
        List<String> out = new ArrayList<>();
        if (password != null) {
            out.add(password);
            out.add(written.password());
        }
        for (Param p : params) {
            if (p.secret()) {
                out.add(p.value());
                out.add(p.text().substring(p.text().indexOf('=') + 1));
            }
        }
        return out;
    }

    /**
     * Checks that every host is a TCP host with, if given, a port from 1 to 65535 (the JDBC driver
     * would otherwise fail with a log line and a bare exception).
     */
    public void requireTcpHosts() {
        if (hosts.isEmpty() || hosts.regionMatches(true, 0, "%2F", 0, 3)) {
            throw new Invalid("'" + display() + "' names no TCP host (Unix sockets are not supported by the JDBC driver);"
                    + " write host:port, e.g. 127.0.0.1:5432");
        }
        for (String host : hosts.split(",", -1)) {
            String port = null;
            String name = host;
            if (host.startsWith("[")) {
                int close = host.indexOf(']');
                if (close < 0) {
                    throw new Invalid("host '" + host + "' opens '[' without closing it");
                }
                name = host.substring(0, close + 1);
                String after = host.substring(close + 1);
                if (!after.isEmpty()) {
                    if (!after.startsWith(":")) {
                        throw new Invalid("host '" + host + "' has text after ']' that is not :PORT");
                    }
                    port = after.substring(1);
                }
            } else {
                int colon = host.lastIndexOf(':');
                if (colon >= 0) {
                    name = host.substring(0, colon);
                    port = host.substring(colon + 1);
                }
            }
            if (name.isEmpty() || name.equals("[]")) {
                throw new Invalid("a host is missing in '" + display() + "'; write host:port, e.g. 127.0.0.1:5432");
            }
            if (port != null) {
                checkPort(name, port);
            }
        }
    }

    private static void checkPort(String host, String port) {
        if (port.isEmpty() || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new Invalid("the port of host '" + host + "' is not a number: '" + port + "'");
        }
        if (port.length() > 5 || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            throw new Invalid("the port of host '" + host + "' is out of range: " + port + " (1 to 65535)");
        }
    }

    /** Percent-decodes as UTF-8; {@code what} names the part in the message of a bad escape. */
    static String decode(String text, boolean plusIsSpace, String what) {
        if (text.indexOf('%') < 0) {
            return plusIsSpace ? text.replace('+', ' ') : text;
        }
        StringBuilder out = new StringBuilder(text.length());
        ByteBuffer bytes = ByteBuffer.allocate(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '%') {
                out.append(plusIsSpace && c == '+' ? ' ' : c);
                i++;
                continue;
            }
            bytes.clear();
            while (i < text.length() && text.charAt(i) == '%') {
                int hi = i + 1 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
                int lo = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
                if (hi < 0 || lo < 0) {
                    throw new Invalid(what + " has a bad %-escape (write a literal % as %25)");
                }
                bytes.put((byte) (hi * 16 + lo));
                i += 3;
            }
            bytes.flip();
            try {
                out.append(StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(bytes));
            } catch (CharacterCodingException e) {
                throw new Invalid(what + " has %-escapes that are not UTF-8");
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return display();
    }
}
