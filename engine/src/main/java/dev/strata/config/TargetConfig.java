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
 */
public record TargetConfig(
        String name,
        String url,
        String user,
        String password,
        String branch,
        Dialect dialect,
        String schema,
        String versionTable) {

    public static final String DEFAULT_VERSION_TABLE = "strata_version";

    @Override
    public String toString() {
        // Records print every component; this one holds secrets.
        return "TargetConfig[" + name + ", " + Secrets.maskUrl(url) + ", branch=" + branch + ", " + dialect.configName() + "]";
    }
}
