package dev.strata.config;

/**
 * One database to migrate, as configured. Values are already interpolated from the environment.
 *
 * @param name         the table name in {@code [targets.NAME]}
 * @param url          {@code jdbc:postgresql://...} or {@code postgresql://user:pass@host/db}; may hold a password
 * @param user         user given apart from the URL, or null
 * @param password     password given apart from the URL, or null; never printed
 * @param branch       the branch label whose revisions this target runs, or null for the whole graph
 * @param dialect      postgresql or timescaledb
 * @param schema       schema of the version and history tables, or null for the search path's first
 * @param versionTable name of the version table; the history table is named after it
 * @param unresolved   why the connection settings could not be read (an unset variable), or null;
 *                     reported when the target connects, so offline commands work without them
 */
public record TargetConfig(
        String name,
        String url,
        String user,
        String password,
        String branch,
        Dialect dialect,
        String schema,
        String versionTable,
        String unresolved) {

    public static final String DEFAULT_VERSION_TABLE = "strata_version";

    /** Throws the deferred problem, if any: call before connecting. */
    public TargetConfig requireConnectable() {
        if (unresolved != null) {
            throw new ConfigException(null, null, unresolved);
        }
        return this;
    }

    /** The passwords this target's settings give (the key, the URL's), in every spelling, for scrubbing messages. */
    public Secrets secrets() {
        java.util.List<String> all = new java.util.ArrayList<>();
        all.add(password);
        try {
            all.addAll(ConnectionUrl.parse(url).secrets());
        } catch (ConnectionUrl.Invalid e) {
            // nothing readable to add: messages about such a URL never quote its user-info
        }
        return Secrets.of(all);
    }

    @Override
    public String toString() {
        // Records print every component; this one holds secrets.
        String shown = ConnectionUrl.displayOf(url);
        return "TargetConfig[" + name + ", " + (shown == null ? "?" : shown) + ", branch=" + branch + ", " + dialect.configName() + "]";
    }
}
