package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.strata.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The online commands through the command line, against a real database: output and exit codes. */
class OnlineCliIT {

    @TempDir
    Path dir;

    TestDatabase db;
    Cli cli;

    @BeforeEach
    void project() {
        db = TestDatabase.create("cli");
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
    void upgradePrintsAlembicsLinesAndCurrentCheckStatusReport() {
        Cli.Result check = cli.run("check");
        assertThat(check.code()).isEqualTo(1);
        assertThat(check.out()).contains("Target 'app' is not up to date: 2 pending revisions:", "  a1, a1 step", "  a2, a2 step");

        Cli.Result up = cli.run("upgrade", "head");
        assertThat(up.code()).as(up.err()).isZero();
        assertThat(up.lines()).containsExactly("Running upgrade  -> a1, a1 step", "Running upgrade a1 -> a2, a2 step");

        assertThat(cli.run("current").lines()).containsExactly("a2 (head)");
        Cli.Result verbose = cli.run("current", "--verbose");
        assertThat(verbose.out()).startsWith("Current revision(s) for jdbc:postgresql://")
                .contains("Rev: a2 (head) (current)", "Parent: a1", "    a2 step").doesNotContain("password=");
        assertThat(cli.run("current", "--json").out().strip())
                .startsWith("{\"target\":\"app\",\"heads\":[{\"revision\":\"a2\"").endsWith("\"known\":true}]}");
        assertThat(cli.run("check").code()).isZero();
        assertThat(cli.run("--json", "check").out()).contains("\"up_to_date\":true");
        Cli.Result status = cli.run("status");
        assertThat(status.code()).isZero();
        assertThat(status.out()).startsWith("app  at a2  up to date  last upgrade a2 at ");
        assertThat(cli.run("status", "--json").out()).contains("\"target\":\"app\"", "\"reachable\":true", "\"heads\":[\"a2\"]",
                "\"pending\":0", "\"last_applied\":{\"revision\":\"a2\"");
        assertThat(cli.run("history", "--indicate-current").lines()).first().asString().contains("a2 (head) (current)");

        Cli.Result nothing = cli.run("upgrade", "head");
        assertThat(nothing.code()).isZero();
        assertThat(nothing.out()).contains("Nothing to do");

        Cli.Result down = cli.run("downgrade", "-1");
        assertThat(down.lines()).containsExactly("Running downgrade a2 -> a1, a2 step");
        assertThat(cli.run("stamp", "a2").out()).contains("Running stamp_revision a1 -> a2");
        assertThat(db.column("SELECT version_num FROM strata_version")).containsExactly("a2");
    }

    @Test
    void aFailedMigrationExitsWithFourInOneLine() {
        cli.write("m/a2.sql", Cli.script("a2", "a1", "", "ALTER TABLE nowhere ADD COLUMN email text;", ""));
        Cli.Result r = cli.run("upgrade", "heads");
        assertThat(r.code()).isEqualTo(4);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).startsWith("error: revision a2 failed at statement 1 (").contains("relation \"nowhere\" does not exist");
        assertThat(db.column("SELECT version_num FROM strata_version")).containsExactly("a1");
    }

    @Test
    void statusAndCheckReportABrokenChainAndAPartialFailure() {
        assertThat(cli.run("upgrade", "a1").code()).isZero();
        db.execute("UPDATE strata_version SET version_num = 'zz99'");
        Cli.Result status = cli.run("status");
        assertThat(status.code()).isZero();
        assertThat(status.out()).startsWith("app  at zz99  ERROR: ").contains("names revision zz99, which no script defines");
        assertThat(cli.run("check").code()).isEqualTo(2);
        assertThat(cli.run("stamp", "--purge", "a1").code()).isZero();

        cli.write("m/a2.sql", Cli.script("a2", "a1", "-- transactional: false\n",
                "ALTER TABLE users ADD COLUMN email text;\nALTER TABLE nowhere ADD COLUMN x int;", ""));
        assertThat(cli.run("upgrade", "heads").code()).isEqualTo(4);
        assertThat(cli.run("status").out()).contains("1 pending", "PARTIAL FAILURE of a2: statement 2, line");
        Cli.Result check = cli.run("check");
        assertThat(check.code()).isEqualTo(1);
        assertThat(check.out()).contains("revision a2 failed part-way outside a transaction");
        assertThat(cli.run("check", "--json").out()).contains("\"partial_failure\":{\"revision\":\"a2\",\"error\":\"statement 2, line");
    }

    @Test
    void aChangedScriptExitsWithOne() {
        assertThat(cli.run("upgrade", "a1").code()).isZero();
        cli.write("m/a1.sql", Cli.script("a1", "", "", "CREATE TABLE users (id bigint PRIMARY KEY);", "DROP TABLE users;"));
        Cli.Result r = cli.run("upgrade", "heads");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("applied revision a1", "--allow-changed");
        assertThat(cli.run("upgrade", "heads", "--allow-changed").code()).isZero();
    }

    @Test
    void anUnreachableHostGivesUpAfterWaitingWithThree() {
        cli.write("migrate.toml", "[scripts]\nlocations = [\"m\"]\n[targets.app]\nurl = \"postgresql://app:hunter2@127.0.0.1:1/app\"\n");
        long start = System.nanoTime();
        Cli.Result r = cli.run("upgrade", "heads", "--wait", "2s");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("Waiting for target 'app'", "error: target 'app': cannot connect to postgresql://app:***@127.0.0.1:1/app",
                "gave up after waiting 2 s");
        assertThat(r.err() + r.out()).doesNotContain("hunter2");
        assertThat(took).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(15));
    }

    @Test
    void aWrongPasswordExitsWithThreeAndIsNeverPrinted() {
        // bin/test creates the role strata_pw and a pg_hba rule making it give its password.
        String base = db.jdbcUrl().substring(0, db.jdbcUrl().indexOf('?'));
        assumeTrue(passwordsEnforced(base), "the server does not check passwords for strata_pw (run bin/test as root to set it up)");
        cli.write("migrate.toml", "[scripts]\nlocations = [\"m\"]\n[targets.app]\nurl = \""
                + base.replace("jdbc:postgresql://", "postgresql://strata_pw:not-the-password@") + "\"\n");
        Cli.Result r = cli.run("current");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).contains("password authentication failed for user \"strata_pw\"", "strata_pw:***@");
        assertThat(r.err() + r.out()).doesNotContain("not-the-password");

        // The user:password@ form in a jdbc: URL (which pgjdbc itself would take for a host name).
        cli.write("migrate.toml", "[scripts]\nlocations = [\"m\"]\n[targets.app]\nurl = \""
                + base.replace("jdbc:postgresql://", "jdbc:postgresql://strata_pw:jdbc-secret@") + "\"\n");
        Cli.Result jdbc = cli.run("status", "--json");
        assertThat(jdbc.out()).contains("password authentication failed for user \\\"strata_pw\\\"");
        assertThat(jdbc.out() + jdbc.err()).doesNotContain("jdbc-secret");

        cli.write("migrate.toml", "[scripts]\nlocations = [\"m\"]\n[targets.app]\nurl = \"" + base + "\"\nuser = \"strata_pw\"\n"
                + "password = \"another-wrong-one\"\n");
        Cli.Result report = cli.run("status"); // a report: it says so, and exits 0
        assertThat(report.code()).isZero();
        assertThat(report.out()).contains("app  unreachable: ", "password authentication failed").doesNotContain("another-wrong-one");
        Cli.Result gate = cli.run("check");
        assertThat(gate.code()).isEqualTo(3);
        assertThat(gate.out() + gate.err()).contains("password authentication failed").doesNotContain("another-wrong-one");
    }

    private static boolean passwordsEnforced(String base) {
        try (var c = DriverManager.getConnection(base, "strata_pw", "surely-wrong")) {
            return false;
        } catch (SQLException e) {
            return "28P01".equals(e.getSQLState());
        }
    }

    @Test
    void checkAndStatusReportAnInvalidIndex() {
        cli.write("m/a2.sql", Cli.script("a2", "a1", "", "INSERT INTO users VALUES (1), (2);", ""));
        assertThat(cli.run("upgrade", "heads").code()).isZero();
        // What a failed or killed CREATE INDEX CONCURRENTLY leaves behind.
        try {
            db.execute("CREATE UNIQUE INDEX CONCURRENTLY ux_users ON users ((1))");
        } catch (IllegalStateException expected) {
            // could not create unique index
        }
        Cli.Result check = cli.run("check");
        assertThat(check.code()).isEqualTo(1);
        assertThat(check.out()).contains("Target 'app': invalid indexes (a CREATE INDEX CONCURRENTLY failed or was interrupted;"
                + " see docs/guides/recovery.md):\n  public.ux_users on users\n");
        assertThat(cli.run("check", "--json").out()).contains("\"invalid_indexes\":[\"public.ux_users on users\"]");
        assertThat(cli.run("status").out()).contains("up to date", "INVALID INDEX: public.ux_users on users");
    }
}
