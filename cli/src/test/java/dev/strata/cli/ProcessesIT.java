package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real {@code migrate} processes (the built jar) racing, and one killed in the middle of a statement. */
class ProcessesIT {

    private static final Path JAR = Path.of("target/migrate.jar").toAbsolutePath();

    @TempDir
    Path dir;

    TestDatabase db;

    @BeforeEach
    void database() {
        assertThat(JAR).as("the CLI jar (built by mvn package)").exists();
        db = TestDatabase.create("procs");
    }

    @AfterEach
    void drop() {
        db.close();
    }

    private Process start(Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", JAR.toString(),
                "-c", dir.resolve("migrate.toml").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("APP_URL", db.jdbcUrl());
        return pb.start();
    }

    private void project(int revisions, String sleepSql) throws IOException {
        Files.createDirectories(dir.resolve("m"));
        Files.writeString(dir.resolve("migrate.toml"), "[scripts]\nlocations = [\"m\"]\n[targets.app]\nurl = \"${APP_URL}\"\n");
        for (int i = 1; i <= revisions; i++) {
            String id = String.format("r%03d", i);
            String down = i == 1 ? "" : String.format("r%03d", i - 1);
            String body = "CREATE TABLE t_" + i + " (id int PRIMARY KEY);" + (i == 2 && sleepSql != null ? "\n" + sleepSql : "");
            Files.writeString(dir.resolve("m/" + id + ".sql"), Cli.script(id, down, "", body, "DROP TABLE t_" + i + ";"));
        }
    }

    @Test
    void eightProcessesAtOnceApplyEachRevisionExactlyOnce() throws Exception {
        project(50, null);
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            processes.add(start(dir.resolve("run" + i + ".log"), "upgrade", "heads", "--lock-timeout", "120s"));
        }
        for (int i = 0; i < processes.size(); i++) {
            Process p = processes.get(i);
            assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("process %d finished", i).isTrue();
            assertThat(p.exitValue()).as("process %d: %s", i, Files.readString(dir.resolve("run" + i + ".log"))).isZero();
        }
        assertThat(db.column("SELECT version_num FROM strata_version")).containsExactly("r050");
        List<String> applied = db.column("SELECT revision FROM strata_history WHERE direction = 'upgrade' AND outcome = 'applied' ORDER BY id");
        assertThat(applied).hasSize(50).doesNotHaveDuplicates();
        assertThat(applied.get(0)).isEqualTo("r001");
        assertThat(db.column("SELECT count(*) FROM pg_tables WHERE tablename LIKE 't\\_%'")).containsExactly("50");
        long ran = 0;
        for (int i = 0; i < 8; i++) {
            ran += Files.readAllLines(dir.resolve("run" + i + ".log")).stream().filter(l -> l.startsWith("Running upgrade")).count();
        }
        assertThat(ran).as("Running lines over all processes").isEqualTo(50);
    }

    @Test
    void killedInTheMiddleOfAStatementTheDatabaseStaysAtTheLastRevisionAndTheNextRunFinishes() throws Exception {
        project(3, "SELECT pg_sleep(4);");
        Process p = start(dir.resolve("killed.log"), "upgrade", "heads");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (db.column("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'SELECT pg_sleep%'").isEmpty()) {
            assertThat(System.nanoTime()).as("the run reached pg_sleep; log: %s", Files.readString(dir.resolve("killed.log")))
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
        p.destroyForcibly(); // SIGKILL: no finally blocks, no unlock
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(db.column("SELECT version_num FROM strata_version")).containsExactly("r001");

        Process again = start(dir.resolve("again.log"), "upgrade", "heads");
        assertThat(again.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(again.exitValue()).as(Files.readString(dir.resolve("again.log"))).isZero();
        assertThat(db.column("SELECT version_num FROM strata_version")).containsExactly("r003");
        assertThat(db.column("SELECT revision FROM strata_history WHERE outcome = 'applied' ORDER BY id"))
                .containsExactly("r001", "r002", "r003");
    }

    // ---- interrupted outside a transaction ------------------------------------------------------

    private static final int STATEMENTS = 8;

    /**
     * r001 (transactional), r002 ({@code transactional: false}: eight statements, each creating table
     * sN and taking 40 ms, so the tables say exactly which statements completed; each can run twice),
     * r003 (transactional).
     */
    private void nonTransactionalProject() throws IOException {
        Files.createDirectories(dir.resolve("m"));
        Files.writeString(dir.resolve("migrate.toml"), "[scripts]\nlocations = [\"m\"]\n[targets.app]\nurl = \"${APP_URL}\"\n");
        Files.writeString(dir.resolve("m/r001.sql"), Cli.script("r001", "", "", "CREATE TABLE t1 (id int);", "DROP TABLE t1;"));
        StringBuilder body = new StringBuilder();
        for (int i = 1; i <= STATEMENTS; i++) {
            body.append("CREATE TABLE IF NOT EXISTS s").append(i).append(" AS SELECT 1 AS n FROM pg_sleep(0.04);\n");
        }
        Files.writeString(dir.resolve("m/r002.sql"), Cli.script("r002", "r001", "-- transactional: false\n", body.toString(), "SELECT 1;"));
        Files.writeString(dir.resolve("m/r003.sql"), Cli.script("r003", "r002", "", "CREATE TABLE t3 (id int);", "DROP TABLE t3;"));
    }

    @Test
    void killedOrStoppedAtRandomPointsOfANonTransactionalStepTheRecordsSayWhatRanAndTheRerunTellsTheTruth() throws Exception {
        nonTransactionalProject();
        long seed = Long.getLong("trials.seed", System.nanoTime());
        java.util.Random random = new java.util.Random(seed);
        List<String> midStep = new ArrayList<>();
        for (int trial = 0; trial < 20; trial++) {
            boolean term = trial % 5 >= 3; // 12 trials with kill -9, 8 with SIGTERM
            try (TestDatabase trialDb = TestDatabase.create("trial")) {
                String context = "trial " + trial + (term ? " (SIGTERM)" : " (kill -9)");
                Cli cli = new Cli(dir).env("APP_URL", trialDb.jdbcUrl());
                assertThat(cli.run("upgrade", "r001").code()).isZero();
                Path log = dir.resolve("trial" + trial + ".log");
                Process p = start(log, trialDb, "upgrade", "heads");
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (!Files.readString(log).contains("Running upgrade r001 -> r002")) {
                    assertThat(p.isAlive()).as("%s: %s", context, Files.readString(log)).isTrue();
                    assertThat(System.nanoTime()).as(context).isLessThan(deadline);
                    Thread.sleep(5);
                }
                Thread.sleep(random.nextInt(450));
                if (term) {
                    p.destroy(); // SIGTERM
                } else {
                    p.destroyForcibly(); // SIGKILL
                }
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).as(context).isTrue();
                String output = Files.readString(log);
                context += ": " + output;
                waitForSessionsToEnd(trialDb);
                checkRecordsTellTheTruth(trialDb, context, term, p.exitValue(), output);
                midStep.addAll(trialDb.column("SELECT outcome FROM strata_history WHERE revision = 'r002' AND outcome <> 'applied'"));
                rerunCompletes(cli, trialDb, context);
            }
        }
        System.out.println("interrupted mid-step (seed " + seed + "): " + midStep);
        assertThat(midStep).as("some trials stopped the step part-way (seed %d)", seed).contains("started");
    }

    private Process start(Path log, TestDatabase on, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", JAR.toString(),
                "-c", dir.resolve("migrate.toml").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("APP_URL", on.jdbcUrl());
        return pb.start();
    }

    /** A killed client's session ends once the server notices (client_connection_check_interval). */
    private static void waitForSessionsToEnd(TestDatabase on) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!on.column("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'strata%'").isEmpty()) {
            assertThat(System.nanoTime()).as("the killed run's session ended").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** The version and history tables agree with the tables the statements created. */
    private static void checkRecordsTellTheTruth(TestDatabase on, String context, boolean term, int exit, String output) {
        List<String> version = on.column("SELECT version_num FROM strata_version");
        int made = Integer.parseInt(on.column("SELECT count(*) FROM pg_tables WHERE tablename ~ '^s[0-9]+$'").get(0));
        List<String> rows = on.column("SELECT outcome || ': ' || coalesce(error, '') FROM strata_history WHERE revision = 'r002' ORDER BY id");
        assertThat(version).as(context).hasSize(1);
        if (!version.get(0).equals("r001")) {
            assertThat(version.get(0)).as(context).isIn("r002", "r003");
            assertThat(made).as(context).isEqualTo(STATEMENTS);
            assertThat(rows).as(context).containsExactly("applied: ");
        } else if (rows.isEmpty()) {
            assertThat(made).as("no statement ran without a row saying so; " + context).isZero();
        } else {
            assertThat(rows).as(context).hasSize(1);
            String row = rows.get(0);
            if (row.startsWith("started: ")) {
                assertThat(term).as("only kill -9 leaves a started row; " + context).isFalse();
                java.util.regex.Matcher m = java.util.regex.Pattern
                        .compile("started: in statement (\\d+) of " + STATEMENTS + " \\(line \\d+\\); (no statement|statements? 1(-(\\d+))?) had completed")
                        .matcher(row);
                int completed;
                if (row.equals("started: after all " + STATEMENTS + " statements had completed, before the revision was recorded")) {
                    completed = STATEMENTS;
                } else {
                    assertThat(m.matches()).as(row + "; " + context).isTrue();
                    completed = Integer.parseInt(m.group(1)) - 1;
                }
                // The statement it was in may have completed before the row could say so.
                assertThat(made).as(context).isBetween(completed, Math.min(completed + 1, STATEMENTS));
            } else if (made == 0) {
                assertThat(row).as(context).isEqualTo("failed: stopped by SIGTERM before statement 1");
            } else {
                assertThat(row).as(context).isEqualTo("partial: stopped by SIGTERM before statement " + (made + 1));
            }
        }
        if (term) {
            if (exit == 0) {
                assertThat(version).as(context).containsExactly("r003");
            } else {
                assertThat(exit).as(context).isEqualTo(143);
                assertThat(output).as(context).contains("error: stopped by SIGTERM");
            }
        }
    }

    /** The next run refuses to build on a half-done step, saying so, and completes once told to rerun it. */
    private static void rerunCompletes(Cli cli, TestDatabase on, String context) {
        boolean unresolved = !on.column("SELECT 1 FROM strata_history WHERE revision = 'r002' AND outcome IN ('started', 'partial')").isEmpty();
        Cli.Result again = cli.run("upgrade", "heads");
        if (unresolved) {
            assertThat(again.code()).as(context).isEqualTo(2);
            assertThat(again.err()).as(context).containsAnyOf("error: revision r002 was interrupted outside a transaction",
                    "error: revision r002 failed part-way");
            assertThat(cli.run("check").out()).as(context).contains("Target 'app': revision r002 ");
            again = cli.run("upgrade", "heads", "--retry-partial");
        }
        assertThat(again.code()).as(context + "; rerun: " + again.err()).isZero();
        assertThat(on.column("SELECT version_num FROM strata_version")).as(context).containsExactly("r003");
        assertThat(on.column("SELECT count(*) FROM pg_tables WHERE tablename ~ '^s[0-9]+$'")).as(context)
                .containsExactly(String.valueOf(STATEMENTS));
        assertThat(cli.run("check").code()).as(context).isZero();
    }
}
