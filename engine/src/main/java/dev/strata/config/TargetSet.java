package dev.strata.config;

import java.util.List;

/**
 * A target that stands for many databases (or many schemas of one database): its members, listed in
 * the config or found by a query on a directory database, and how many of them may run at once on one
 * server. The target's own settings (branch, dialect, version table, user, password) apply to every
 * member; each member has its own connection URL, and a schema member its own schema.
 *
 * @param target    the target's name
 * @param listed    the members the config lists ({@code urls}, or {@code members} with {@code url}); empty
 *                  when they come from a query
 * @param directory where to find the members, or null when they are listed
 * @param maxConnectionsPerServer the most members of this set that run at once on one server, or 0 for
 *                  no limit but {@code --parallel}
 */
public record TargetSet(String target, List<Member> listed, Directory directory, int maxConnectionsPerServer) {

    public TargetSet {
        listed = List.copyOf(listed);
    }

    /**
     * One member.
     *
     * @param name   what {@code --only} and the output call it
     * @param url    its connection URL; may hold a password
     * @param schema its schema (version tables and search path) when members are schemas of one database, or null
     */
    public record Member(String name, String url, String schema) {
        @Override
        public String toString() {
            String shown = ConnectionUrl.displayOf(url);
            return "Member[" + name + ", " + (shown == null ? "?" : shown) + (schema == null ? "" : ", schema " + schema) + "]";
        }
    }

    /**
     * A query on a directory database whose rows are the members: the first column a name, an optional
     * second column a URL; without a URL, the name goes into {@code template}.
     *
     * @param url      the directory database's URL; may hold a password
     * @param query    the query
     * @param template the target's {@code url}: with {@code {name}}, each row's database; without, the one
     *                 database whose schemas the rows name; null when every row must give its URL
     */
    public record Directory(String url, String query, String template) {
        @Override
        public String toString() {
            String shown = ConnectionUrl.displayOf(url);
            return "Directory[" + (shown == null ? "?" : shown) + ", " + query + "]";
        }
    }

    /** The placeholder of a URL template. */
    public static final String PLACEHOLDER = "{name}";

    /**
     * The member a name gives with the target's URL: the name put into its {@code {name}}, or, when the
     * URL has none, a schema of that one database (its search path set to the schema).
     */
    public static Member fromTemplate(String name, String template) {
        if (template.contains(PLACEHOLDER)) {
            return new Member(name, template.replace(PLACEHOLDER, name), null);
        }
        int q = template.indexOf('?');
        String sep = q < 0 ? "?" : (q == template.length() - 1 || template.endsWith("&") ? "" : "&");
        return new Member(name, template + sep + "currentSchema=" + name, name);
    }

    /** The member's own target: the set's settings with the member's name, URL and schema. */
    public static TargetConfig memberConfig(TargetConfig base, Member member) {
        return new TargetConfig(member.name(), member.url(), base.user(), base.password(), base.branch(), base.dialect(),
                member.schema() != null ? member.schema() : base.schema(), base.versionTable(), base.unresolved(),
                base.desiredSchema(), base.scratchUrl());
    }

    /** The directory database, as a target to connect to (its URL holds what it needs, user and password included). */
    public TargetConfig directoryConfig(TargetConfig base) {
        return new TargetConfig(base.name(), directory.url(), null, null, null, Dialect.POSTGRESQL, null,
                TargetConfig.DEFAULT_VERSION_TABLE, null);
    }

    /** The passwords the set's URLs carry, for scrubbing messages. */
    public Secrets secrets() {
        java.util.List<String> all = new java.util.ArrayList<>();
        for (Member m : listed) {
            addSecrets(all, m.url());
        }
        if (directory != null) {
            addSecrets(all, directory.url());
        }
        return Secrets.of(all);
    }

    private static void addSecrets(List<String> into, String url) {
        try {
            into.addAll(ConnectionUrl.parse(url).secrets());
        } catch (ConnectionUrl.Invalid e) {
            // an unreadable URL is refused at load
        }
    }
}
