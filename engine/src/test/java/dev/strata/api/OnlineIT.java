package dev.strata.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.config.ConfigLoader;
import dev.strata.config.TargetConfig;
import dev.strata.db.AdvisoryLock;
import dev.strata.db.DatabaseException;
import dev.strata.error.BadInputException;
import dev.strata.expr.RevisionExpr;
import dev.strata.plan.Direction;
import dev.strata.plan.Plan;
import dev.strata.run.MigrationFailedException;
import dev.strata.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The online commands against a real PostgreSQL database of this test's own. */
class OnlineIT {

    @TempDir
    Path dir;

    TestDatabase db;
    final RecordingOutput out = new RecordingOutput();
    final List<String> lines = out.lines;

    @BeforeEach
    void database() throws IOException {
        db = TestDatabase.create("online");
        Files.createDirectories(dir.resolve("m"));
        Files.writeString(dir.resolve("migrate.toml"), "[scripts]\nlocations = [\"m\"]\n[targets.app]\nurl = \"${TEST_URL}\"\n");
        script("a1_users.sql", "a1", "", "", "CREATE TABLE users (id int PRIMARY KEY);", "DROP TABLE users;");
        script("a2_devices.sql", "a2", "a1", "", "CREATE TABLE devices (id int PRIMARY KEY, owner int REFERENCES users);\n"
                + "INSERT INTO users VALUES (1);", "DROP TABLE devices;\nDELETE FROM users WHERE id = 1;");
        script("a3_index.sql", "a3", "a2", "-- transactional: false\n",
                "CREATE INDEX CONCURRENTLY ix_devices_owner ON devices (owner);", "DROP INDEX CONCURRENTLY ix_devices_owner;");
    }

    @AfterEach
    void drop() {
        db.close();
    }

    private void script(String file, String id, String down, String extra, String up, String downgrade) throws IOException {
        Files.writeString(dir.resolve("m").resolve(file), "-- revision: " + id + "\n-- down_revision: " + down + "\n" + extra
                + "-- message: " + id + " step\n\n-- migrate:upgrade\n" + up + "\n\n-- migrate:downgrade\n" + downgrade + "\n",
                StandardCharsets.UTF_8);
    }

    private Online online() {
        var config = new ConfigLoader(Map.of("TEST_URL", db.jdbcUrl())).load(dir.resolve("migrate.toml"));
        Project project = Project.open(config);
        TargetConfig target = config.target("app");
        return new Online(project, target);
    }

    private Plan upgrade(String to) {
        return online().move(Direction.UPGRADE, RevisionExpr.parse(to), Online.Options.defaults(), out);
    }

    private Plan downgrade(String to) {
        return online().move(Direction.DOWNGRADE, RevisionExpr.parse(to), Online.Options.defaults(), out);
    }

    private List<String> heads() {
        return db.column("SELECT version_num FROM strata_version ORDER BY 1");
    }

    @Test
    void upgradeRunsEachRevisionInItsOwnTransactionAndRecordsHistory() {
        Plan plan = upgrade("heads");
        assertThat(plan.steps()).hasSize(3);
        assertThat(lines).containsExactly("Running upgrade  -> a1, a1 step", "Running upgrade a1 -> a2, a2 step",
                "Running upgrade a2 -> a3, a3 step");
        assertThat(heads()).containsExactly("a3");
        assertThat(db.column("SELECT revision || ' ' || direction || ' ' || outcome FROM strata_history ORDER BY id"))
                .containsExactly("a1 upgrade applied", "a2 upgrade applied", "a3 upgrade applied");
        assertThat(db.column("SELECT checksum FROM strata_history")).allMatch(c -> c.matches("v1:[0-9a-f]{64}"));
        assertThat(db.column("SELECT indexname FROM pg_indexes WHERE indexname = 'ix_devices_owner'")).hasSize(1);
        assertThat(online().current(Online.Options.defaults(), out)).containsExactly("a3");

        // Nothing to do: no step, and the lock is never taken.
        assertThat(upgrade("heads").isEmpty()).isTrue();
    }

    @Test
    void downgradeToBaseUndoesEverything() {
        upgrade("heads");
        downgrade("-1");
        assertThat(heads()).containsExactly("a2");
        downgrade("base");
        assertThat(heads()).isEmpty();
        assertThat(db.column("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"))
                .containsExactly("strata_history", "strata_version");
    }

    @Test
    void aFailingStatementRollsTheRevisionBackAndIsRecorded() throws IOException {
        script("a2_devices.sql", "a2", "a1", "", "CREATE TABLE devices (id int PRIMARY KEY);\n\nINSERT INTO nowhere VALUES (1);",
                "DROP TABLE devices;");
        assertThatThrownBy(() -> upgrade("heads"))
                .isInstanceOf(MigrationFailedException.class)
                .hasMessageContaining("revision a2 failed at statement 2 (")
                .hasMessageContaining("a2_devices.sql:8")
                .hasMessageContaining("relation \"nowhere\" does not exist")
                .hasMessageContaining("rolled back");
        assertThat(heads()).containsExactly("a1");
        assertThat(db.column("SELECT tablename FROM pg_tables WHERE tablename = 'devices'")).isEmpty();
        assertThat(db.column("SELECT revision || ' ' || outcome || ' ' || error FROM strata_history WHERE outcome <> 'applied'"))
                .singleElement().asString().startsWith("a2 failed statement 2, line 8: ERROR: relation \"nowhere\" does not exist");
    }

    @Test
    void aVersionTableChangedUnderTheRunStopsTheStepBeforeItCommits() throws IOException {
        // The revision itself moves the head, as a person editing the table while it runs would: the
        // recording, sent with the COMMIT in one round trip, must fail on the server and be rolled back.
        script("a2_devices.sql", "a2", "a1", "", "CREATE TABLE devices (id int PRIMARY KEY);\nUPDATE strata_version SET version_num = 'zz';",
                "DROP TABLE devices;");
        upgrade("a1");
        assertThatThrownBy(() -> upgrade("heads"))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("recording revision a2 failed and was rolled back: the version table changed under this run: "
                        + "'UPDATE public.strata_version SET version_num = 'a2' WHERE version_num = 'a1'' touched 0 rows instead of 1");
        assertThat(heads()).containsExactly("a1");
        assertThat(db.column("SELECT tablename FROM pg_tables WHERE tablename = 'devices'")).isEmpty();
        assertThat(db.column("SELECT revision || ' ' || outcome FROM strata_history ORDER BY id")).containsExactly("a1 applied");
    }

    @Test
    void aFailureOutsideATransactionIsKeptAndBlocksTheNextRunUntilRetried() throws IOException {
        script("a3_index.sql", "a3", "a2", "-- transactional: false\n",
                "CREATE INDEX CONCURRENTLY ix_devices_owner ON devices (owner);\nCREATE INDEX CONCURRENTLY ix_bad ON devices (nope);",
                "DROP INDEX CONCURRENTLY IF EXISTS ix_bad;\nDROP INDEX CONCURRENTLY IF EXISTS ix_devices_owner;");
        assertThatThrownBy(() -> upgrade("heads"))
                .isInstanceOf(MigrationFailedException.class)
                .hasMessageContaining("revision a3 failed at statement 2")
                .hasMessageContaining("statement 1 ran and stays applied");
        assertThat(heads()).containsExactly("a2");
        assertThat(db.column("SELECT indexname FROM pg_indexes WHERE indexname = 'ix_devices_owner'")).hasSize(1);

        assertThatThrownBy(() -> upgrade("heads"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("revision a3 failed part-way")
                .hasMessageContaining("statement 2, line")
                .hasMessageContaining("--retry-partial");

        script("a3_index.sql", "a3", "a2", "-- transactional: false\n",
                "CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_devices_owner ON devices (owner);",
                "DROP INDEX CONCURRENTLY IF EXISTS ix_devices_owner;");
        online().move(Direction.UPGRADE, RevisionExpr.parse("heads"),
                new Online.Options(Duration.ZERO, Duration.ofSeconds(5), false, true), out);
        assertThat(heads()).containsExactly("a3");
        upgrade("heads"); // resolved: no longer refused
    }

    @Test
    void aConcurrentIndexInATransactionalScriptIsRefusedBeforeAnythingRuns() throws IOException {
        script("a3_index.sql", "a3", "a2", "", "CREATE INDEX CONCURRENTLY ix_devices_owner ON devices (owner);", "");
        assertThatThrownBy(() -> upgrade("heads"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("revision a3 (")
                .hasMessageContaining("a3_index.sql:6, statement 1) runs CREATE INDEX CONCURRENTLY")
                .hasMessageContaining("-- transactional: false");
        assertThat(db.column("SELECT to_regclass('strata_version')::text")).containsExactly((String) null);
    }

    @Test
    void aChangedScriptStopsTheRunUnlessAllowed() throws IOException {
        upgrade("a2");
        script("a1_users.sql", "a1", "", "", "CREATE TABLE users (id bigint PRIMARY KEY);", "DROP TABLE users;");
        assertThatThrownBy(() -> upgrade("heads"))
                .isInstanceOf(ChecksumMismatchException.class)
                .hasMessageContaining("applied revision a1 (")
                .hasMessageContaining("--allow-changed");
        assertThat(heads()).containsExactly("a2");
        // Line endings and trailing white space are not changes.
        online().move(Direction.UPGRADE, RevisionExpr.parse("heads"),
                new Online.Options(Duration.ZERO, Duration.ofSeconds(5), true, false), out);
        assertThat(heads()).containsExactly("a3");
        assertThat(lines).anyMatch(l -> l.startsWith("Accepted the changed script of a1 ("));
        // Accepted once means accepted: the next runs and check do not stop on it again.
        assertThat(online().status(Online.Options.defaults(), out).changed()).isEmpty();
        downgrade("-1");
        upgrade("heads");
        assertThat(db.column("SELECT outcome FROM strata_history WHERE revision = 'a1' ORDER BY id"))
                .containsExactly("applied", "accepted");
    }

    @Test
    void changedScriptsAreFoundInOrderAmongManyAppliedOnes() throws IOException {
        // Enough applied revisions for the checksums to be read on all cores.
        for (int i = 4; i <= 90; i++) {
            script(String.format("b%02d_t.sql", i), String.format("b%02d", i), i == 4 ? "a3" : String.format("b%02d", i - 1), "",
                    "CREATE TABLE t" + i + " (id int);", "DROP TABLE t" + i + ";");
        }
        upgrade("heads");
        script("b40_t.sql", "b40", "b39", "", "CREATE TABLE t40 (id bigint);", "DROP TABLE t40;");
        script("b77_t.sql", "b77", "b76", "", "CREATE TABLE t77 (id bigint);", "DROP TABLE t77;");
        assertThat(online().status(Online.Options.defaults(), out).changed()).hasSize(2)
                .satisfiesExactly(c -> assertThat(c).startsWith("b40 ("), c -> assertThat(c).startsWith("b77 ("));
        script("b91_t.sql", "b91", "b90", "", "CREATE TABLE t91 (id int);", "DROP TABLE t91;");
        assertThatThrownBy(() -> upgrade("heads")).isInstanceOf(ChecksumMismatchException.class)
                .hasMessageContaining("b40 (").hasMessageContaining("b77 (");
        assertThat(heads()).containsExactly("b90");
    }

    @Test
    void lineEndingsAndTrailingBlanksDoNotCountAsChanges() throws IOException {
        upgrade("a1");
        Path f = dir.resolve("m/a1_users.sql");
        Files.writeString(f, Files.readString(f).replace("\n", "   \r\n"));
        upgrade("heads");
        assertThat(heads()).containsExactly("a3");
    }

    @Test
    void aBrokenChainSaysWhatIsKnownAndStampRepairsIt() {
        upgrade("a1");
        db.execute("UPDATE strata_version SET version_num = 'zz99'");
        assertThatThrownBy(() -> upgrade("heads"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("names revision zz99, which no script defines")
                .hasMessageContaining("known heads: a3")
                .hasMessageContaining("stamp --purge");
        Online.Stamped stamped = online().stamp(List.of(RevisionExpr.parse("a1")), true, Online.Options.defaults(), out);
        assertThat(stamped.before()).containsExactly("zz99");
        assertThat(stamped.after()).containsExactly("a1");
        upgrade("heads");
        assertThat(heads()).containsExactly("a3");
    }

    @Test
    void stampMovesHeadsWithoutRunningAnything() {
        online().stamp(List.of(RevisionExpr.parse("a2")), false, Online.Options.defaults(), out);
        assertThat(heads()).containsExactly("a2");
        assertThat(db.column("SELECT tablename FROM pg_tables WHERE tablename = 'users'")).isEmpty();
        online().stamp(List.of(RevisionExpr.parse("head")), false, Online.Options.defaults(), out);
        assertThat(heads()).containsExactly("a3");
        online().stamp(List.of(RevisionExpr.parse("a3")), false, Online.Options.defaults(), out); // already there
        online().stamp(List.of(RevisionExpr.parse("base")), false, Online.Options.defaults(), out);
        assertThat(heads()).isEmpty();
        assertThat(db.column("SELECT revision || ' ' || direction || ' ' || outcome FROM strata_history ORDER BY id"))
                .containsExactly("a2 stamp stamped", "a3 stamp stamped", "a3 stamp stamped", "base stamp stamped");
    }

    @Test
    void statusReportsPendingChangedAndLastApplied() throws IOException {
        upgrade("a1");
        Online.Status s = online().status(Online.Options.defaults(), out);
        assertThat(s.reachable()).isTrue();
        assertThat(s.heads()).containsExactly("a1");
        assertThat(s.pending()).extracting(r -> r.id()).containsExactly("a2", "a3");
        assertThat(s.lastApplied().revision()).isEqualTo("a1");
        script("a1_users.sql", "a1", "", "", "CREATE TABLE users (id bigint PRIMARY KEY);", "DROP TABLE users;");
        assertThat(online().status(Online.Options.defaults(), out).changed()).singleElement().asString().startsWith("a1 (");
    }

    @Test
    void aRevisionThatChangesTheSearchPathNeitherLosesTheVersionTableNorLeaksIntoTheNext() throws IOException {
        script("a1_users.sql", "a1", "", "", "CREATE SCHEMA app;\nSET search_path TO app;\nCREATE TABLE users (id int PRIMARY KEY);\n"
                + "SET lock_timeout = '2s';", "DROP SCHEMA app CASCADE;");
        script("a2_devices.sql", "a2", "a1", "", "CREATE TABLE devices (id int PRIMARY KEY);\n"
                + "DO $$ BEGIN IF current_setting('lock_timeout') <> '0' THEN RAISE EXCEPTION 'lock_timeout leaked'; END IF; END $$;",
                "DROP TABLE devices;");
        upgrade("a2");
        assertThat(heads()).containsExactly("a2");
        assertThat(db.column("SELECT schemaname FROM pg_tables WHERE tablename IN ('users', 'devices') ORDER BY tablename"))
                .containsExactly("public", "app");
    }

    @Test
    void aRevisionThatSetsARoleDoesNotDecideHowItIsRecordedNorWhoRunsTheNext() throws IOException {
        db.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'strata_it_nobody') "
                + "THEN CREATE ROLE strata_it_nobody; END IF; END $$");
        try {
            script("a1_users.sql", "a1", "", "", "CREATE TABLE users (id int PRIMARY KEY);\nSET ROLE strata_it_nobody;", "DROP TABLE users;");
            script("a2_devices.sql", "a2", "a1", "", "DO $$ BEGIN IF current_user <> session_user THEN "
                    + "RAISE EXCEPTION 'still %', current_user; END IF; END $$;", "");
            upgrade("a2");
            assertThat(heads()).containsExactly("a2");
            assertThat(db.column("SELECT applied_by LIKE session_user || ' via %' FROM strata_history ORDER BY id"))
                    .containsExactly("t", "t");
        } finally {
            db.execute("DROP ROLE IF EXISTS strata_it_nobody");
        }
    }

    @Test
    void aHeldLockTimesOutNamingItsHolder() throws Exception {
        upgrade("a1");
        try (Connection other = db.connect()) {
            other.createStatement().execute("SET application_name = 'the other run'");
            try (PreparedStatement ps = other.prepareStatement("SELECT pg_advisory_lock(?)")) {
                ps.setLong(1, AdvisoryLock.keyOf("public.strata_version"));
                ps.execute();
            }
            long start = System.nanoTime();
            assertThatThrownBy(() -> online().move(Direction.UPGRADE, RevisionExpr.parse("heads"),
                    new Online.Options(Duration.ZERO, Duration.ofSeconds(1), false, false), out))
                    .isInstanceOf(DatabaseException.class)
                    .hasMessageContaining("timed out after 1 s waiting for the migration lock on public.strata_version")
                    .hasMessageContaining("(the other run, user ");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(lines).anyMatch(l -> l.startsWith("Waiting for the migration lock on public.strata_version, held by pid "));
        }
        assertThat(heads()).containsExactly("a1");
    }
}
