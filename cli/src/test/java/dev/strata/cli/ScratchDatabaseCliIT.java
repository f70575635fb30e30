package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The temporary scratch database of autogenerate on a real PostgreSQL, with the CLI as its own process:
 * a run stopped by SIGINT or SIGTERM while it replays the desired schema drops it, and a role that may
 * not create databases gets one line saying what to set instead, with nothing written.
 */
class ScratchDatabaseCliIT {

    private static final Path JAR = Path.of("target/migrate.jar").toAbsolutePath();
    private static final String ROLE = "strata_nocreatedb";
    private static final String ROLE_PASSWORD = "no-createdb-pw";

    @TempDir
    Path dir;

    TestDatabase db;

    @BeforeEach
    void project() throws IOException {
        assertThat(JAR).as("the CLI jar (built by mvn package)").exists();
        db = TestDatabase.create("scratch");
        Files.createDirectories(dir.resolve("m"));
        Files.createDirectories(dir.resolve("schema"));
        Files.writeString(dir.resolve("migrate.toml"), "[scripts]\nlocations = [\"m\"]\n[targets.app]\nurl = \"${APP_URL}\"\n"
                + "desired_schema = [\"schema\"]\n");
        Files.writeString(dir.resolve("m/a1.sql"), Cli.script("a1", "", "", "CREATE TABLE users (id int PRIMARY KEY);", "DROP TABLE users;"));
        Files.writeString(dir.resolve("schema/01_users.sql"), "CREATE TABLE users (id int PRIMARY KEY, email text);\n");
    }

    @AfterEach
    void drop() {
        db.close();
    }

    private List<String> scratchDatabases() {
        return db.column("SELECT datname FROM pg_database WHERE datname LIKE 'strata\\_scratch\\_%'");
    }

    private Process start(Path log, String url, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", JAR.toString(),
                "-c", dir.resolve("migrate.toml").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("APP_URL", url);
        return pb.start();
    }

    private int run(Path log, String url, String... args) throws Exception {
        Process p = start(log, url, args);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the run ends").isTrue();
        return p.exitValue();
    }

    @Test
    void aRunStoppedWhileReplayingTheDesiredSchemaDropsItsTemporaryDatabase() throws Exception {
        Cli.requireSigintDelivered();
        assertThat(run(dir.resolve("up.log"), db.jdbcUrl(), "upgrade", "head")).isZero();
        Files.writeString(dir.resolve("schema/02_slow.sql"), "SELECT pg_sleep(120);\n");
        String[][] signals = {{"INT", "130"}, {"TERM", "143"}};
        for (String[] signal : signals) {
            Path log = dir.resolve("diff-" + signal[0] + ".log");
            List<String> before = scratchDatabases();
            Process p = start(log, db.jdbcUrl(), "diff");
            try {
                stop(p, signal, log, before);
            } finally {
                p.destroyForcibly();
            }
        }
    }

    private void stop(Process p, String[] signal, Path log, List<String> before) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<String> replaying;
        // Other runs on this server may have scratch databases of their own: follow this run's.
        while ((replaying = db.column("SELECT datname FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(120)%'"
                + " AND datname LIKE 'strata\\_scratch\\_%'").stream().filter(d -> !before.contains(d)).toList()).isEmpty()) {
            assertThat(p.isAlive()).as("diff is replaying the desired schema: " + Files.readString(log)).isTrue();
            assertThat(System.nanoTime()).as("the replay reached pg_sleep within 60 s").isLessThan(deadline);
            Thread.sleep(100);
        }
        String scratch = replaying.get(0);
        assertThat(scratchDatabases()).as("the temporary scratch database exists while it runs").contains(scratch);
        new ProcessBuilder("kill", "-" + signal[0], Long.toString(p.pid())).start().waitFor();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("SIG" + signal[0] + " stops the run").isTrue();
        assertThat(p.exitValue()).as(Files.readString(log)).isEqualTo(Integer.parseInt(signal[1]));
        assertThat(scratchDatabases()).as("after SIG" + signal[0]).doesNotContain(scratch);
        assertThat(Files.readString(log)).doesNotContain("\tat ");
    }

    @Test
    void aRoleThatMayNotCreateDatabasesIsToldToSetScratchUrlAndNothingIsWritten() throws Exception {
        db.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + ROLE + "') THEN CREATE ROLE " + ROLE
                        + " LOGIN NOCREATEDB PASSWORD '" + ROLE_PASSWORD + "'; END IF; END $$",
                "ALTER ROLE " + ROLE + " NOCREATEDB",
                "ALTER DATABASE " + db.name() + " OWNER TO " + ROLE);
        String url = db.jdbcUrl().replaceAll("([?&])user=[^&]*", "$1user=" + ROLE).replaceAll("([?&])password=[^&]*", "$1password=" + ROLE_PASSWORD);
        if (!url.contains("password=")) {
            url += "&password=" + ROLE_PASSWORD;
        }
        assertThat(run(dir.resolve("up.log"), url, "upgrade", "head")).as(Files.readString(dir.resolve("up.log"))).isZero();
        List<String> before = scratchDatabases();
        List<String> files;
        try (var s = Files.list(dir.resolve("m"))) {
            files = s.map(Path::toString).sorted().toList();
        }
        for (String[] command : new String[][] {{"diff"}, {"revision", "--autogenerate", "-m", "more"}}) {
            Path log = dir.resolve(command[0] + ".log");
            int code = run(log, url, command);
            String out = Files.readString(log);
            assertThat(code).as(out).isEqualTo(3);
            assertThat(out.strip().lines()).as(out).hasSize(1);
            assertThat(out).contains("cannot create a temporary scratch database", "permission denied to create database",
                    "set scratch_url for target 'app'").doesNotContain(ROLE_PASSWORD);
        }
        try (var s = Files.list(dir.resolve("m"))) {
            assertThat(s.map(Path::toString).sorted().toList()).as("nothing written").isEqualTo(files);
        }
        assertThat(scratchDatabases()).containsExactlyInAnyOrderElementsOf(before);
    }
}
