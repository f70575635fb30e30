package dev.strata.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.config.ConfigLoader;
import dev.strata.error.BadInputException;
import dev.strata.expr.RevisionExpr;
import dev.strata.plan.Direction;
import dev.strata.source.ScriptException;
import dev.strata.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Java migrations compiled from source and run against a real PostgreSQL, beside SQL scripts. */
class JavaMigrationIT {

    @TempDir
    Path dir;

    TestDatabase db;
    final RecordingOutput out = new RecordingOutput();
    final List<String> lines = out.lines;

    @BeforeEach
    void project() throws IOException {
        db = TestDatabase.create("java");
        Files.createDirectories(dir.resolve("m"));
        Files.writeString(dir.resolve("migrate.toml"), "[scripts]\nlocations = [\"m\"]\n[targets.app]\nurl = \"${TEST_URL}\"\n");
        Files.writeString(dir.resolve("m/a1_users.sql"), """
                -- revision: a1
                -- down_revision:
                -- message: users

                -- migrate:upgrade
                CREATE TABLE users (id int PRIMARY KEY);

                -- migrate:downgrade
                DROP TABLE users;
                """);
        Files.writeString(dir.resolve("m/Va2_Devices.java"), """
                import dev.strata.ops.JavaMigration;
                import dev.strata.ops.Migration;
                import dev.strata.ops.Ops;

                @Migration(revision = "a2", downRevision = "a1", message = "devices")
                public class Va2_Devices implements JavaMigration {
                    @Override
                    public void upgrade(Ops op) {
                        op.execute("CREATE TABLE devices (id int PRIMARY KEY, owner int REFERENCES users)");
                        op.execute("INSERT INTO users VALUES (1)");
                    }

                    @Override
                    public void downgrade(Ops op) {
                        op.execute("DELETE FROM users WHERE id = 1");
                        op.execute("DROP TABLE devices");
                    }
                }
                """);
    }

    @AfterEach
    void drop() {
        db.close();
    }

    private Online online() {
        var config = new ConfigLoader(Map.of("TEST_URL", db.jdbcUrl())).load(dir.resolve("migrate.toml"));
        return new Online(Project.open(config, dir.resolve("cache")), config.target("app"));
    }

    private List<Path> cachedClasses() throws IOException {
        try (Stream<Path> files = Files.walk(dir.resolve("cache"))) {
            return files.filter(f -> f.toString().endsWith(".class")).toList();
        }
    }

    @Test
    void compilesRunsAndRecordsAJavaMigrationThenReusesTheCache() throws Exception {
        online().move(Direction.UPGRADE, RevisionExpr.parse("head"), Online.Options.defaults(), out);
        assertThat(lines).containsSubsequence("Running upgrade  -> a1, users", "Running upgrade a1 -> a2, devices");
        assertThat(db.column("SELECT owner IS NULL FROM devices UNION ALL SELECT count(*) = 1 FROM users")).containsExactly("t");
        assertThat(db.column("SELECT version_num FROM strata_version")).containsExactly("a2");
        // The checksum covers the rendered statements.
        assertThat(db.column("SELECT checksum FROM strata_history WHERE revision = 'a2'")).singleElement()
                .asString().startsWith("v1:");
        List<Path> classes = cachedClasses();
        assertThat(classes).hasSize(1);
        // The rendered checksum is kept beside the class, so later runs verify it without rendering.
        assertThat(Files.readString(classes.get(0).resolveSibling("strata.checksum")).strip())
                .isEqualTo(db.column("SELECT checksum FROM strata_history WHERE revision = 'a2'").get(0));
        long compiledAt = Files.getLastModifiedTime(classes.get(0)).toMillis();

        lines.clear();
        online().move(Direction.DOWNGRADE, RevisionExpr.parse("base"), Online.Options.defaults(), out);
        assertThat(lines).containsSubsequence("Running downgrade a2 -> a1, devices", "Running downgrade a1 -> , users");
        assertThat(db.column("SELECT count(*) FROM pg_tables WHERE tablename IN ('users', 'devices')")).containsExactly("0");
        // Second run: the cached class, not a new compilation.
        assertThat(cachedClasses()).containsExactly(classes.get(0));
        assertThat(Files.getLastModifiedTime(classes.get(0)).toMillis()).isEqualTo(compiledAt);
    }

    @Test
    void aCompileErrorNamesFileAndLineAndRunsNothing() throws Exception {
        Path file = dir.resolve("m/Va2_Devices.java");
        Files.writeString(file, Files.readString(file).replace("op.execute(\"INSERT INTO users VALUES (1)\");", "op.nosuch();"));
        assertThatThrownBy(() -> online().move(Direction.UPGRADE, RevisionExpr.parse("head"), Online.Options.defaults(), out))
                .isInstanceOf(ScriptException.class)
                .hasMessageStartingWith(file + ":10: does not compile");
        assertThat(db.column("SELECT count(*) FROM pg_tables WHERE tablename = 'users'")).containsExactly("0");
    }

    @Test
    void aMigrationWithoutAnInverseCannotBeDowngradedAndSaysWhyBeforeAnythingRuns() throws Exception {
        Path file = dir.resolve("m/Va2_Devices.java");
        String text = Files.readString(file);
        Files.writeString(file, text.substring(0, text.indexOf("    @Override\n    public void downgrade")) + "}\n");
        online().move(Direction.UPGRADE, RevisionExpr.parse("head"), Online.Options.defaults(), out);
        assertThat(lines).anyMatch(l -> l.startsWith("Note: revision a2 cannot be downgraded: its downgrade cannot be generated"));
        assertThatThrownBy(() -> online().move(Direction.DOWNGRADE, RevisionExpr.parse("base"), Online.Options.defaults(), out))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("revision a2 (" + file + ") cannot be downgraded")
                .hasMessageContaining("execute (line 10) cannot be undone")
                .hasMessageContaining("write downgrade(");
        assertThat(db.column("SELECT version_num FROM strata_version")).containsExactly("a2");
    }

    @Test
    void aStatementOutsideTheTransactionThatFailsLeavesTheCommittedPartAndIsRecordedPartial() throws Exception {
        Files.writeString(dir.resolve("m/Va2_Devices.java"), """
                import dev.strata.ops.JavaMigration;
                import dev.strata.ops.Migration;
                import dev.strata.ops.Ops;

                @Migration(revision = "a2", downRevision = "a1", message = "devices")
                public class Va2_Devices implements JavaMigration {
                    @Override
                    public void upgrade(Ops op) {
                        op.execute("CREATE TABLE devices (id int PRIMARY KEY)", "DROP TABLE devices");
                        op.createIndex("ix_devices_missing", "devices", i -> i.columns("missing").concurrently());
                    }
                }
                """);
        assertThatThrownBy(() -> online().move(Direction.UPGRADE, RevisionExpr.parse("head"), Online.Options.defaults(), out))
                .isInstanceOf(dev.strata.run.MigrationFailedException.class)
                .hasMessageContaining("revision a2 failed at statement 2")
                .hasMessageContaining("statement 1 ran and stays applied, as part of the revision runs outside a transaction");
        assertThat(db.column("SELECT count(*) FROM pg_tables WHERE tablename = 'devices'")).containsExactly("1");
        assertThat(db.column("SELECT version_num FROM strata_version")).containsExactly("a1");
        assertThat(db.column("SELECT outcome FROM strata_history WHERE revision = 'a2'")).containsExactly("partial");
    }
}
