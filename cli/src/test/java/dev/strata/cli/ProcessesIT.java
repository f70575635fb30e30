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
}
