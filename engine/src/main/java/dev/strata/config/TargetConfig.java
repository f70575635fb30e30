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
 * @param desiredSchema the desired schema's .sql files and folders, resolved against the config file's
 *                     folder, in configured order; empty when not set (autogenerate is then refused)
 * @param scratchUrl   a database that {@code revision --autogenerate} and {@code diff} may empty and
 *                     replay the desired schema into, or null for a temporary database on the target's
 *                     own server; may hold a password
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
        String unresolved,
        java.util.List<java.nio.file.Path> desiredSchema,
        String scratchUrl) {

    public TargetConfig {
        desiredSchema = desiredSchema == null ? java.util.List.of() : java.util.List.copyOf(desiredSchema);
    }

    /** A target without a desired schema. */
    public TargetConfig(String name, String url, String user, String password, String branch, Dialect dialect,
                        String schema, String versionTable, String unresolved) {
        this(name, url, user, password, branch, dialect, schema, versionTable, unresolved, null, null);
    }

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
        if (scratchUrl != null) {
            try {
                all.addAll(ConnectionUrl.parse(scratchUrl).secrets());
            } catch (ConnectionUrl.Invalid e) {
                // as above
            }
        }
        return Secrets.of(all);
    }

    @Override
    public String toString() {
        // Records print every component; this one holds secrets.
        String shown = ConnectionUrl.displayOf(url);
        String scratch = scratchUrl == null ? null : ConnectionUrl.displayOf(scratchUrl);
        return "TargetConfig[" + name + ", " + (shown == null ? "?" : shown) + ", branch=" + branch + ", " + dialect.configName()
                + (scratchUrl == null ? "" : ", scratch=" + (scratch == null ? "?" : scratch)) + "]";
    }
}
