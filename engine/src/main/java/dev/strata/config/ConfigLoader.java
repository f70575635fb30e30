package dev.strata.config;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * Reads {@code migrate.toml} with tomlj, interpolates {@code ${VAR}} and {@code ${VAR:-default}} from the
 * environment and a {@code .env} file beside the config (the environment wins), and validates every
 * key once, naming the offending one.
 */
public final class ConfigLoader {

    /** The file looked for in the working folder when neither {@code -c} nor MIGRATE_CONFIG names one. */
    public static final String DEFAULT_FILE = "migrate.toml";

    private static final Set<String> TOP_KEYS = Set.of("scripts", "targets");
    private static final Set<String> SCRIPT_KEYS = Set.of("locations");
    private static final Set<String> TARGET_KEYS =
            Set.of("url", "migration_url", "user", "password", "branch", "dialect", "schema", "version_table", "desired_schema",
                    "scratch_url");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_.]+");

    private final Map<String, String> environment;

    /** @param environment the process environment (tests pass their own) */
    public ConfigLoader(Map<String, String> environment) {
        this.environment = environment;
    }

    /**
     * Which file to read: {@code -c FILE} if given, else MIGRATE_CONFIG, else {@code migrate.toml} in
     * {@code workingDir}.
     */
    public Path locate(String option, Path workingDir) {
        if (option != null && !option.isBlank()) {
            return workingDir.resolve(option);
        }
        String env = environment.get("MIGRATE_CONFIG");
        if (env != null && !env.isBlank()) {
            return workingDir.resolve(env);
        }
        return workingDir.resolve(DEFAULT_FILE);
    }

    /** Loads and validates a config file. */
    public Config load(Path file) {
        String name = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(name, null, "no such file; run 'migrate init' to create one, or pass -c FILE");
        } catch (MalformedInputException e) {
            throw new ConfigException(name, null, "is not valid UTF-8");
        } catch (IOException e) {
            throw new ConfigException(name, null, "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        TomlParseResult toml = Toml.parse(text);
        if (toml.hasErrors()) {
            TomlParseError error = toml.errors().get(0);
            throw new ConfigException(name + ":" + error.position().line(), null, "not valid TOML: " + error.getMessage());
        }
        Path dir = file.toAbsolutePath().getParent();
        Map<String, String> env = withDotEnv(dir.resolve(".env"));
        onlyKeys(name, "", toml, TOP_KEYS);

        List<Path> locations = new ArrayList<>();
        TomlTable scripts = table(name, toml, "scripts");
        if (scripts == null) {
            throw new ConfigException(name, "scripts.locations", "missing; list the script folders, e.g. locations = [\"branches/postgres\"]");
        }
        onlyKeys(name, "scripts.", scripts, SCRIPT_KEYS);
        Object locs = scripts.get(List.of("locations"));
        if (!(locs instanceof TomlArray array) || array.isEmpty()) {
            throw new ConfigException(name, "scripts.locations", "must be a non-empty array of folder names");
        }
        for (int i = 0; i < array.size(); i++) {
            if (!(array.get(i) instanceof String s) || s.isBlank()) {
                throw new ConfigException(name, "scripts.locations", "entry " + (i + 1) + " must be a folder name (a string)");
            }
            locations.add(dir.resolve(interpolate(name, "scripts.locations", s, env)).normalize());
        }

        Map<String, TargetConfig> targets = new LinkedHashMap<>();
        Map<String, TargetSet> sets = new LinkedHashMap<>();
        TomlTable targetTable = table(name, toml, "targets");
        if (targetTable != null) {
            for (String targetName : targetTable.keySet()) {
                String prefix = "targets." + targetName;
                if (!NAME.matcher(targetName).matches()) {
                    throw new ConfigException(name, prefix, "target names may hold only letters, digits and '_'");
                }
                TomlTable t = table(name, targetTable, targetName, prefix);
                onlyKeys(name, prefix + ".", t, TargetSets.withPlain(TARGET_KEYS));
                TargetSet set = TargetSets.read(name, prefix, targetName, t, env);
                targets.put(targetName, target(name, prefix, targetName, t, env, dir));
                if (set != null) {
                    sets.put(targetName, set);
                }
            }
        }
        return new Config(file, locations, targets, sets);
    }

    /**
     * The key whose URL Strata connects with: {@code migration_url} when given (a direct URL for
     * migrating, while {@code url} may name a pooler that the application uses), else {@code url}.
     */
    static String urlKey(TomlTable t) {
        return t.contains("migration_url") ? "migration_url" : "url";
    }

    private TargetConfig target(String file, String prefix, String targetName, TomlTable t, Map<String, String> env, Path dir) {
        // An unset variable in the connection settings only matters when this target connects: keep its
        // message for then, so offline commands work without them. Everything else is checked now.
        List<String> unresolved = new ArrayList<>();
        String urlKey = urlKey(t);
        String url = deferred(file, prefix, t, urlKey, env, unresolved);
        String user = deferred(file, prefix, t, "user", env, unresolved);
        String password = deferred(file, prefix, t, "password", env, unresolved);
        if (url == null && !unresolved.isEmpty() && unresolved.get(0).startsWith(prefix + "." + urlKey)) {
            url = "jdbc:postgresql://unresolved/";
        }
        if (url == null) {
            url = TargetSets.representativeUrl(file, prefix, t, env); // a target set without a url of its own
        }
        if (url == null || url.isBlank()) {
            throw new ConfigException(file, prefix + "." + urlKey, "missing; give jdbc:postgresql://HOST:PORT/DB or postgresql://USER@HOST/DB");
        }
        if (!url.startsWith("jdbc:postgresql://") && !url.startsWith("postgresql://") && !url.startsWith("postgres://")) {
            String shown = ConnectionUrl.displayOf(url);
            throw new ConfigException(file, prefix + "." + urlKey, (shown == null ? "" : "'" + shown + "' ")
                    + "is not a PostgreSQL URL (jdbc:postgresql://... or postgresql://...)");
        }
        String branch = string(file, prefix, t, "branch", env);
        if (branch != null && !LABEL.matcher(branch).matches()) {
            throw new ConfigException(file, prefix + ".branch", "'" + branch + "' is not a branch label");
        }
        String dialectText = string(file, prefix, t, "dialect", env);
        Dialect dialect = dialectText == null ? Dialect.POSTGRESQL : Dialect.parse(dialectText);
        if (dialect == null) {
            throw new ConfigException(file, prefix + ".dialect", "'" + dialectText + "' is not a dialect; use postgresql or timescaledb");
        }
        String schema = string(file, prefix, t, "schema", env);
        if (schema != null && !NAME.matcher(schema).matches()) {
            throw new ConfigException(file, prefix + ".schema", "'" + schema + "' is not a plain identifier");
        }
        String versionTable = string(file, prefix, t, "version_table", env);
        if (versionTable == null) {
            versionTable = TargetConfig.DEFAULT_VERSION_TABLE;
        } else if (!NAME.matcher(versionTable).matches()) {
            throw new ConfigException(file, prefix + ".version_table", "'" + versionTable + "' is not a plain identifier");
        }
        List<Path> desired = paths(file, prefix + ".desired_schema", t.get(List.of("desired_schema")), env, dir);
        // Read strictly: an unset variable here would otherwise stop every command of the target from
        // connecting; ${SCRATCH_URL:-} leaves it unset.
        String scratchUrl = string(file, prefix, t, "scratch_url", env);
        if (scratchUrl != null && !scratchUrl.startsWith("jdbc:postgresql://") && !scratchUrl.startsWith("postgresql://")
                && !scratchUrl.startsWith("postgres://")) {
            String shown = ConnectionUrl.displayOf(scratchUrl);
            throw new ConfigException(file, prefix + ".scratch_url", (shown == null ? "" : "'" + shown + "' ")
                    + "is not a PostgreSQL URL (jdbc:postgresql://... or postgresql://...)");
        }
        return new TargetConfig(targetName, url, user, password, branch, dialect, schema, versionTable,
                unresolved.isEmpty() ? null : String.join("; ", unresolved), desired, scratchUrl);
    }

    /** {@code desired_schema}: one file or folder name, or an array of them, resolved against the config's folder. */
    private static List<Path> paths(String file, String key, Object value, Map<String, String> env, Path dir) {
        List<Path> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        if (value instanceof String s) {
            if (s.isBlank()) {
                throw new ConfigException(file, key, "must name .sql files or folders, e.g. [\"schema/postgres\"]");
            }
            out.add(dir.resolve(interpolate(file, key, s, env)).normalize());
            return out;
        }
        if (!(value instanceof TomlArray array) || array.isEmpty()) {
            throw new ConfigException(file, key, "must be a non-empty array of .sql files or folders, e.g. [\"schema/postgres\"]");
        }
        for (int i = 0; i < array.size(); i++) {
            if (!(array.get(i) instanceof String s) || s.isBlank()) {
                throw new ConfigException(file, key, "entry " + (i + 1) + " must be a file or folder name (a string)");
            }
            out.add(dir.resolve(interpolate(file, key, s, env)).normalize());
        }
        return out;
    }

    private String deferred(String file, String prefix, TomlTable t, String key, Map<String, String> env, List<String> problems) {
        try {
            return string(file, prefix, t, key, env);
        } catch (ConfigException e) {
            if (!e.getMessage().contains("is not set")) {
                throw e;
            }
            problems.add(e.getMessage().substring(e.getMessage().indexOf(prefix)));
            return null;
        }
    }

    private String string(String file, String prefix, TomlTable t, String key, Map<String, String> env) {
        Object value = t.get(List.of(key));
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s)) {
            throw new ConfigException(file, prefix + "." + key, "must be a string");
        }
        String out = interpolate(file, prefix + "." + key, s, env);
        return out.isEmpty() ? null : out;
    }

    private static TomlTable table(String file, TomlTable parent, String key) {
        return table(file, parent, key, key);
    }

    private static TomlTable table(String file, TomlTable parent, String key, String fullKey) {
        Object value = parent.get(List.of(key));
        if (value == null) {
            return null;
        }
        if (!(value instanceof TomlTable table)) {
            throw new ConfigException(file, fullKey, "must be a table ([" + fullKey + "])");
        }
        return table;
    }

    private static void onlyKeys(String file, String prefix, TomlTable table, Set<String> allowed) {
        for (String key : table.keySet()) {
            if (!allowed.contains(key)) {
                throw new ConfigException(file, prefix + key, "unknown key (known: "
                        + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        }
    }

    /** Replaces {@code ${VAR}} and {@code ${VAR:-default}}; {@code $$} is a literal {@code $}. */
    static String interpolate(String file, String key, String text, Map<String, String> env) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '$') {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 < text.length() && text.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
                continue;
            }
            if (i + 1 >= text.length() || text.charAt(i + 1) != '{') {
                out.append(c);
                i++;
                continue;
            }
            int end = text.indexOf('}', i + 2);
            if (end < 0) {
                throw new ConfigException(file, key, "unclosed ${ in value");
            }
            String expr = text.substring(i + 2, end);
            int sep = expr.indexOf(":-");
            String var = sep < 0 ? expr : expr.substring(0, sep);
            if (!NAME.matcher(var).matches()) {
                throw new ConfigException(file, key, "'${" + expr + "}' does not name an environment variable");
            }
            String value = env.get(var);
            if (value == null || (sep >= 0 && value.isEmpty())) {
                if (sep < 0) {
                    throw new ConfigException(file, key, "environment variable " + var
                            + " is not set (set it, or give a default: ${" + var + ":-value})");
                }
                value = expr.substring(sep + 2);
            }
            out.append(value);
            i = end + 1;
        }
        return out.toString();
    }

    /** The environment over the variables of a {@code .env} file, if there is one. */
    private Map<String, String> withDotEnv(Path dotEnv) {
        if (!Files.isRegularFile(dotEnv)) {
            return environment;
        }
        Map<String, String> merged = new HashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(dotEnv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(dotEnv.toString(), null, "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        try {
            merged.putAll(DotEnv.parse(lines));
        } catch (DotEnv.BadLine e) {
            throw new ConfigException(dotEnv + ":" + e.line, null, e.getMessage());
        }
        merged.putAll(environment);
        return merged;
    }
}
