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
 * Target sets on the real PostgreSQL: twenty databases named fleet_TAG_m00 .. m19, one of which (m07)
 * refuses revision r003; upgrades one at a time and four at a time, failing fast, narrowed with --only,
 * the per-member rows of current, check and status, and Ctrl-C in the middle of a parallel run.
 */
class FleetCliIT {

    private static final int MEMBERS = 20;
    private static final String ADMIN = System.getenv().getOrDefault("STRATA_TEST_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");

    @TempDir
    Path dir;

    Cli cli;
    String prefix;
    final List<String> databases = new ArrayList<>();

    @BeforeEach
    void members() throws SQLException {
        cli = new Cli(dir);
        prefix = "fleet_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL) + "_";
        try (Connection c = DriverManager.getConnection(ADMIN); Statement s = c.createStatement()) {
            for (int i = 0; i < MEMBERS; i++) {
                String db = prefix + name(i);
                s.execute("CREATE DATABASE " + db);
                databases.add(db);
            }
        }
    }

    @AfterEach
    void drop() throws SQLException {
        try (Connection c = DriverManager.getConnection(ADMIN); Statement s = c.createStatement()) {
            for (String db : databases) {
                s.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            }
        }
    }

    private static String name(int i) {
        return String.format("m%02d", i);
    }

    private String memberUrl(String member) {
        return ADMIN.replace("/postgres?", "/" + prefix + member + "?");
    }

    /** Five revisions; r003 fails on m07; {@code sleep} is added to r002 (to interrupt it). */
    private void project(String sleep, String extraTargetKeys) {
        cli.write("migrate.toml", "[scripts]\nlocations = [\"m\"]\n[targets.tenants]\nurl = \"" + memberUrl("{name}") + "\"\n"
                + "members = [" + String.join(", ", java.util.stream.IntStream.range(0, MEMBERS).mapToObj(i -> "\"" + name(i) + "\"").toList())
                + "]\n" + extraTargetKeys + "\n");
        for (int i = 1; i <= 5; i++) {
            String body = "CREATE TABLE t" + i + " (id int);";
            if (i == 3) {
                body += "\nDO $$ BEGIN IF current_database() LIKE '%_m07' THEN RAISE EXCEPTION 'tenant m07 refuses r003'; END IF; END $$;";
            }
            if (i == 2 && sleep != null) {
                body += "\n" + sleep;
            }
            cli.write("m/r00" + i + ".sql", Cli.script("r00" + i, i == 1 ? "" : "r00" + (i - 1), "", body, "DROP TABLE t" + i + ";"));
        }
    }

    private List<String> column(String member, String sql) {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(memberUrl(member)); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            if (!"42P01".equals(e.getSQLState())) { // no version table yet: at base
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        return out;
    }

    private List<String> version(String member) {
        return column(member, "SELECT version_num FROM strata_version");
    }

    private void assertFailedRun(Cli.Result r, String label) {
        assertThat(r.code()).as(label + ": " + r.out() + r.err()).isEqualTo(4);
        for (int i = 0; i < MEMBERS; i++) {
            assertThat(version(name(i))).as(label + " " + name(i)).containsExactly(i == 7 ? "r002" : "r005");
        }
        assertThat(column("m07", "SELECT count(*) FROM pg_tables WHERE tablename = 't3'")).as("r003 rolled back").containsExactly("0");
        assertThat(r.out()).contains("Summary of target 'tenants' (20 members): 19 upgraded, 0 already there, 1 failed");
        assertThat(r.out()).contains("  [m07] failed (exit 4)").contains("tenant m07 refuses r003");
        assertThat(r.err()).contains("[m07] error: revision r003 failed");
        for (String line : r.out().lines().toList()) {
            assertThat(line).as("every line names its member, or is the summary").matches("(\\[m\\d\\d\\] .*|Summary .*|  \\[m\\d\\d\\] .*)");
        }
        assertThat(r.out().lines().filter(l -> l.contains("Running upgrade")).count()).isEqualTo(19 * 5 + 3);
    }

    @Test
    void oneFailingMemberOfTwentyOneAtATimeThenFourAtATime() {
        project(null, "");
        Cli.Result one = cli.run("upgrade", "heads");
        assertFailedRun(one, "--parallel 1");

        Cli.Result again = cli.run("-v", "upgrade", "heads");
        assertThat(again.code()).isEqualTo(4);
        assertThat(again.out()).contains("19 already there, 1 failed").contains("  [m00] already there in ");

        Cli.Result down = cli.run("downgrade", "base", "--parallel", "4");
        assertThat(down.code()).as(down.out() + down.err()).isZero();
        assertThat(down.out()).contains("20 downgraded");
        Cli.Result four = cli.run("upgrade", "heads", "--parallel", "4");
        assertFailedRun(four, "--parallel 4");
        Cli.Result json = cli.run("--json", "upgrade", "heads", "--parallel", "4");
        assertThat(json.code()).isEqualTo(4);
        assertThat(json.out()).startsWith("{\"command\":\"upgrade\",\"target\":\"tenants\",\"exit_code\":4,")
                .contains("\"counts\":{\"done\":0,\"already\":19,\"failed\":1,\"stopped\":0,\"not_started\":0}")
                .contains("{\"member\":\"m07\",\"outcome\":\"failed\",\"exit_code\":4,\"error\":\"revision r003 failed");
    }

    @Test
    void failFastStartsNoMemberAfterTheFailure() {
        project(null, "");
        Cli.Result r = cli.run("upgrade", "heads", "--fail-fast");
        assertThat(r.code()).isEqualTo(4);
        assertThat(r.out()).contains("7 upgraded, 0 already there, 1 failed, 12 not started");
        assertThat(version("m06")).containsExactly("r005");
        assertThat(version("m07")).containsExactly("r002");
        assertThat(version("m08")).isEmpty();
    }

    @Test
    void onlyNarrowsTheSetAndAnUnknownMemberIsBadUsage() {
        project(null, "max_connections_per_server = 2");
        Cli.Result r = cli.run("--db", "tenants", "--only", "m01,m03", "upgrade", "heads", "--parallel", "8", "-v");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("(2 members): 2 upgraded").contains("at most 2 at once on one server");
        assertThat(version("m01")).containsExactly("r005");
        assertThat(version("m02")).isEmpty();
        Cli.Result unknown = cli.run("-x", "db=tenants", "current", "--only", "m01,m99");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err().lines().toList()).hasSize(1);
        assertThat(unknown.err()).contains("--only m99: target 'tenants' has no member of that name; members: m00, m01, m02");
    }

    @Test
    void currentCheckAndStatusGiveARowPerMember() {
        project(null, "");
        assertThat(cli.run("--only", "m00,m07", "upgrade", "heads").code()).isEqualTo(4);
        Cli.Result current = cli.run("current", "--only", "m00,m07,m08");
        assertThat(current.code()).isZero();
        assertThat(current.lines()).containsExactly("m00  r005", "m07  r002", "m08  base");
        Cli.Result currentJson = cli.run("--json", "current", "--only", "m00,m08");
        assertThat(currentJson.out().strip()).isEqualTo("[{\"target\":\"tenants\",\"member\":\"m00\",\"heads\":[\"r005\"],\"error\":null},"
                + "{\"target\":\"tenants\",\"member\":\"m08\",\"heads\":[],\"error\":null}]");
        Cli.Result check = cli.run("check", "--only", "m00,m07");
        assertThat(check.code()).isEqualTo(1);
        assertThat(check.lines()).containsExactly("m00  up to date (at r005)", "m07  not up to date: 3 pending (r003, r004, r005)");
        Cli.Result checkJson = cli.run("--json", "check", "--only", "m00");
        assertThat(checkJson.code()).isZero();
        assertThat(checkJson.out()).startsWith("[{\"target\":\"tenants\",\"member\":\"m00\",\"up_to_date\":true,\"heads\":[\"r005\"]");
        Cli.Result status = cli.run("status");
        assertThat(status.code()).isZero();
        assertThat(status.lines()).hasSize(MEMBERS);
        assertThat(status.lines().get(0)).startsWith("m00  at r005  up to date");
        assertThat(status.lines().get(7)).startsWith("m07  at r002  3 pending");
        assertThat(status.lines().get(8)).startsWith("m08  at base  5 pending");
        // Read four members at a time: the same rows, in the members' order.
        assertThat(cli.run("status", "--parallel", "4").lines()).isEqualTo(status.lines());
        assertThat(cli.run("current", "--parallel", "4").lines()).isEqualTo(cli.run("current").lines());
        Cli.Result checkParallel = cli.run("check", "--parallel", "4");
        assertThat(checkParallel.code()).isEqualTo(1);
        assertThat(checkParallel.lines()).isEqualTo(cli.run("check").lines()).hasSize(MEMBERS);
        assertThat(cli.run("status", "--parallel", "0").err()).contains("--parallel 0: give 1 or more");
        Cli.Result statusJson = cli.run("--json", "status", "--db", "tenants", "--only", "m07");
        assertThat(statusJson.out()).startsWith("[{\"target\":\"tenants\",\"member\":\"m07\",");
    }

    @Test
    void diffComparesEveryMemberAndAutogenerateWantsOneNamedMember() {
        cli.write("models/schema.sql", "CREATE TABLE t1 (id int);\nCREATE TABLE t2 (id int, note text);\nCREATE TABLE t3 (id int);\n"
                + "CREATE TABLE t4 (id int);\nCREATE TABLE t5 (id int);\n");
        project(null, "desired_schema = \"models/schema.sql\"");
        assertThat(cli.run("--only", "m00,m01,m02", "upgrade", "heads").code()).isZero();
        executeOn(memberUrl("m01"), "ALTER TABLE t2 ADD COLUMN note text");
        Cli.Result diff = cli.run("diff", "--only", "m00,m01,m02");
        assertThat(diff.code()).as(diff.err()).isEqualTo(1);
        assertThat(diff.lines()).containsExactly(
                "[m00] ALTER TABLE public.t2 ADD COLUMN note text;",
                "[m01] -- no differences",
                "[m02] ALTER TABLE public.t2 ADD COLUMN note text;");
        Cli.Result drift = cli.run("--json", "diff", "--drift", "--only", "m00,m01");
        assertThat(drift.code()).as(drift.err()).isEqualTo(1);
        assertThat(drift.out()).startsWith("[{\"target\":\"tenants\",\"member\":\"m00\",\"statements\":[],")
                .contains("{\"target\":\"tenants\",\"member\":\"m01\",\"statements\":[\"ALTER TABLE public.t2 ADD COLUMN note text\"]");
        Cli.Result many = cli.run("revision", "--autogenerate", "-m", "note");
        assertThat(many.code()).isEqualTo(2);
        assertThat(many.err().lines().toList()).containsExactly("error: revision --autogenerate works on one database, and target"
                + " 'tenants' is a set of 20 members: name one with --only NAME (m00, m01, m02, m03, m04, ...)");
        Cli.Result one = cli.run("--only", "m00", "revision", "--autogenerate", "-m", "note");
        assertThat(one.code()).as(one.err()).isZero();
        assertThat(one.out()).contains("Detected added column 'public.t2.note'");
    }

    @Test
    void tenantsAsSchemasListedByADirectoryQueryEachGetTheirOwnTablesAndRecords() {
        // The first member database serves as the tenants' database and as the directory.
        String app = memberUrl(name(0));
        executeOn(app, "CREATE TABLE tenant_directory (schema_name text PRIMARY KEY, active boolean NOT NULL)",
                "INSERT INTO tenant_directory VALUES ('acme', true), ('globex', true), ('initech', false)");
        cli.write("migrate.toml", "[scripts]\nlocations = [\"m\"]\n[targets.tenants]\nurl = \"" + app + "\"\n"
                + "members_query = \"SELECT schema_name FROM tenant_directory WHERE active ORDER BY 1\"\n"
                + "directory_url = \"" + app + "\"\n");
        for (int i = 1; i <= 3; i++) {
            cli.write("m/r00" + i + ".sql", Cli.script("r00" + i, i == 1 ? "" : "r00" + (i - 1), "",
                    "CREATE TABLE orders_" + i + " (id int PRIMARY KEY);", "DROP TABLE orders_" + i + ";"));
        }
        Cli.Result up = cli.run("upgrade", "heads", "--parallel", "2");
        assertThat(up.code()).as(up.out() + up.err()).isZero();
        assertThat(up.out()).contains("Summary of target 'tenants' (2 members): 2 upgraded");
        assertThat(columnOn(app, "SELECT table_schema || '.' || table_name FROM information_schema.tables"
                + " WHERE table_schema IN ('acme', 'globex', 'initech') ORDER BY 1")).containsExactly(
                "acme.orders_1", "acme.orders_2", "acme.orders_3", "acme.strata_history", "acme.strata_version",
                "globex.orders_1", "globex.orders_2", "globex.orders_3", "globex.strata_history", "globex.strata_version");
        assertThat(columnOn(app, "SELECT version_num FROM acme.strata_version")).containsExactly("r003");
        assertThat(columnOn(app, "SELECT to_regclass('public.orders_1')::text")).containsExactly((String) null);

        // A tenant made active is migrated by the next run; the others are already there.
        executeOn(app, "UPDATE tenant_directory SET active = true WHERE schema_name = 'initech'");
        Cli.Result again = cli.run("upgrade", "heads");
        assertThat(again.code()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("Summary of target 'tenants' (3 members): 1 upgraded, 2 already there, 0 failed");
        assertThat(columnOn(app, "SELECT version_num FROM initech.strata_version")).containsExactly("r003");
        Cli.Result current = cli.run("current");
        assertThat(current.lines()).containsExactly("acme     r003", "globex   r003", "initech  r003");
        Cli.Result down = cli.run("--only", "globex", "downgrade", "r001");
        assertThat(down.code()).as(down.out() + down.err()).isZero();
        assertThat(cli.run("check").lines()).containsExactly("acme     up to date (at r003)",
                "globex   not up to date: 2 pending (r002, r003)", "initech  up to date (at r003)");
    }

    private static void executeOn(String url, String... sql) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static List<String> columnOn(String url, String sql) {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return out;
    }

    @Test
    void aBadSetIsOneLineAndExitTwo() {
        cli.write("migrate.toml", "[scripts]\nlocations = [\"m\"]\n[targets.tenants]\nurls = [\"jdbc:postgresql://u:hunter2@h/a\", "
                + "\"jdbc:postgresql://h2/a\"]\n");
        cli.write("m/.keep", "");
        Cli.Result r = cli.run("upgrade", "heads");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines().toList()).containsExactly(
                "error: " + dir.resolve("migrate.toml") + ": targets.tenants.urls: member 'a' is listed twice; give one a name with {name = \"...\", url = \"...\"}");
        cli.write("migrate.toml", "[scripts]\nlocations = [\"m\"]\n[targets.one]\nurl = \"jdbc:postgresql://h/a\"\n");
        Cli.Result only = cli.run("current", "--only", "a");
        assertThat(only.code()).isEqualTo(2);
        assertThat(only.err()).contains("--only picks members of a target set; target 'one' is one database");
    }

    @Test
    void sigintDuringAParallelRunLeavesEveryMemberAtARecordedRevision() throws Exception {
        Cli.requireSigintDelivered();
        project("SELECT pg_sleep(3);", "");
        Path jar = Path.of("target/migrate.jar").toAbsolutePath();
        Path log = dir.resolve("run.log");
        Process p = new ProcessBuilder("java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar.toString(),
                "-c", dir.resolve("migrate.toml").toString(), "upgrade", "heads", "--parallel", "4")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(log).contains("Running upgrade r001 -> r002")) {
            assertThat(System.nanoTime()).as("a member reached r002; log: %s", Files.readString(log)).isLessThan(deadline);
            Thread.sleep(50);
        }
        Thread.sleep(500);
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(Files.readString(log)).isTrue();
        String text = Files.readString(log);
        assertThat(p.exitValue()).as(text).isEqualTo(130);
        assertThat(text).contains("SIGINT: stopping").contains("(stopped by SIGINT)").contains("not started");
        int started = 0;
        for (int i = 0; i < MEMBERS; i++) {
            List<String> at = version(name(i));
            assertThat(at).as(name(i)).isIn(List.of(), List.of("r001"), List.of("r002"), List.of("r003"), List.of("r004"), List.of("r005"));
            if (!at.isEmpty()) {
                started++;
                assertThat(column(name(i), "SELECT count(*) FROM strata_history WHERE outcome IN ('started', 'partial')")).containsExactly("0");
                assertThat(column(name(i), "SELECT count(*) FROM pg_tables WHERE tablename LIKE 't_'"))
                        .as("tables match the recorded revision of %s", name(i)).containsExactly(at.get(0).substring(3));
            }
        }
        assertThat(started).as("the run was stopped before every member started").isLessThan(MEMBERS);
        Cli.Result rest = cli.run("upgrade", "heads", "--parallel", "4");
        assertThat(rest.code()).isEqualTo(4);
        assertThat(rest.out()).contains("1 failed");
    }
}
