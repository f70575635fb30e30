package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** revision --autogenerate, diff, diff --drift, diff --from/--to and check on a real PostgreSQL, through the command line. */
class AutogenerateCliIT {

    @TempDir
    Path dir;

    TestDatabase db;
    Cli cli;

    @BeforeEach
    void project() {
        db = TestDatabase.create("autogen");
        cli = new Cli(dir).env("APP_URL", db.jdbcUrl()).env("STRATA_CACHE_DIR", dir.resolve("cache").toString());
        cli.write("migrate.toml", "[scripts]\nlocations = [\"m\"]\n[targets.app]\nurl = \"${APP_URL}\"\n"
                + "desired_schema = [\"schema\"]\n");
        cli.write("m/a1.sql", Cli.script("a1", "", "", "CREATE TABLE users (id int PRIMARY KEY);", "DROP TABLE users;"));
        cli.write("schema/01_users.sql", "CREATE TABLE users (id int PRIMARY KEY);\n");
    }

    @AfterEach
    void drop() {
        db.close();
    }

    private List<String> scratchDatabases() {
        return db.column("SELECT datname FROM pg_database WHERE datname LIKE 'strata\\_scratch\\_%'");
    }

    @Test
    void theFullLoopAutogenerateUpgradeDiffNoChangesDowngrade() {
        List<String> before = scratchDatabases();
        Cli.Result notUp = cli.run("revision", "--autogenerate", "-m", "x");
        assertThat(notUp.code()).as(notUp.err()).isEqualTo(1);
        assertThat(notUp.err()).contains("target 'app' is not up to date");
        assertThat(cli.files()).noneMatch(f -> f.contains("_x"));

        assertThat(cli.run("upgrade", "head").code()).isZero();
        Cli.Result none = cli.run("revision", "--autogenerate", "-m", "nothing");
        assertThat(none.code()).as(none.err()).isZero();
        assertThat(none.out()).contains("No changes detected");
        assertThat(cli.run("diff").code()).isZero();

        cli.write("schema/01_users.sql", "CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL DEFAULT '');\n"
                + "CREATE TABLE devices (id bigint PRIMARY KEY, owner int REFERENCES users (id));\n");
        Cli.Result diff = cli.run("diff");
        assertThat(diff.code()).as(diff.err()).isEqualTo(1);
        assertThat(diff.out()).contains("devices").contains("email");
        assertThat(cli.run("--json", "diff").out()).contains("\"statements\":[", "\"changes\":[", "\"detected\":");
        Cli.Result check = cli.run("check");
        assertThat(check.code()).isEqualTo(1);
        assertThat(check.out()).contains("differs from its desired_schema");
        // A health probe checks the revisions only: up to date, whatever the desired schema says.
        Cli.Result probe = cli.run("check", "--revisions-only");
        assertThat(probe.code()).as(probe.out() + probe.err()).isZero();

        Cli.Result gen = cli.run("revision", "--autogenerate", "-m", "add devices", "--rev-id", "a2");
        assertThat(gen.code()).as(gen.err()).isZero();
        assertThat(gen.out()).contains("Detected ").contains("Generating ").contains("a2_add_devices.sql");
        Cli.Result up = cli.run("upgrade", "head");
        assertThat(up.code()).as(up.err() + cli.read("m/a2_add_devices.sql")).isZero();
        Cli.Result after = cli.run("diff");
        assertThat(after.code()).as(after.out() + after.err()).isZero();
        assertThat(cli.run("revision", "--autogenerate", "-m", "again").out()).contains("No changes detected");
        assertThat(cli.run("check").code()).isZero();
        Cli.Result down = cli.run("downgrade", "a1");
        assertThat(down.code()).as(down.err()).isZero();
        assertThat(db.column("SELECT count(*) FROM pg_class WHERE relname = 'devices'")).containsExactly("0");
        assertThat(scratchDatabases()).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void badDesiredSqlNamesFileAndLineExits2AndWritesNothing() {
        assertThat(cli.run("upgrade", "head").code()).isZero();
        List<String> before = scratchDatabases();
        cli.write("schema/02_bad.sql", "-- oops\n\nCREATE TABLE t (id int REFERENCES nowhere);\n");
        List<String> files = cli.files();
        Cli.Result r = cli.run("revision", "--autogenerate", "-m", "bad");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(dir.resolve("schema/02_bad.sql") + ":3: the desired schema fails").doesNotContain("\tat ");
        assertThat(cli.files()).isEqualTo(files);
        assertThat(scratchDatabases()).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void javaRevisionCompilesAndRuns() {
        assertThat(cli.run("upgrade", "head").code()).isZero();
        cli.write("schema/01_users.sql", "CREATE TABLE users (id int PRIMARY KEY, email text);\n");
        Cli.Result gen = cli.run("revision", "--autogenerate", "--java", "-m", "add email", "--rev-id", "j1");
        assertThat(gen.code()).as(gen.err()).isZero();
        assertThat(gen.out()).contains("Vj1_AddEmail.java");
        Cli.Result up = cli.run("upgrade", "head");
        assertThat(up.code()).as(up.err() + cli.read("m/Vj1_AddEmail.java")).isZero();
        assertThat(cli.run("diff").code()).isZero();
        assertThat(cli.run("downgrade", "a1").code()).isZero();
        assertThat(cli.run("diff").code()).isEqualTo(1);
    }

    @Test
    void renameHintsTurnADropAndAnAddIntoARename() {
        assertThat(cli.run("upgrade", "head").code()).isZero();
        db.execute("INSERT INTO users VALUES (7)");
        cli.write("schema/01_users.sql", "CREATE TABLE accounts ( -- renamed_from: users\n    id int PRIMARY KEY\n);\n");
        Cli.Result gen = cli.run("revision", "--autogenerate", "-m", "rename", "--rev-id", "r1");
        assertThat(gen.code()).as(gen.err()).isZero();
        assertThat(cli.read("m/r1_rename.sql")).containsIgnoringCase("RENAME").doesNotContain("DROP TABLE");
        assertThat(cli.run("upgrade", "head").code()).isZero();
        assertThat(db.column("SELECT id FROM accounts")).containsExactly("7");
        Cli.Result bad = cli.run("revision", "--autogenerate", "-m", "x", "--rename", "nonsense");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--rename nonsense");
    }

    @Test
    void driftShowsAHandChangeAndFromToComparesTwoDatabases() {
        assertThat(cli.run("upgrade", "head").code()).isZero();
        Cli.Result clean = cli.run("diff", "--drift");
        assertThat(clean.code()).as(clean.out() + clean.err()).isZero();
        db.execute("ALTER TABLE users ADD COLUMN by_hand text");
        Cli.Result drift = cli.run("diff", "--drift");
        assertThat(drift.code()).as(drift.err()).isEqualTo(1);
        assertThat(drift.out()).contains("by_hand");

        try (TestDatabase other = TestDatabase.create("autogen_to")) {
            other.execute("CREATE TABLE users (id int PRIMARY KEY)");
            Cli.Result ft = new Cli(dir).run("diff", "--from", other.jdbcUrl(), "--to", db.jdbcUrl());
            assertThat(ft.code()).as(ft.err()).isEqualTo(1);
            assertThat(ft.out()).contains("by_hand").doesNotContain("strata_version");
            assertThat(new Cli(dir).run("diff", "--from", db.jdbcUrl(), "--to", db.jdbcUrl()).code()).isZero();
        }
        assertThat(cli.run("diff", "--from", db.jdbcUrl()).code()).isEqualTo(2);
    }
}
