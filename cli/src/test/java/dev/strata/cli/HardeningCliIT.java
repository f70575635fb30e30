package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Holes an outside attack found, each against the real server: transaction control in scripts, least
 * privilege, check's exit code on config errors, reads behind a lock, control characters in output.
 */
class HardeningCliIT {

    @TempDir
    Path dir;

    TestDatabase db;
    Cli cli;

    @BeforeEach
    void project() {
        db = TestDatabase.create("hard");
        cli = new Cli(dir).env("APP_URL", db.jdbcUrl());
        config("");
        cli.write("m/a1.sql", Cli.script("a1", "", "", "CREATE TABLE users (id int PRIMARY KEY);", "DROP TABLE users;"));
        cli.write("m/a2.sql", Cli.script("a2", "a1", "", "ALTER TABLE users ADD COLUMN email text;", "ALTER TABLE users DROP COLUMN email;"));
    }

    private void config(String extra) {
        cli.write("migrate.toml", "[scripts]\nlocations = [\"m\"]\n[targets.app]\nurl = \"${APP_URL}\"\n" + extra);
    }

    @AfterEach
    void drop() {
        db.close();
    }

    // ---- COMMIT / ROLLBACK / BEGIN / END in scripts -------------------------------------------------

    @Test
    void aRollbackInATransactionalScriptIsRefusedBeforeAnythingRuns() {
        cli.write("m/a2.sql", Cli.script("a2", "a1", "", "ALTER TABLE users ADD COLUMN email text;\nROLLBACK;", ""));
        Cli.Result r = cli.run("upgrade", "heads");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).contains("revision a2", "statement 2", "runs ROLLBACK", "transactional: false");
        // Refused before a1 ran too: the plan is checked whole.
        assertThat(db.column("SELECT to_regclass('users')::text")).containsExactly((String) null);
        assertThat(db.column("SELECT to_regclass('strata_version')::text")).containsExactly((String) null);
    }

    @Test
    void aCommitThenAFailureCannotLeaveHalfARevisionReportedRolledBack() {
        assertThat(cli.run("upgrade", "a1").code()).isZero();
        cli.write("m/a2.sql", Cli.script("a2", "a1", "", "ALTER TABLE users ADD COLUMN email text;\nCOMMIT;\nSELECT 1/0;", ""));
        Cli.Result r = cli.run("upgrade", "heads");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("runs COMMIT");
        assertThat(db.column("SELECT count(*) FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'email'"))
                .containsExactly("0");
        assertThat(db.column("SELECT version_num FROM strata_version")).containsExactly("a1");
        assertThat(cli.run("upgrade", "heads", "--sql").code()).as("offline too").isEqualTo(2);
    }

    @Test
    void beginAndEndInANonTransactionalScriptAreRefusedToo() {
        cli.write("m/a2.sql", Cli.script("a2", "a1", "-- transactional: false\n",
                "BEGIN;\nALTER TABLE users ADD COLUMN email text;\nEND;", ""));
        Cli.Result r = cli.run("upgrade", "heads");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("runs BEGIN", "commits on its own");
    }

    // ---- least privilege -----------------------------------------------------------------------------

    @Test
    void aRoleWithCreateOnlyOnItsSchemaCanMigrate() throws Exception {
        String role = "strata_least_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
        db.execute("CREATE ROLE " + role + " LOGIN", "REVOKE CREATE ON DATABASE " + db.name() + " FROM PUBLIC",
                "GRANT USAGE, CREATE ON SCHEMA public TO " + role);
        try {
            cli.env("APP_URL", urlAs(role));
            Cli.Result r = cli.run("upgrade", "heads");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(db.column("SELECT version_num FROM strata_version")).containsExactly("a2");
            assertThat(cli.run("check").code()).isZero();
            assertThat(cli.run("downgrade", "-1").code()).isZero();
        } finally {
            dropRole(role);
        }
    }

    @Test
    void aRoleGrantedOnlyTheTablesCanMigrateWhenTheyExist() throws Exception {
        config("schema = \"ops\"\n");
        assertThat(cli.run("upgrade", "a1").code()).isZero(); // the first run, by an administrator
        String role = "strata_least_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
        db.execute("CREATE ROLE " + role + " LOGIN", "GRANT USAGE ON SCHEMA ops TO " + role,
                "GRANT SELECT, INSERT, UPDATE, DELETE ON ops.strata_version, ops.strata_history TO " + role,
                "ALTER TABLE users OWNER TO " + role);
        try {
            cli.env("APP_URL", urlAs(role));
            Cli.Result r = cli.run("upgrade", "heads");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(db.column("SELECT version_num FROM ops.strata_version")).containsExactly("a2");
        } finally {
            dropRole(role);
        }
    }

    private String urlAs(String role) {
        return db.jdbcUrl().replaceFirst("user=[^&]*", "user=" + role).replaceFirst("&password=[^&]*", "");
    }

    private void dropRole(String role) {
        db.execute("REASSIGN OWNED BY " + role + " TO CURRENT_USER", "DROP OWNED BY " + role, "DROP ROLE " + role);
    }

    // ---- check's exit code on config errors ------------------------------------------------------------

    @Test
    void checkExitsTwoOnAConfigErrorAsEveryCommandDoes() {
        cli.write("migrate.toml", "[scripts]\nlocations = [\"m\"]\n[targets.app]\nurl = \"${STRATA_UNSET_VARIABLE}\"\n");
        Cli.Result check = cli.run("check");
        assertThat(check.code()).isEqualTo(2);
        assertThat(check.err().lines()).hasSize(1);
        assertThat(check.err()).contains("STRATA_UNSET_VARIABLE");
        assertThat(cli.run("current").code()).isEqualTo(2);
    }

    // ---- reads behind a lock on the version table -----------------------------------------------------

    @Test
    void readCommandsSayWhatTheyWaitForAndTimeOut() throws Exception {
        assertThat(cli.run("upgrade", "heads").code()).isZero();
        try (Connection holder = DriverManager.getConnection(db.jdbcUrl()); Statement s = holder.createStatement()) {
            holder.setAutoCommit(false);
            s.execute("SET application_name = 'someone altering it'");
            s.execute("LOCK TABLE strata_version IN ACCESS EXCLUSIVE MODE");
            for (String command : new String[] {"check", "current", "status"}) {
                long start = System.nanoTime();
                Cli.Result r = cli.run(command, "--lock-timeout", "3s");
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertThat(took).as(command).isLessThan(Duration.ofSeconds(10));
                String all = r.out() + r.err();
                assertThat(all).as(command).contains("Waiting for a lock on", "strata_version", "someone altering it",
                        "timed out after 3 s");
                assertThat(r.code()).as(command).isEqualTo(command.equals("status") ? 0 : 3);
            }
            holder.rollback();
        }
        assertThat(cli.run("check").code()).isZero();
    }

    @Test
    void aReadWaitsForALockThatIsReleasedAndThenAnswers() throws Exception {
        assertThat(cli.run("upgrade", "heads").code()).isZero();
        try (Connection holder = DriverManager.getConnection(db.jdbcUrl()); Statement s = holder.createStatement()) {
            holder.setAutoCommit(false);
            s.execute("LOCK TABLE strata_version IN ACCESS EXCLUSIVE MODE");
            Thread release = new Thread(() -> {
                try {
                    Thread.sleep(2500);
                    holder.rollback();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            release.start();
            Cli.Result r = cli.run("current");
            release.join();
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.err()).contains("Waiting for a lock on");
            assertThat(r.out()).contains("a2 (head)");
        }
    }

    // ---- control characters ----------------------------------------------------------------------------

    @Test
    void controlCharactersFromScriptsAreShownNotSent() {
        cli.write("m/a2.sql", Cli.script("a2", "a1", "", "ALTER TABLE users ADD COLUMN email text;", "")
                .replace("-- message: a2 step", "-- message: a2 \u001b[2J\u001b]0;owned\u0007step \u202eevil"));
        assertThat(cli.run("upgrade", "heads").code()).isZero();
        for (String[] command : new String[][] {{"history"}, {"history", "--verbose"}, {"show", "a2"}, {"heads"}, {"current"},
                {"status"}}) {
            Cli.Result r = cli.run(command);
            assertThat(r.out() + r.err()).as(String.join(" ", command)).doesNotContain("\u001b", "\u0007", "\u202e");
        }
        assertThat(cli.run("history").out()).contains("a2 \\u001b[2J\\u001b]0;owned\\u0007step \\u202eevil");
        Cli.Result bad = cli.run("upgrade", "a\u001b[31mx");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).doesNotContain("\u001b").contains("\\u001b[31m");
        assertThat(cli.run("upgrade", "--sql", "base:heads").out()).as("SQL is passed as written").doesNotContain("\\u001b");
    }
}
