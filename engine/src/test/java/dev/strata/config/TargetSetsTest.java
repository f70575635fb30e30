package dev.strata.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Target sets in migrate.toml: the three ways to list members, and every refusal named by key. */
class TargetSetsTest {

    @TempDir
    Path dir;

    private Config load(String target) throws IOException {
        Files.writeString(dir.resolve("migrate.toml"), "[scripts]\nlocations = [\"m\"]\n[targets.t]\n" + target + "\n");
        return new ConfigLoader(Map.of("TENANT_PW", "s3cret")).load(dir.resolve("migrate.toml"));
    }

    private void refused(String target, String message) {
        assertThatThrownBy(() -> load(target)).isInstanceOf(ConfigException.class).hasMessageContaining(message)
                .hasMessageNotContaining("hunter2").hasMessageNotContaining("s3cret");
    }

    @Test
    void aPlainTargetIsNoSet() throws IOException {
        Config c = load("url = \"jdbc:postgresql://h/app\"");
        assertThat(c.set("t")).isNull();
        assertThat(c.target("t").url()).isEqualTo("jdbc:postgresql://h/app");
    }

    @Test
    void urlsGiveAMemberEachNamedAfterItsDatabaseOrItsName() throws IOException {
        Config c = load("urls = [\"jdbc:postgresql://h1/eu_app\", {name = \"us\", url = \"postgresql://u:${TENANT_PW}@h2:5433/app\"}]\n"
                + "branch = \"b\"\nmax_connections_per_server = 3");
        TargetSet set = c.set("t");
        assertThat(set.listed()).extracting(TargetSet.Member::name).containsExactly("eu_app", "us");
        assertThat(set.maxConnectionsPerServer()).isEqualTo(3);
        assertThat(c.target("t").url()).as("the set's stand-in URL: its first member's").isEqualTo("jdbc:postgresql://h1/eu_app");
        assertThat(c.secrets().scrub("password s3cret")).isEqualTo("password ***");
        TargetConfig us = TargetSet.memberConfig(c.target("t"), set.listed().get(1));
        assertThat(us.name()).isEqualTo("us");
        assertThat(us.branch()).isEqualTo("b");
        assertThat(us.toString()).doesNotContain("s3cret");
        assertThat(set.listed().get(1).toString()).doesNotContain("s3cret").contains("***");
    }

    @Test
    void migrationUrlIsWhatStrataConnectsWithWhileUrlNamesThePooler() throws IOException {
        Config plain = load("url = \"jdbc:postgresql://pgbouncer:6432/app\"\nmigration_url = \"jdbc:postgresql://db:5432/app\"");
        assertThat(plain.target("t").url()).isEqualTo("jdbc:postgresql://db:5432/app");
        TargetSet set = load("url = \"jdbc:postgresql://pgbouncer:6432/tenant_{name}\"\n"
                + "migration_url = \"jdbc:postgresql://db:5432/tenant_{name}\"\nmembers = [\"a\"]").set("t");
        assertThat(set.listed()).containsExactly(new TargetSet.Member("a", "jdbc:postgresql://db:5432/tenant_a", null));
        refused("urls = [\"jdbc:postgresql://h1/a\"]\nmigration_url = \"jdbc:postgresql://h/b\"",
                "targets.t.migration_url: a target with urls takes no migration_url; each entry of urls is a member");
        refused("migration_url = \"mysql://h/app\"", "targets.t.migration_url: 'mysql://h/app' is not a PostgreSQL URL");
    }

    @Test
    void membersGoIntoTheUrlTemplate() throws IOException {
        TargetSet set = load("url = \"jdbc:postgresql://h/tenant_{name}?user=app\"\nmembers = [\"a\", \"b-2\"]").set("t");
        assertThat(set.listed()).containsExactly(
                new TargetSet.Member("a", "jdbc:postgresql://h/tenant_a?user=app", null),
                new TargetSet.Member("b-2", "jdbc:postgresql://h/tenant_b-2?user=app", null));
    }

    @Test
    void membersWithoutAPlaceholderAreSchemasOfOneDatabase() throws IOException {
        TargetSet set = load("url = \"jdbc:postgresql://h/app?user=app\"\nmembers = [\"acme\", \"globex\"]").set("t");
        assertThat(set.listed()).containsExactly(
                new TargetSet.Member("acme", "jdbc:postgresql://h/app?user=app&currentSchema=acme", "acme"),
                new TargetSet.Member("globex", "jdbc:postgresql://h/app?user=app&currentSchema=globex", "globex"));
        assertThat(TargetSet.fromTemplate("x", "jdbc:postgresql://h/app")).isEqualTo(
                new TargetSet.Member("x", "jdbc:postgresql://h/app?currentSchema=x", "x"));
        assertThat(TargetSet.memberConfig(load("url = \"jdbc:postgresql://h/app\"\nmembers = [\"x\"]").target("t"),
                set.listed().get(0)).schema()).isEqualTo("acme");
    }

    @Test
    void aQueryOnADirectoryDatabase() throws IOException {
        TargetSet set = load("members_query = \"SELECT name, url FROM tenants\"\n"
                + "directory_url = \"postgresql://dir:hunter2@h/directory\"").set("t");
        assertThat(set.listed()).isEmpty();
        assertThat(set.directory().query()).isEqualTo("SELECT name, url FROM tenants");
        assertThat(set.directory().template()).isNull();
        assertThat(set.directory().toString()).doesNotContain("hunter2");
        assertThat(set.secrets().scrub("x hunter2")).isEqualTo("x ***");
        TargetSet schemas = load("url = \"jdbc:postgresql://h/app\"\nmembers_query = \"SELECT schema_name FROM tenants\"\n"
                + "directory_url = \"jdbc:postgresql://h/directory\"").set("t");
        assertThat(schemas.directory().template()).isEqualTo("jdbc:postgresql://h/app");
    }

    @Test
    void refusalsNameTheKey() {
        refused("urls = []", "targets.t.urls: must be a non-empty array");
        refused("urls = [\"mysql://u:hunter2@x/y\"]", "targets.t.urls: 'mysql://u:***@x/y' is not a PostgreSQL URL");
        refused("urls = [\"jdbc:postgresql://u:hunter2@h:99999/a\"]", "targets.t.urls: the port of host 'h' is out of range");
        refused("urls = [\"jdbc:postgresql://h/a\", \"jdbc:postgresql://h2/a\"]", "targets.t.urls: member 'a' is listed twice");
        refused("urls = [\"jdbc:postgresql://h/\"]", "targets.t.urls: entry 1");
        refused("urls = [{url = \"jdbc:postgresql://h/a\", nme = \"x\"}]", "targets.t.urls: entry 1: unknown key 'nme'");
        refused("urls = [\"jdbc:postgresql://h/a\"]\nurl = \"jdbc:postgresql://h/b\"", "targets.t.url: a target with urls takes no url");
        refused("urls = [\"jdbc:postgresql://h/a\"]\nmembers = [\"x\"]", "targets.t.urls: give only one of urls, members and members_query");
        refused("members = [\"a\"]", "targets.t.url: missing; with members");
        refused("members = []\nurl = \"jdbc:postgresql://h/x_{name}\"", "targets.t.members: must be a non-empty array");
        refused("members = [\"a b\"]\nurl = \"jdbc:postgresql://h/x_{name}\"", "targets.t.members: 'a b' is not a member name");
        refused("members = [\"a-b\"]\nurl = \"jdbc:postgresql://h/x\"", "targets.t.members: 'a-b' is not a member name (a schema");
        refused("members = [\"a\", \"a\"]\nurl = \"jdbc:postgresql://h/x_{name}\"", "member 'a' is listed twice");
        refused("members = [\"a\"]\nurl = \"jdbc:postgresql://u:hunter2@h/db\"\nschema = \"x\"", "targets.t.schema: the members are schemas");
        refused("url = \"jdbc:postgresql://h/x_{name}\"", "targets.t.url: holds {name} but the target names no members");
        refused("members_query = \"select 1\"", "targets.t.directory_url: missing");
        refused("members_query = 1\ndirectory_url = \"jdbc:postgresql://h/d\"", "targets.t.members_query: must be a string");
        refused("url = \"jdbc:postgresql://h/a\"\ndirectory_url = \"jdbc:postgresql://h/d\"", "targets.t.directory_url: only a target set takes it");
        refused("urls = [\"jdbc:postgresql://h/a\"]\nmax_connections_per_server = 0", "targets.t.max_connections_per_server: must be a whole number");
        refused("url = \"jdbc:postgresql://h/a\"\nmembrs = [\"a\"]", "targets.t.membrs: unknown key");
    }
}
