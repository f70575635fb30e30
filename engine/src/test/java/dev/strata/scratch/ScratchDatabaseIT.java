package dev.strata.scratch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.config.ConnectionSpec;
import dev.strata.db.DatabaseException;
import dev.strata.error.BadInputException;
import dev.strata.source.ScriptException;
import dev.strata.testing.TestDatabase;
import dev.strata.testing.TestTimescale;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scratch database on the real servers: created and dropped, emptied, refused where it would be the live one. */
class ScratchDatabaseIT {

    @TempDir
    Path dir;

    private DesiredSchema desired(String sql) throws IOException {
        Path f = dir.resolve("schema.sql");
        Files.writeString(f, sql);
        return DesiredSchema.read("k", List.of(f));
    }

    private static List<String> scratchDatabases(TestDatabase db) {
        return db.column("SELECT datname FROM pg_database WHERE datname LIKE 'strata\\_scratch\\_%'");
    }

    @Test
    void aTemporaryDatabaseIsCreatedOnTheTargetsServerAndDroppedAfterSuccessAndFailure() throws Exception {
        try (TestDatabase live = TestDatabase.create("scratch_temp")) {
            ConnectionSpec spec = ConnectionSpec.ofUrl("url", live.jdbcUrl());
            String name;
            try (ScratchDatabase scratch = ScratchDatabase.open("pg", null, spec)) {
                name = scratch.temporary();
                assertThat(name).startsWith(ScratchDatabase.PREFIX);
                assertThat(scratchDatabases(live)).contains(name);
                scratch.replay(desired("CREATE TABLE t (id int PRIMARY KEY);\nCREATE VIEW v AS SELECT id FROM t;\n"));
                assertThat(count(scratch.connection(), "SELECT count(*) FROM pg_class WHERE relname IN ('t', 'v')")).isEqualTo(2);
            }
            // Other runs on this server may hold scratch databases of their own: only this one's must be gone.
            assertThat(scratchDatabases(live)).doesNotContain(name);
            assertThat(live.column("SELECT count(*) FROM pg_class WHERE relname = 't'")).containsExactly("0");

            DesiredSchema bad = desired("CREATE TABLE t (id int);\n\nCREATE TABLE u (id int REFERENCES nowhere);\n");
            try (ScratchDatabase scratch = ScratchDatabase.open("pg", null, spec)) {
                name = scratch.temporary();
                assertThatThrownBy(() -> scratch.replay(bad)).isInstanceOf(ScriptException.class)
                        .hasMessageStartingWith(dir.resolve("schema.sql") + ":3: the desired schema fails: ERROR: relation \"nowhere\" does not exist");
            }
            assertThat(scratchDatabases(live)).doesNotContain(name);
        }
    }

    @Test
    void aScratchUrlIsEmptiedFirstSoARerunWorks() throws Exception {
        try (TestDatabase live = TestDatabase.create("scratch_live"); TestDatabase other = TestDatabase.create("scratch_url")) {
            other.execute("CREATE SCHEMA ops", "CREATE TABLE ops.x (id int)", "CREATE TYPE mood AS ENUM ('a')",
                    "CREATE TABLE t (m mood)", "CREATE VIEW v AS SELECT * FROM t", "CREATE SEQUENCE s",
                    "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'", "CREATE EXTENSION IF NOT EXISTS pg_trgm");
            DesiredSchema d = desired("CREATE SCHEMA ops;\nCREATE TABLE ops.x (id int);\nCREATE TYPE mood AS ENUM ('a');\n");
            for (int run = 0; run < 2; run++) {
                try (ScratchDatabase scratch = ScratchDatabase.open("pg", ConnectionSpec.ofUrl("scratch_url", other.jdbcUrl()),
                        ConnectionSpec.ofUrl("url", live.jdbcUrl()))) {
                    assertThat(scratch.temporary()).isNull();
                    assertThat(count(scratch.connection(), "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                            + " WHERE n.nspname IN ('public', 'ops')")).isZero();
                    assertThat(count(scratch.connection(), "SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'")).isZero();
                    scratch.replay(d);
                }
            }
            assertThat(other.column("SELECT count(*) FROM pg_class WHERE relname = 'x'")).containsExactly("1");
        }
    }

    @Test
    void aScratchUrlThatHoldsTheSameDesiredSchemaIsKeptAndAnyChangeReplaysIt() throws Exception {
        try (TestDatabase live = TestDatabase.create("scratch_live"); TestDatabase other = TestDatabase.create("scratch_keep")) {
            ConnectionSpec scratchUrl = ConnectionSpec.ofUrl("scratch_url", other.jdbcUrl());
            ConnectionSpec liveUrl = ConnectionSpec.ofUrl("url", live.jdbcUrl());
            DesiredSchema one = desired("CREATE TABLE a (id int);\n");
            boolean[] reusedEachRun = new boolean[4];
            DesiredSchema[] runs = {one, one, desired("CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n"), one};
            for (int run = 0; run < runs.length; run++) {
                try (ScratchDatabase scratch = ScratchDatabase.open("pg", scratchUrl, liveUrl, runs[run])) {
                    scratch.replay(runs[run]);
                    reusedEachRun[run] = scratch.reused();
                    if (run == 1) {
                        // The kept database is exactly what the first run built.
                        assertThat(count(scratch.connection(), "SELECT count(*) FROM pg_class WHERE relname IN ('a', 'b')")).isEqualTo(1);
                    }
                }
            }
            assertThat(reusedEachRun).containsExactly(false, true, false, false);
            // A replay that fails leaves no mark: the next run replays again.
            DesiredSchema broken = desired("CREATE TABLE c (id int);\nCREATE TABLE d (id int REFERENCES nowhere);\n");
            try (ScratchDatabase scratch = ScratchDatabase.open("pg", scratchUrl, liveUrl, broken)) {
                assertThatThrownBy(() -> scratch.replay(broken)).isInstanceOf(dev.strata.source.ScriptException.class);
            }
            try (ScratchDatabase scratch = ScratchDatabase.open("pg", scratchUrl, liveUrl, broken)) {
                assertThat(scratch.reused()).isFalse();
            }
            // drift replays revisions into it: opened without a desired schema, it is emptied and unmarked.
            try (ScratchDatabase scratch = ScratchDatabase.open("pg", scratchUrl, liveUrl, one)) {
                scratch.replay(one);
            }
            try (ScratchDatabase scratch = ScratchDatabase.open("pg", scratchUrl, liveUrl)) {
                assertThat(count(scratch.connection(), "SELECT count(*) FROM pg_class WHERE relname = 'a'")).isZero();
            }
            try (ScratchDatabase scratch = ScratchDatabase.open("pg", scratchUrl, liveUrl, one)) {
                assertThat(scratch.reused()).isFalse();
            }
        }
    }

    @Test
    void aScratchUrlHoldingMoreTablesThanOneTransactionCanLockIsEmptied() throws Exception {
        try (TestDatabase live = TestDatabase.create("scratch_live"); TestDatabase other = TestDatabase.create("scratch_big")) {
            // 1,500 tables, each with a primary key, an index and a TOAST table: dropping them in one
            // transaction needs ~7,500 locks, more than the default lock table (64 x 100 connections).
            other.execute("DO $$ BEGIN FOR i IN 1..1500 LOOP EXECUTE format('CREATE TABLE big_%s (id int PRIMARY KEY, t text);"
                    + " CREATE INDEX ON big_%s (t)', i, i); IF i % 300 = 0 THEN COMMIT; END IF; END LOOP; END $$",
                    "CREATE VIEW big_view AS SELECT big_1.id, big_2.t FROM big_1 JOIN big_2 USING (id)");
            try (ScratchDatabase scratch = ScratchDatabase.open("pg", ConnectionSpec.ofUrl("scratch_url", other.jdbcUrl()),
                    ConnectionSpec.ofUrl("url", live.jdbcUrl()))) {
                assertThat(count(scratch.connection(), "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE n.nspname = 'public'")).isZero();
            }
        }
    }

    @Test
    void theTargetsOwnDatabaseIsNeverAScratchDatabase() {
        try (TestDatabase live = TestDatabase.create("scratch_self")) {
            live.execute("CREATE TABLE keep (id int)");
            ConnectionSpec spec = ConnectionSpec.ofUrl("url", live.jdbcUrl());
            assertThatThrownBy(() -> ScratchDatabase.open("pg", spec, spec)).isInstanceOf(BadInputException.class)
                    .hasMessageContaining("scratch_url names the target's own database");
            assertThat(live.column("SELECT count(*) FROM pg_class WHERE relname = 'keep'")).containsExactly("1");
        }
    }

    @Test
    void theTargetsOwnDatabaseUnderAnotherUrlIsNeverAScratchDatabase() throws Exception {
        try (TestDatabase live = TestDatabase.create("scratch_alias")) {
            live.execute("CREATE TABLE keep (id int)");
            String alias = live.jdbcUrl().contains("//127.0.0.1:") ? live.jdbcUrl().replace("//127.0.0.1:", "//localhost:")
                    : live.jdbcUrl().replace("//localhost:", "//127.0.0.1:");
            if (alias.equals(live.jdbcUrl())) {
                alias = live.jdbcUrl().replace("/" + live.name() + "?", "/" + live.name() + "?ApplicationName=alias&");
            }
            String scratchUrl = alias;
            assertThatThrownBy(() -> ScratchDatabase.open("pg", ConnectionSpec.ofUrl("scratch_url", scratchUrl),
                    ConnectionSpec.ofUrl("url", live.jdbcUrl()))).isInstanceOf(BadInputException.class)
                    .hasMessageContaining("reaches the target's own database");
            assertThat(live.column("SELECT count(*) FROM pg_class WHERE relname = 'keep'")).containsExactly("1");
        }
        // A server that serves one database whatever the name (PGlite): another name is the same database.
        String url = TestTimescale.server().jdbcUrl();
        try (Connection c = java.sql.DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS scratch_keep");
            s.execute("CREATE TABLE scratch_keep (id int)");
        }
        String otherName = url.replaceFirst("/postgres\\?", "/another_db?");
        assertThat(otherName).isNotEqualTo(url);
        assertThatThrownBy(() -> ScratchDatabase.open("ts", ConnectionSpec.ofUrl("scratch_url", otherName), ConnectionSpec.ofUrl("url", url)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("reaches the target's own database");
        try (Connection c = java.sql.DriverManager.getConnection(url); Statement s = c.createStatement()) {
            assertThat(count(c, "SELECT count(*) FROM scratch_keep")).isZero();
            s.execute("DROP TABLE scratch_keep");
        }
    }

    @Test
    void anUnreachableServerIsOneLineWithExitCode3() {
        ConnectionSpec nowhere = ConnectionSpec.ofUrl("url", "jdbc:postgresql://127.0.0.1:1/db?user=u&password=hunter22");
        assertThatThrownBy(() -> ScratchDatabase.open("pg", null, nowhere)).isInstanceOf(DatabaseException.class)
                .hasMessageStartingWith("target 'pg': cannot connect to the target's server").hasMessageNotContaining("hunter22");
    }

    @Test
    void aServerThatServesOneDatabaseIsRefusedAndLeftAlone() throws Exception {
        String url = TestTimescale.server().jdbcUrl();
        try (Connection c = java.sql.DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS scratch_keep");
            s.execute("CREATE TABLE scratch_keep (id int)");
            s.execute("INSERT INTO scratch_keep VALUES (1)");
        }
        assertThatThrownBy(() -> ScratchDatabase.open("ts", null, ConnectionSpec.ofUrl("url", url)))
                .isInstanceOf(dev.strata.error.StrataException.class).hasMessageContaining("set scratch_url for target 'ts'");
        try (Connection c = java.sql.DriverManager.getConnection(url); Statement s = c.createStatement()) {
            assertThat(count(c, "SELECT count(*) FROM scratch_keep")).isEqualTo(1);
            s.execute("DROP TABLE scratch_keep");
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
