package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A target set of three databases on the local PostgreSQL, migrated through a real PgBouncer: in
 * transaction mode by ten {@code migrate} processes at once (each revision applied exactly once on every
 * member, under the lease), and in session mode under the lease too (a session pooler cannot be told from a
 * transaction pooler for certain); a killed
 * run's lease taken over once it expires; direct and pooled runs taking turns; statement mode refused
 * in one line, and {@code migration_url} going around the pooler.
 */
class PoolerCliIT {

    private static final String DIRECT = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";
    private static final Path JAR = Path.of("target/migrate.jar").toAbsolutePath();
    private static final List<String> MEMBERS = List.of("a", "b", "c");
    private static final int REVISIONS = 5;

    @TempDir
    Path dir;

    String prefix;
    final List<String> databases = new ArrayList<>();
    PgBouncer bouncer;

    @BeforeEach
    void members() throws SQLException {
        assertThat(JAR).as("the CLI jar (built by mvn package)").exists();
        prefix = "pool_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL) + "_";
        try (Connection c = DriverManager.getConnection(DIRECT); Statement s = c.createStatement()) {
            for (String m : MEMBERS) {
                s.execute("CREATE DATABASE " + prefix + m);
                databases.add(prefix + m);
            }
        }
    }

    @AfterEach
    void drop() throws SQLException {
        if (bouncer != null) {
            bouncer.close();
        }
        try (Connection c = DriverManager.getConnection(DIRECT); Statement s = c.createStatement()) {
            for (String db : databases) {
                s.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            }
        }
    }

    /** Five revisions; r003 is transactional: false (an index built concurrently), so the started-row path runs too. */
    private void project(String url, String sleepInR002) throws IOException {
        Files.createDirectories(dir.resolve("m"));
        Files.writeString(dir.resolve("migrate.toml"), "[scripts]\nlocations = [\"m\"]\n[targets.tenants]\nurl = \"" + url + "\"\n"
                + "members = [" + String.join(", ", MEMBERS.stream().map(m -> "\"" + m + "\"").toList()) + "]\n");
        for (int i = 1; i <= REVISIONS; i++) {
            String id = "r00" + i;
            String down = i == 1 ? "" : "r00" + (i - 1);
            String header = i == 3 ? "-- transactional: false\n" : "";
            String body = i == 3 ? "CREATE INDEX CONCURRENTLY t1_id ON t1 (id);" : "CREATE TABLE t" + i + " (id int);";
            if (i == 2 && sleepInR002 != null) {
                body += "\n" + sleepInR002;
            }
            String undo = i == 3 ? "DROP INDEX CONCURRENTLY t1_id;" : "DROP TABLE t" + i + ";";
            Files.writeString(dir.resolve("m/" + id + ".sql"), Cli.script(id, down, header, body, undo));
        }
    }

    private Process start(Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", JAR.toString(),
                "-c", dir.resolve("migrate.toml").toString()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private List<String> column(String member, String sql) {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(DIRECT.replace("/postgres?", "/" + prefix + member + "?"));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return out;
    }

    private void assertAtHeadWithEachRevisionOnce(String member) {
        assertThat(column(member, "SELECT version_num FROM strata_version")).as(member).containsExactly("r005");
        assertThat(column(member, "SELECT revision FROM strata_history WHERE direction = 'upgrade' AND outcome = 'applied' ORDER BY id"))
                .as("%s: each revision applied once, in order", member).containsExactly("r001", "r002", "r003", "r004", "r005");
        assertThat(column(member, "SELECT count(*) FROM strata_history WHERE outcome <> 'applied'")).as(member).containsExactly("0");
        assertThat(column(member, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename ~ '^t[0-9]$'"))
                .as(member).containsExactly("4");
        assertThat(column(member, "SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = 't1_id' AND i.indisvalid"))
                .as(member).containsExactly("1");
    }

    @Test
    void tenRunsAtOnceThroughTransactionPoolingApplyEveryRevisionOnceOnEveryMember() throws Exception {
        bouncer = PgBouncer.start("transaction", 4);
        project(bouncer.url(prefix + "{name}"), "SELECT pg_sleep(0.5);");
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            processes.add(start(dir.resolve("run" + i + ".log"), "upgrade", "heads", "--parallel", "3", "--lock-timeout", "180s"));
        }
        StringBuilder logs = new StringBuilder();
        for (int i = 0; i < processes.size(); i++) {
            Process p = processes.get(i);
            assertThat(p.waitFor(240, TimeUnit.SECONDS)).as("process %d finished", i).isTrue();
            String log = Files.readString(dir.resolve("run" + i + ".log"));
            assertThat(p.exitValue()).as("process %d: %s", i, log).isZero();
            logs.append(log);
        }
        for (String m : MEMBERS) {
            assertAtHeadWithEachRevisionOnce(m);
            long running = logs.toString().lines().filter(l -> l.startsWith("[" + m + "] Running upgrade")).count();
            assertThat(running).as("Running lines for %s over all ten processes", m).isEqualTo(REVISIONS);
            // The lease table exists (the pooler was detected), and every lease was released.
            assertThat(column(m, "SELECT count(*) FROM strata_lock")).as(m).containsExactly("0");
        }
        assertThat(logs.toString()).contains("Waiting for the migration lease on public.strata_version, held by strata ");
    }

    @Test
    void sessionPoolingWorksLikeTransactionPoolingUnderTheLease() throws Exception {
        bouncer = PgBouncer.start("session", 8);
        project(bouncer.url(prefix + "{name}"), null);
        Path log = dir.resolve("run.log");
        Process p = start(log, "upgrade", "heads", "--parallel", "3");
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(log)).isZero();
        for (String m : MEMBERS) {
            assertAtHeadWithEachRevisionOnce(m);
            // A session pooler cannot be told from a transaction pooler for certain: the lease is used, and released.
            assertThat(column(m, "SELECT count(*) FROM strata_lock")).as("%s: the lease, released", m).containsExactly("0");
        }
        Cli cli = new Cli(dir);
        Cli.Result status = cli.run("status");
        assertThat(status.code()).as(status.out() + status.err()).isZero();
        assertThat(status.lines()).hasSize(3).allMatch(l -> l.contains("at r005  up to date"));
    }

    private String waitFor(Path log, String text, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!Files.readString(log).contains(text)) {
            assertThat(System.nanoTime()).as("'%s' in %s", text, Files.readString(log)).isLessThan(deadline);
            Thread.sleep(50);
        }
        return Files.readString(log);
    }

    @Test
    void aKilledRunsLeaseStaysRecordedUntilItExpiresAndIsTakenOver() throws Exception {
        bouncer = PgBouncer.start("transaction", 4);
        project(bouncer.url(prefix + "{name}"), "SELECT pg_sleep(8);");
        Path log = dir.resolve("killed.log");
        Process killed = start(log, "--db", "tenants", "--only", "a", "upgrade", "heads");
        waitFor(log, "Running upgrade r001 -> r002", 60);
        List<String> lease = column("a", "SELECT holder || ' ' || (expires_at > clock_timestamp()) FROM strata_lock");
        assertThat(lease).as("the lease names its holder, unexpired").containsExactly(lease.get(0));
        assertThat(lease.get(0)).contains("pid " + killed.pid()).endsWith(" true");
        killed.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        // The records say what happened: r001 applied, the lease still held by the dead run until it expires.
        assertThat(column("a", "SELECT version_num FROM strata_version")).containsExactly("r001");
        assertThat(column("a", "SELECT holder FROM strata_lock")).singleElement().asString().contains("pid " + killed.pid());

        Path next = dir.resolve("next.log");
        Process taker = start(next, "--db", "tenants", "--only", "a", "upgrade", "heads", "--lock-timeout", "90s");
        assertThat(taker.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String text = Files.readString(next);
        assertThat(taker.exitValue()).as(text).isZero();
        assertThat(text).contains("[a] Waiting for the migration lease on public.strata_version, held by strata ")
                .contains("[a] Took over the migration lease on public.strata_version from strata ")
                .contains("pid " + killed.pid() + ": it expired at ");
        assertAtHeadWithEachRevisionOnce("a");
        assertThat(column("a", "SELECT count(*) FROM strata_lock")).containsExactly("0");

        // stamp takes the lease too.
        Cli.Result stamp = new Cli(dir).run("--only", "a", "stamp", "r003");
        assertThat(stamp.code()).as(stamp.out() + stamp.err()).isZero();
        assertThat(column("a", "SELECT version_num FROM strata_version")).containsExactly("r003");
        assertThat(column("a", "SELECT count(*) FROM strata_lock")).containsExactly("0");
    }

    @Test
    void statementModeIsRefusedInOneLineAndMigrationUrlGoesAroundThePooler() throws Exception {
        bouncer = PgBouncer.start("statement", 2);
        project(bouncer.url(prefix + "{name}"), null);
        Cli cli = new Cli(dir);
        Cli.Result refused = cli.run("--only", "a", "upgrade", "heads");
        assertThat(refused.code()).as(refused.out() + refused.err()).isEqualTo(3);
        assertThat(refused.err().lines().toList()).singleElement().asString()
                .startsWith("[a] error: ").contains("cannot connect to jdbc:postgresql://127.0.0.1:" + bouncer.port())
                .endsWith("the URL leads to a pooler in statement mode, which allows no transaction of more than one statement, so no"
                        + " migration can run through it: give the target a migration_url that reaches the server directly, or use"
                        + " the pooler's session or transaction mode");

        Path toml = dir.resolve("migrate.toml");
        Files.writeString(toml, Files.readString(toml).replace("members = [",
                "migration_url = \"" + DIRECT.replace("/postgres?", "/" + prefix + "{name}?") + "\"\nmembers = ["));
        Cli.Result r = cli.run("upgrade", "heads", "--parallel", "3");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        for (String m : MEMBERS) {
            assertAtHeadWithEachRevisionOnce(m);
            assertThat(column(m, "SELECT to_regclass('strata_lock') IS NULL")).as("%s: direct, so the session lock", m).containsExactly("t");
        }
    }

    @Test
    void aRunThroughThePoolerWaitsForADirectRunAndTheOtherWayRound() throws Exception {
        bouncer = PgBouncer.start("transaction", 4);
        project(DIRECT.replace("/postgres?", "/" + prefix + "{name}?"), "SELECT pg_sleep(3);");
        Files.writeString(dir.resolve("pooled.toml"), Files.readString(dir.resolve("migrate.toml"))
                .replace(DIRECT.replace("/postgres?", "/" + prefix + "{name}?"), bouncer.url(prefix + "{name}")));
        Path directLog = dir.resolve("direct.log");
        Process direct = start(directLog, "--db", "tenants", "--only", "a", "upgrade", "r002");
        waitFor(directLog, "Running upgrade r001 -> r002", 60);
        Path pooledLog = dir.resolve("pooled.log");
        List<String> cmd = new ArrayList<>(List.of("java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", JAR.toString(),
                "-c", dir.resolve("pooled.toml").toString(), "--db", "tenants", "--only", "a", "upgrade", "heads", "--lock-timeout", "60s"));
        Process pooled = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(pooledLog.toFile()).start();
        assertThat(direct.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(pooled.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String text = Files.readString(pooledLog);
        assertThat(direct.exitValue()).as(Files.readString(directLog)).isZero();
        assertThat(pooled.exitValue()).as(text).isZero();
        assertThat(text).contains("[a] Waiting for the migration lease on public.strata_version, held by pid ")
                .contains("(a session lock: a run on a direct connection)");
        assertAtHeadWithEachRevisionOnce("a");

        // The other way round: the pooled run holds the lease, the direct one waits for it.
        Cli.Result down = new Cli(dir).run("--db", "tenants", "--only", "a", "downgrade", "r001");
        assertThat(down.code()).as(down.out() + down.err()).isZero();
        cmd.set(cmd.indexOf("heads"), "r002");
        Process pooledFirst = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(pooledLog.toFile()).start();
        waitFor(pooledLog, "Running upgrade r001 -> r002", 60);
        Process directNext = start(directLog, "--db", "tenants", "--only", "a", "upgrade", "heads", "--lock-timeout", "60s");
        assertThat(pooledFirst.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(directNext.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(pooledFirst.exitValue()).as(Files.readString(pooledLog)).isZero();
        assertThat(directNext.exitValue()).as(Files.readString(directLog)).isZero();
        assertThat(Files.readString(directLog)).contains("[a] Waiting for the migration lock on public.strata_version, held by strata ")
                .contains("(a lease: a run through a pooler)");
        assertThat(column("a", "SELECT version_num FROM strata_version")).containsExactly("r005");
        assertThat(column("a", "SELECT revision || ' ' || direction FROM strata_history WHERE outcome = 'applied' ORDER BY id"))
                .containsExactly("r001 upgrade", "r002 upgrade", "r003 upgrade", "r004 upgrade", "r005 upgrade",
                        "r005 downgrade", "r004 downgrade", "r003 downgrade", "r002 downgrade",
                        "r002 upgrade", "r003 upgrade", "r004 upgrade", "r005 upgrade");
    }
}
