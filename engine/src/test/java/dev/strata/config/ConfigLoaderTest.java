package dev.strata.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** migrate.toml: keys, defaults, interpolation from the environment and .env, and every refusal named by key. */
class ConfigLoaderTest {

    @TempDir
    Path dir;

    private Config load(String toml, Map<String, String> env) throws IOException {
        Files.writeString(dir.resolve("migrate.toml"), toml);
        return new ConfigLoader(env).load(dir.resolve("migrate.toml"));
    }

    private static final String SCRIPTS = "[scripts]\nlocations = [\"a\", \"sub/b\"]\n";

    @Test
    void readsLocationsRelativeToTheFileAndTargetsInOrder() throws IOException {
        Config c = load(SCRIPTS + "[targets.pg]\nurl = \"jdbc:postgresql://h/app\"\nbranch = \"postgres\"\n"
                + "[targets.ts]\nurl = \"postgresql://h/metrics\"\ndialect = \"timescaledb\"\nschema = \"ops\"\nversion_table = \"ts_version\"\n",
                Map.of());
        assertThat(c.locations()).containsExactly(dir.resolve("a"), dir.resolve("sub/b"));
        assertThat(c.targets().keySet()).containsExactly("pg", "ts");
        TargetConfig pg = c.target("pg");
        assertThat(pg.dialect()).isEqualTo(Dialect.POSTGRESQL);
        assertThat(pg.versionTable()).isEqualTo("strata_version");
        assertThat(pg.schema()).isNull();
        TargetConfig ts = c.target("ts");
        assertThat(ts.dialect()).isEqualTo(Dialect.TIMESCALEDB);
        assertThat(ts.schema()).isEqualTo("ops");
        assertThat(ts.versionTable()).isEqualTo("ts_version");
        assertThat(c.targetsOwning("postgres")).containsExactly(pg);
    }

    @Test
    void interpolatesFromTheEnvironmentAndDotEnvTheEnvironmentWinning() throws IOException {
        Files.writeString(dir.resolve(".env"), "# local settings\nexport PG_HOST=from-dotenv\nPG_DB=\"app\"\nPG_PASS='p$w'\n");
        Config c = load(SCRIPTS + "[targets.pg]\nurl = \"jdbc:postgresql://${PG_HOST}:${PG_PORT:-5432}/${PG_DB}\"\n"
                + "password = \"${PG_PASS}\"\nuser = \"$${literal}\"\n", Map.of("PG_HOST", "from-env"));
        TargetConfig pg = c.target("pg");
        assertThat(pg.url()).isEqualTo("jdbc:postgresql://from-env:5432/app");
        assertThat(pg.password()).isEqualTo("p$w");
        assertThat(pg.user()).isEqualTo("${literal}");
        assertThat(pg.toString()).doesNotContain("p$w");
    }

    @Test
    void dotEnvInlineCommentsAndQuotesFollowTheDotenvRules() throws IOException {
        Files.writeString(dir.resolve(".env"), "PG_URL=jdbc:postgresql://h/app   # the app's database\n"
                + "PG_PASS='s3cr#t/$x' # quoted\n");
        TargetConfig pg = load(SCRIPTS + "[targets.pg]\nurl = \"${PG_URL}\"\npassword = \"${PG_PASS}\"\n", Map.of()).target("pg");
        assertThat(pg.url()).isEqualTo("jdbc:postgresql://h/app");
        assertThat(pg.password()).isEqualTo("s3cr#t/$x");
    }

    @Test
    void anEmptyVariableTakesTheDefault() throws IOException {
        Config c = load(SCRIPTS + "[targets.pg]\nurl = \"${URL:-jdbc:postgresql://h/app}\"\n", Map.of("URL", ""));
        assertThat(c.target("pg").url()).isEqualTo("jdbc:postgresql://h/app");
    }

    @Test
    void anUnsetVariableInABranchIsAnErrorNamingTheKey() {
        assertThatThrownBy(() -> load(SCRIPTS + "[targets.pg]\nurl = \"jdbc:postgresql://h/app\"\nbranch = \"${BRANCH}\"\n", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("targets.pg.branch: environment variable BRANCH is not set (set it, or give a default: ${BRANCH:-value})");
    }

    @Test
    void refusalsNameTheKey() {
        assertRefused("[scripts]\n", "scripts.locations: must be a non-empty array");
        assertRefused("", "scripts.locations: missing");
        assertRefused(SCRIPTS + "[extra]\n", "extra: unknown key (known: scripts, targets)");
        assertRefused(SCRIPTS + "[targets.pg]\nbranch = \"x\"\n", "targets.pg.url: missing");
        assertRefused(SCRIPTS + "[targets.pg]\nurl = \"jdbc:postgresql://h/a\"\ndialect = \"mysql\"\n", "targets.pg.dialect: 'mysql' is not a dialect");
        assertRefused(SCRIPTS + "[targets.pg]\nurl = \"jdbc:postgresql://h/a\"\nversion_table = \"my-table\"\n", "targets.pg.version_table");
        assertRefused(SCRIPTS + "[targets.pg]\nurl = \"jdbc:postgresql://h/a\"\nschema = \"a b\"\n", "targets.pg.schema");
        assertRefused(SCRIPTS + "[targets.pg]\nurl = 5\n", "targets.pg.url: must be a string");
        assertRefused(SCRIPTS + "[targets.\"p-g\"]\nurl = \"jdbc:postgresql://h/a\"\n", "targets.p-g: target names may hold only");
        assertRefused("[scripts\nlocations = 1", "not valid TOML");
    }

    @Test
    void desiredSchemaPathsResolveAgainstTheFileAndScratchUrlInterpolatesWithItsPasswordMasked() throws IOException {
        Config c = load(SCRIPTS + "[targets.ts]\nurl = \"jdbc:postgresql://h/app\"\n"
                + "desired_schema = [\"schema/timescale\", \"x.sql\"]\nscratch_url = \"${SCRATCH_URL:-}\"\n"
                + "[targets.pg]\nurl = \"jdbc:postgresql://h/app\"\ndesired_schema = \"one.sql\"\n"
                + "scratch_url = \"postgresql://app:hunter22@h2/scratch\"\n", Map.of());
        TargetConfig ts = c.target("ts");
        assertThat(ts.desiredSchema()).containsExactly(dir.resolve("schema/timescale"), dir.resolve("x.sql"));
        assertThat(ts.scratchUrl()).isNull();
        TargetConfig pg = c.target("pg");
        assertThat(pg.desiredSchema()).containsExactly(dir.resolve("one.sql"));
        assertThat(pg.toString()).contains("scratch=postgresql://app:***@h2/scratch").doesNotContain("hunter22");
        assertThat(c.secrets().scrub("password hunter22")).isEqualTo("password ***");
        assertThat(ConnectionSpec.scratch(pg).display()).doesNotContain("hunter22");
        assertThat(ConnectionSpec.scratch(pg).password()).isEqualTo("hunter22");
        assertThat(ConnectionSpec.scratch(ts)).isNull();

        Config set = load(SCRIPTS + "[targets.ts]\nurl = \"jdbc:postgresql://h/app\"\nscratch_url = \"${SCRATCH_URL:-}\"\n",
                Map.of("SCRATCH_URL", "jdbc:postgresql://h3:5433/s?user=u"));
        assertThat(set.target("ts").scratchUrl()).isEqualTo("jdbc:postgresql://h3:5433/s?user=u");
        assertThat(set.target("ts").desiredSchema()).isEmpty();
    }

    @Test
    void desiredSchemaAndScratchUrlRefusalsNameTheKey() {
        String pg = SCRIPTS + "[targets.pg]\nurl = \"jdbc:postgresql://h/a\"\n";
        assertRefused(pg + "desired_schema = []\n", "targets.pg.desired_schema: must be a non-empty array");
        assertRefused(pg + "desired_schema = [3]\n", "targets.pg.desired_schema: entry 1 must be a file or folder name");
        assertRefused(pg + "scratch_url = \"mysql://x:pw1234@h/s\"\n", "targets.pg.scratch_url: 'mysql://x:***@h/s' is not a PostgreSQL URL");
        assertRefused(pg + "scratch_url = \"${SCRATCH}\"\n", "targets.pg.scratch_url: environment variable SCRATCH is not set");
    }

    private void assertRefused(String toml, String message) {
        assertThatThrownBy(() -> load(toml, Map.of())).isInstanceOf(ConfigException.class).hasMessageContaining(message);
    }

    @Test
    void locatesTheFileFromTheOptionThenTheEnvironmentThenTheWorkingFolder() {
        assertThat(new ConfigLoader(Map.of("MIGRATE_CONFIG", "env.toml")).locate("opt.toml", dir)).isEqualTo(dir.resolve("opt.toml"));
        assertThat(new ConfigLoader(Map.of("MIGRATE_CONFIG", "env.toml")).locate(null, dir)).isEqualTo(dir.resolve("env.toml"));
        assertThat(new ConfigLoader(Map.of()).locate(null, dir)).isEqualTo(dir.resolve("migrate.toml"));
    }

    @Test
    void aMissingFileSaysHowToMakeOne() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(dir.resolve("migrate.toml")))
                .hasMessageContaining("no such file; run 'migrate init' to create one, or pass -c FILE");
    }
}
