package dev.strata.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.config.ConfigLoader;
import dev.strata.error.BadInputException;
import dev.strata.expr.RevisionExpr;
import dev.strata.plan.Direction;
import dev.strata.run.InvalidIndexException;
import dev.strata.run.MigrationFailedException;
import dev.strata.run.RunStoppedException;
import dev.strata.run.Stop;
import dev.strata.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A step interrupted from outside: its session ended by pg_terminate_backend from a second connection,
 * or a stop asked for (what the command line does on SIGINT and SIGTERM), at a chosen statement. A
 * pg_sleep in the script holds the step there long enough to act.
 */
class InterruptionIT {

    @TempDir
    Path dir;

    TestDatabase db;
    final RecordingOutput out = new RecordingOutput();

    @BeforeEach
    void database() throws IOException {
        db = TestDatabase.create("interrupt");
        Files.createDirectories(dir.resolve("m"));
        Files.writeString(dir.resolve("migrate.toml"), "[scripts]\nlocations = [\"m\"]\n[targets.app]\nurl = \"${TEST_URL}\"\n");
        script("a1", "", "", "CREATE TABLE users (id int PRIMARY KEY);");
    }

    @AfterEach
    void drop() {
        db.close();
    }

    private void script(String id, String down, String extra, String up) throws IOException {
        Files.writeString(dir.resolve("m").resolve(id + ".sql"), "-- revision: " + id + "\n-- down_revision: " + down + "\n" + extra
                + "-- message: " + id + " step\n\n-- migrate:upgrade\n" + up + "\n\n-- migrate:downgrade\nSELECT 1;\n",
                StandardCharsets.UTF_8);
    }

    private Online online() {
        var config = new ConfigLoader(Map.of("TEST_URL", db.jdbcUrl())).load(dir.resolve("migrate.toml"));
        return new Online(Project.open(config), config.target("app"));
    }

    private void upgrade(boolean retry, Stop stop) {
        online().move(Direction.UPGRADE, RevisionExpr.parse("heads"),
                new Online.Options(Duration.ZERO, Duration.ofSeconds(5), false, retry), out, stop);
    }

    private List<String> heads() {
        return db.column("SELECT version_num FROM strata_version ORDER BY 1");
    }

    /** Waits until the run's session is in pg_sleep, then runs {@code action}. */
    private CompletableFuture<Void> whenSleeping(Runnable action) {
        return CompletableFuture.runAsync(() -> {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (db.column("SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND application_name LIKE 'strata%' AND query LIKE 'SELECT pg_sleep%'").isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the run never reached pg_sleep");
                }
                Thread.onSpinWait();
            }
            action.run();
        });
    }

    private void terminateTheRun() {
        db.column("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND application_name LIKE 'strata%' AND query LIKE 'SELECT pg_sleep%'");
    }

    @Test
    void aSessionEndedBetweenStatementsOfANonTransactionalStepLeavesAStartedRowThatTheNextRunReports() throws Exception {
        script("a2", "a1", "-- transactional: false\n",
                "CREATE TABLE t1 (id int);\nSELECT pg_sleep(20);\nCREATE TABLE t2 (id int);");
        CompletableFuture<Void> killer = whenSleeping(this::terminateTheRun);
        assertThatThrownBy(() -> upgrade(false, Stop.never()))
                .isInstanceOf(MigrationFailedException.class)
                .hasMessageContaining("revision a2 failed at statement 2 (")
                .hasMessageContaining("a2.sql:8)")
                .hasMessageContaining("terminating connection due to administrator command (SQLSTATE 57P01)")
                .hasMessageContaining("the connection was lost before statement 2 completed")
                .hasMessageContaining("statement 1 ran and stays applied")
                .hasMessageContaining("the next run reports it as interrupted")
                .hasMessageNotContaining("Connection is closed");
        killer.get();
        assertThat(heads()).containsExactly("a1");
        assertThat(db.column("SELECT revision || ' ' || outcome || ': ' || error FROM strata_history WHERE revision = 'a2'"))
                .containsExactly("a2 started: in statement 2 of 3 (line 8); statement 1 had completed");

        Online.Status status = online().status(Online.Options.defaults(), out);
        assertThat(status.partial().interrupted()).isTrue();
        assertThat(status.partial().revision()).isEqualTo("a2");

        // The next run does not start again from statement 1 as if nothing had happened.
        assertThatThrownBy(() -> upgrade(false, Stop.never()))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("revision a2 was interrupted outside a transaction, in a run started ")
                .hasMessageContaining("in statement 2 of 3 (line 8); statement 1 had completed")
                .hasMessageContaining("--retry-partial");

        script("a2", "a1", "-- transactional: false\n",
                "CREATE TABLE IF NOT EXISTS t1 (id int);\nSELECT 1;\nCREATE TABLE t2 (id int);");
        upgrade(true, Stop.never());
        assertThat(heads()).containsExactly("a2");
        assertThat(db.column("SELECT outcome FROM strata_history WHERE revision = 'a2' ORDER BY id")).containsExactly("started", "applied");
        assertThat(online().status(Online.Options.defaults(), out).partial()).isNull();
    }

    @Test
    void aSessionEndedInATransactionalStepNamesTheRevisionAndStatementNotAClosedConnection() throws Exception {
        script("a2", "a1", "", "CREATE TABLE t1 (id int);\nSELECT pg_sleep(20);\nCREATE TABLE t2 (id int);");
        CompletableFuture<Void> killer = whenSleeping(this::terminateTheRun);
        assertThatThrownBy(() -> upgrade(false, Stop.never()))
                .isInstanceOf(MigrationFailedException.class)
                .hasMessageContaining("revision a2 failed at statement 2 (")
                .hasMessageContaining("terminating connection due to administrator command")
                .hasMessageContaining("the connection was lost, so the revision's transaction never committed and was rolled back")
                .hasMessageContaining("the database stays where it was before it")
                .hasMessageNotContaining("Connection is closed")
                .satisfies(e -> assertThat(e.getSuppressed()).isNotEmpty());
        killer.get();
        assertThat(heads()).containsExactly("a1");
        assertThat(db.column("SELECT tablename FROM pg_tables WHERE tablename = 't1'")).isEmpty();
        // Nothing of it committed, so nothing blocks the next run.
        script("a2", "a1", "", "CREATE TABLE t1 (id int);");
        upgrade(false, Stop.never());
        assertThat(heads()).containsExactly("a2");
    }

    @Test
    void aStopDuringANonTransactionalStepFinishesTheCurrentStatementAndRecordsWhereItStopped() throws Exception {
        script("a2", "a1", "-- transactional: false\n",
                "CREATE TABLE t1 (id int);\nSELECT pg_sleep(1);\nCREATE TABLE t2 (id int);");
        script("a3", "a2", "", "CREATE TABLE t3 (id int);");
        Stop stop = new Stop();
        CompletableFuture<Void> signal = whenSleeping(() -> assertThat(stop.request("SIGTERM", 143)).isTrue());
        assertThatThrownBy(() -> upgrade(false, stop))
                .isInstanceOf(RunStoppedException.class)
                .hasMessageStartingWith("stopped by SIGTERM: revision a2 (")
                .hasMessageContaining("stopped before statement 3: statements 1-2 of 3 ran and stay applied")
                .hasMessageContaining("--retry-partial")
                .satisfies(e -> assertThat(((RunStoppedException) e).exitCode()).isEqualTo(143));
        signal.get();
        assertThat(heads()).containsExactly("a1");
        assertThat(db.column("SELECT tablename FROM pg_tables WHERE tablename IN ('t1', 't2', 't3') ORDER BY 1")).containsExactly("t1");
        assertThat(db.column("SELECT outcome || ': ' || error FROM strata_history WHERE revision = 'a2'"))
                .containsExactly("partial: stopped by SIGTERM before statement 3");
        assertThatThrownBy(() -> upgrade(false, Stop.never()))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("revision a2 failed part-way");
    }

    @Test
    void aStopDuringATransactionalStepCancelsItsStatementAndRollsItBack() throws Exception {
        script("a2", "a1", "", "CREATE TABLE t1 (id int);\nSELECT pg_sleep(30);\nCREATE TABLE t2 (id int);");
        Stop stop = new Stop();
        CompletableFuture<Void> signal = whenSleeping(() -> assertThat(stop.request("SIGINT", 130)).isTrue());
        long start = System.nanoTime();
        assertThatThrownBy(() -> upgrade(false, stop))
                .isInstanceOf(RunStoppedException.class)
                .hasMessageStartingWith("stopped by SIGINT: revision a2 (")
                .hasMessageContaining("was rolled back in statement 2 (line 7), which was cancelled; the database stays where it was before it");
        signal.get();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertThat(heads()).containsExactly("a1");
        assertThat(db.column("SELECT tablename FROM pg_tables WHERE tablename = 't1'")).isEmpty();
        assertThat(db.column("SELECT outcome || ': ' || error FROM strata_history WHERE revision = 'a2'"))
                .containsExactly("failed: stopped by SIGINT in statement 2 (line 7), which was cancelled; rolled back");
        // Nothing of it stays: the next run simply runs it.
        script("a2", "a1", "", "CREATE TABLE t1 (id int);");
        upgrade(false, Stop.never());
        assertThat(heads()).containsExactly("a2");
    }

    // ---- invalid indexes ----------------------------------------------------------------------

    @Test
    void aConcurrentIndexBuildKilledMidwayIsNeitherRecordedAppliedNorLeftInvalidByTheRerun() throws Exception {
        script("a1", "", "", "CREATE TABLE big (id int, v int);\nINSERT INTO big SELECT g, g % 1000 FROM generate_series(1, 2000000) g;");
        script("a2", "a1", "-- transactional: false\n", "CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_big_v ON big (md5(v::text || id::text));");
        CompletableFuture<Void> killer = CompletableFuture.runAsync(() -> {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (db.column("SELECT pid FROM pg_stat_progress_create_index WHERE datname = current_database()"
                    + " AND command = 'CREATE INDEX CONCURRENTLY' AND phase LIKE 'building index%'").isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the index build never started");
                }
                Thread.onSpinWait();
            }
            db.column("SELECT pg_terminate_backend(pid) FROM pg_stat_progress_create_index WHERE datname = current_database()"
                    + " AND command = 'CREATE INDEX CONCURRENTLY'");
        });
        assertThatThrownBy(() -> upgrade(false, Stop.never()))
                .isInstanceOf(MigrationFailedException.class)
                .hasMessageContaining("revision a2 failed at statement 1 (")
                .hasMessageContaining("terminating connection due to administrator command")
                .hasMessageContaining("the next run reports it as interrupted");
        killer.get();
        assertThat(heads()).containsExactly("a1");
        assertThat(db.column("SELECT indisvalid::text FROM pg_index WHERE indexrelid = 'ix_big_v'::regclass")).containsExactly("false");

        Online.Status status = online().status(Online.Options.defaults(), out);
        assertThat(status.invalidIndexes()).containsExactly("public.ix_big_v on big");
        assertThat(status.partial().interrupted()).isTrue();

        // The rerun's IF NOT EXISTS skips the invalid index; Strata rebuilds it before recording the revision.
        upgrade(true, Stop.never());
        assertThat(heads()).containsExactly("a2");
        assertThat(out.lines).contains("Rebuilding index public.ix_big_v on big: it is invalid (a CREATE INDEX CONCURRENTLY failed or was interrupted)");
        assertThat(db.column("SELECT indisvalid::text FROM pg_index WHERE indexrelid = 'ix_big_v'::regclass")).containsExactly("true");
        Online.Status after = online().status(Online.Options.defaults(), out);
        assertThat(after.invalidIndexes()).isEmpty();
        assertThat(after.partial()).isNull();
    }

    @Test
    void anInvalidIndexThatCannotBeRebuiltStopsTheStepAsPartialInsteadOfCountingAsApplied() throws IOException {
        script("a1", "", "", "CREATE TABLE devices (id int, host text);\nINSERT INTO devices VALUES (1, 'gw'), (2, 'gw');");
        upgrade(false, Stop.never());
        // What a failed or killed build leaves behind: an invalid index.
        assertThatThrownBy(() -> db.execute("CREATE UNIQUE INDEX CONCURRENTLY ux_devices_host ON devices (host)"))
                .hasMessageContaining("could not create unique index");
        assertThat(online().status(Online.Options.defaults(), out).invalidIndexes()).containsExactly("public.ux_devices_host on devices");
        script("a2", "a1", "-- transactional: false\n", "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ux_devices_host ON devices (host);");
        assertThatThrownBy(() -> upgrade(false, Stop.never()))
                .isInstanceOf(InvalidIndexException.class)
                .hasMessageContaining("revision a2 (")
                .hasMessageContaining("left index public.ux_devices_host on devices invalid")
                .hasMessageContaining("could not create unique index \"ux_devices_host_ccnew\"")
                .hasMessageContaining("statement 1 ran and stays applied (recorded as partial)")
                .hasMessageContaining("DROP INDEX CONCURRENTLY public.ux_devices_host), then run again with --retry-partial");
        assertThat(heads()).containsExactly("a1");
        assertThat(db.column("SELECT outcome || ': ' || error FROM strata_history WHERE revision = 'a2'")).singleElement().asString()
                .startsWith("partial: index public.ux_devices_host is invalid and rebuilding it failed: ERROR: could not create unique index");
        // The failed rebuild's own copy (ux_devices_host_ccnew) does not stay behind.
        assertThat(online().status(Online.Options.defaults(), out).invalidIndexes()).containsExactly("public.ux_devices_host on devices");

        db.execute("DELETE FROM devices WHERE id = 2");
        upgrade(true, Stop.never());
        assertThat(heads()).containsExactly("a2");
        assertThat(db.column("SELECT indisvalid::text FROM pg_index WHERE indexrelid = 'ux_devices_host'::regclass")).containsExactly("true");
    }
}
