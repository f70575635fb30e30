package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.testing.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --json} on the commands that change a database: one object on stdout, failures included. */
class JsonRunCliIT {

    @TempDir
    Path dir;

    TestDatabase db;
    Cli cli;

    @BeforeEach
    void project() {
        db = TestDatabase.create("json_run");
        cli = new Cli(dir).env("APP_URL", db.jdbcUrl());
        cli.write("migrate.toml", "[scripts]\nlocations = [\"m\"]\n[targets.app]\nurl = \"${APP_URL}\"\n");
        cli.write("m/a1.sql", Cli.script("a1", "", "", "CREATE TABLE users (id int PRIMARY KEY);", "DROP TABLE users;"));
        cli.write("m/a2.sql", Cli.script("a2", "a1", "", "ALTER TABLE users ADD COLUMN email text;", "ALTER TABLE users DROP COLUMN email;"));
    }

    @AfterEach
    void drop() {
        db.close();
    }

    @Test
    void upgradeDowngradeAndStampEachPrintOneObject() {
        Cli.Result up = cli.run("--json", "upgrade", "heads");
        assertThat(up.code()).as(up.err()).isZero();
        assertThat(up.out().lines()).hasSize(1);
        assertThat(up.out()).startsWith("{\"command\":\"upgrade\",\"target\":\"app\",\"destination\":\"heads\",\"outcome\":\"ok\",\"steps\":[")
                .contains("{\"revision\":\"a1\",\"direction\":\"upgrade\",\"from\":[],\"to\":[\"a1\"],\"message\":\"a1 step\",\"transactional\":true,\"outcome\":\"applied\",\"duration_ms\":")
                .contains("{\"revision\":\"a2\",\"direction\":\"upgrade\",\"from\":[\"a1\"],\"to\":[\"a2\"]")
                .endsWith("],\"error\":null}\n")
                .doesNotContain("Running upgrade");

        assertThat(cli.run("--json", "upgrade", "heads").out())
                .isEqualTo("{\"command\":\"upgrade\",\"target\":\"app\",\"destination\":\"heads\",\"outcome\":\"nothing to do\",\"steps\":[],\"error\":null}\n");

        Cli.Result down = cli.run("--json", "downgrade", "-1");
        assertThat(down.code()).isZero();
        assertThat(down.out()).contains("\"command\":\"downgrade\"", "{\"revision\":\"a2\",\"direction\":\"downgrade\",\"from\":[\"a2\"],\"to\":[\"a1\"]");

        Cli.Result stamp = cli.run("--json", "stamp", "a2");
        assertThat(stamp.code()).isZero();
        assertThat(stamp.out()).isEqualTo("{\"command\":\"stamp\",\"target\":\"app\",\"destination\":\"a2\",\"before\":[\"a1\"],\"after\":[\"a2\"],"
                + "\"outcome\":\"ok\",\"steps\":[],\"error\":null}\n");
    }

    @Test
    void aFailedRunStillPrintsItsObjectWithTheErrorAndTheExitCode() {
        cli.write("m/a3.sql", Cli.script("a3", "a2", "", "ALTER TABLE nope ADD COLUMN x int;", ""));
        Cli.Result r = cli.run("--json", "upgrade", "heads");
        assertThat(r.code()).isEqualTo(4);
        assertThat(r.out()).contains("{\"revision\":\"a2\",\"direction\":\"upgrade\"", "\"outcome\":\"applied\"")
                .contains("{\"revision\":\"a3\",\"direction\":\"upgrade\",\"from\":[\"a2\"],\"to\":[\"a3\"],\"message\":\"a3 step\",\"transactional\":true,\"outcome\":\"failed\",\"duration_ms\":null}")
                .contains("\"outcome\":\"failed\"", "relation \\\"nope\\\" does not exist", "\"exit_code\":4}");
        assertThat(r.err()).startsWith("error: ");
        assertThat(db.column("SELECT version_num FROM strata_version")).containsExactly("a2");

        Cli.Result bad = cli.run("--json", "upgrade", "zzz");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.out()).contains("\"outcome\":\"failed\"", "\"exit_code\":2");
    }
}
