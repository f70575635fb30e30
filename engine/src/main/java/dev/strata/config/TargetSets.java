package dev.strata.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.tomlj.TomlArray;
import org.tomlj.TomlTable;

/**
 * Reads the keys that make a target a set ({@code urls}, {@code members}, {@code members_query} with
 * {@code directory_url}, {@code max_connections_per_server}) and checks them, naming the offending key.
 */
final class TargetSets {

    /** The keys a target may have on top of a plain target's. */
    static final Set<String> KEYS = Set.of("urls", "members", "members_query", "directory_url", "max_connections_per_server");

    /** A member's name: what a database or schema name may be, and what --only can type. */
    static final Pattern MEMBER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    private static final Pattern SCHEMA = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private TargetSets() {}

    /** Every key a target may have: a plain target's and these. */
    static Set<String> withPlain(Set<String> plain) {
        Set<String> all = new java.util.TreeSet<>(plain);
        all.addAll(KEYS);
        return all;
    }

    /**
     * The URL a set target stands in for where one URL is needed (the offline commands, messages): its
     * {@code url}, else the first of {@code urls}, else the directory's; null for a plain target.
     */
    static String representativeUrl(String file, String prefix, TomlTable t, Map<String, String> env) {
        Object urls = t.get(List.of("urls"));
        if (urls instanceof TomlArray array && !array.isEmpty()) {
            Object first = array.get(0);
            if (first instanceof String s) {
                return ConfigLoader.interpolate(file, prefix + ".urls", s, env);
            }
            if (first instanceof TomlTable entry && entry.get(List.of("url")) instanceof String s) {
                return ConfigLoader.interpolate(file, prefix + ".urls", s, env);
            }
        }
        if (t.get(List.of("directory_url")) instanceof String s) {
            return ConfigLoader.interpolate(file, prefix + ".directory_url", s, env);
        }
        return null;
    }

    /** The set a target's table declares, or null for a plain target; read before the plain keys, so a set's own problem is named first. */
    static TargetSet read(String file, String prefix, String targetName, TomlTable t, Map<String, String> env) {
        boolean hasUrls = t.contains("urls");
        boolean hasMembers = t.contains("members");
        boolean hasQuery = t.contains("members_query");
        int kinds = (hasUrls ? 1 : 0) + (hasMembers ? 1 : 0) + (hasQuery ? 1 : 0);
        if (kinds == 0) {
            for (String key : List.of("directory_url", "max_connections_per_server")) {
                if (t.contains(key)) {
                    throw new ConfigException(file, prefix + "." + key, "only a target set takes it; list the members with urls, members or members_query");
                }
            }
            // a plain target's url is interpolated when it connects (an unset variable must not stop offline commands)
            String urlKey = ConfigLoader.urlKey(t);
            if (t.get(List.of(urlKey)) instanceof String url && url.contains(TargetSet.PLACEHOLDER)) {
                throw new ConfigException(file, prefix + "." + urlKey, "holds " + TargetSet.PLACEHOLDER
                        + " but the target names no members; add members = [\"...\"] or members_query");
            }
            return null;
        }
        if (kinds > 1) {
            throw new ConfigException(file, prefix + "." + (hasUrls ? "urls" : "members"),
                    "give only one of urls, members and members_query");
        }
        String urlKey = ConfigLoader.urlKey(t);
        String url = plainString(file, prefix, t, urlKey, env);
        boolean schemaGiven = plainString(file, prefix, t, "schema", env) != null;
        int max = maxPerServer(file, prefix, t);
        if (hasUrls) {
            if (t.contains("url") || t.contains("migration_url")) {
                throw new ConfigException(file, prefix + "." + urlKey, "a target with urls takes no " + urlKey
                        + "; each entry of urls is a member (give each the URL to migrate it with)");
            }
            noDirectory(file, prefix, t);
            return new TargetSet(targetName, urls(file, prefix, t, env), null, max);
        }
        if (hasMembers) {
            noDirectory(file, prefix, t);
            String template = template(file, prefix + "." + urlKey, url, schemaGiven, "members");
            List<TargetSet.Member> members = new ArrayList<>();
            Object value = t.get(List.of("members"));
            if (!(value instanceof TomlArray array) || array.isEmpty()) {
                throw new ConfigException(file, prefix + ".members", "must be a non-empty array of names");
            }
            for (int i = 0; i < array.size(); i++) {
                if (!(array.get(i) instanceof String s)) {
                    throw new ConfigException(file, prefix + ".members", "entry " + (i + 1) + " must be a name (a string)");
                }
                String name = ConfigLoader.interpolate(file, prefix + ".members", s, env);
                checkName(file, prefix + ".members", name, template);
                members.add(TargetSet.fromTemplate(name, template));
            }
            unique(file, prefix + ".members", members);
            return new TargetSet(targetName, members, null, max);
        }
        String query = plainString(file, prefix, t, "members_query", env);
        String directory = plainString(file, prefix, t, "directory_url", env);
        if (query == null) {
            throw new ConfigException(file, prefix + ".members_query", "must be a query whose rows give NAME or NAME, URL");
        }
        if (directory == null) {
            throw new ConfigException(file, prefix + ".directory_url", "missing; members_query runs on the database this URL names");
        }
        checkUrl(file, prefix + ".directory_url", directory);
        String template = url == null ? null : template(file, prefix + "." + urlKey, url, schemaGiven, "members_query");
        return new TargetSet(targetName, List.of(), new TargetSet.Directory(directory, query, template), max);
    }

    private static String template(String file, String urlKey, String url, boolean schemaGiven, String key) {
        String prefix = urlKey.substring(0, urlKey.lastIndexOf('.'));
        if (url == null) {
            throw new ConfigException(file, urlKey, "missing; with " + key + ", url is the members' URL: put "
                    + TargetSet.PLACEHOLDER + " where the name goes (tenant_" + TargetSet.PLACEHOLDER
                    + "), or give one database's URL without it to make each member a schema of that database");
        }
        if (!url.contains(TargetSet.PLACEHOLDER) && schemaGiven) {
            throw new ConfigException(file, prefix + ".schema", "the members are schemas of one database (url has no "
                    + TargetSet.PLACEHOLDER + "), each with its own version tables: leave schema out");
        }
        return url;
    }

    private static void checkName(String file, String key, String name, String template) {
        boolean schemas = template != null && !template.contains(TargetSet.PLACEHOLDER);
        if (!(schemas ? SCHEMA : MEMBER).matcher(name).matches()) {
            throw new ConfigException(file, key, "'" + name + "' is not a member name ("
                    + (schemas ? "a schema: letters, digits and '_'" : "letters, digits, '_', '.' and '-'") + ")");
        }
    }

    private static List<TargetSet.Member> urls(String file, String prefix, TomlTable t, Map<String, String> env) {
        String key = prefix + ".urls";
        Object value = t.get(List.of("urls"));
        if (!(value instanceof TomlArray array) || array.isEmpty()) {
            throw new ConfigException(file, key, "must be a non-empty array of URLs (or of {name = \"...\", url = \"...\"} tables)");
        }
        List<TargetSet.Member> members = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            Object entry = array.get(i);
            String name = null;
            String url;
            if (entry instanceof String s) {
                url = ConfigLoader.interpolate(file, key, s, env);
            } else if (entry instanceof TomlTable table) {
                for (String k : table.keySet()) {
                    if (!k.equals("name") && !k.equals("url")) {
                        throw new ConfigException(file, key, "entry " + (i + 1) + ": unknown key '" + k + "' (known: name, url)");
                    }
                }
                if (!(table.get(List.of("url")) instanceof String s)) {
                    throw new ConfigException(file, key, "entry " + (i + 1) + " has no url (a string)");
                }
                url = ConfigLoader.interpolate(file, key, s, env);
                if (table.get(List.of("name")) != null) {
                    if (!(table.get(List.of("name")) instanceof String n)) {
                        throw new ConfigException(file, key, "entry " + (i + 1) + ": name must be a string");
                    }
                    name = ConfigLoader.interpolate(file, key, n, env);
                }
            } else {
                throw new ConfigException(file, key, "entry " + (i + 1) + " must be a URL (a string) or a {name, url} table");
            }
            checkUrl(file, key, url);
            if (name == null) {
                name = ConnectionUrl.parse(url).database();
                if (name == null || name.isEmpty()) {
                    throw new ConfigException(file, key, "entry " + (i + 1) + " ('" + ConnectionUrl.displayOf(url)
                            + "') names no database to call the member by; write {name = \"...\", url = \"...\"}");
                }
            }
            checkName(file, key, name, null);
            members.add(new TargetSet.Member(name, url, null));
        }
        unique(file, key, members);
        return members;
    }

    private static void checkUrl(String file, String key, String url) {
        if (!url.startsWith("jdbc:postgresql://") && !url.startsWith("postgresql://") && !url.startsWith("postgres://")) {
            String shown = ConnectionUrl.displayOf(url);
            throw new ConfigException(file, key, (shown == null ? "an entry" : "'" + shown + "'")
                    + " is not a PostgreSQL URL (jdbc:postgresql://... or postgresql://...)");
        }
        try {
            ConnectionUrl.parse(url).requireTcpHosts();
        } catch (ConnectionUrl.Invalid e) {
            throw new ConfigException(file, key, e.getMessage());
        }
    }

    private static void unique(String file, String key, List<TargetSet.Member> members) {
        Set<String> seen = new LinkedHashSet<>();
        for (TargetSet.Member m : members) {
            if (!seen.add(m.name())) {
                throw new ConfigException(file, key, "member '" + m.name() + "' is listed twice; give one a name with {name = \"...\", url = \"...\"}");
            }
        }
    }

    private static void noDirectory(String file, String prefix, TomlTable t) {
        if (t.contains("directory_url")) {
            throw new ConfigException(file, prefix + ".directory_url", "only members_query takes it");
        }
    }

    private static int maxPerServer(String file, String prefix, TomlTable t) {
        Object value = t.get(List.of("max_connections_per_server"));
        if (value == null) {
            return 0;
        }
        if (!(value instanceof Long n) || n < 1 || n > 10_000) {
            throw new ConfigException(file, prefix + ".max_connections_per_server", "must be a whole number from 1 to 10000");
        }
        return n.intValue();
    }

    private static String plainString(String file, String prefix, TomlTable t, String key, Map<String, String> env) {
        Object value = t.get(List.of(key));
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s)) {
            throw new ConfigException(file, prefix + "." + key, "must be a string");
        }
        String out = ConfigLoader.interpolate(file, prefix + "." + key, s, env);
        return out.isBlank() ? null : out;
    }
}
