package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Switching from Alembic, against Debian's python3-alembic and the real PostgreSQL: an Alembic project
 * with two branches, a merge, a cross-branch depends_on, a concurrent index and an irreversible
 * downgrade is imported; Strata then builds the same schema Alembic's own offline script builds, and
 * takes over a database Alembic migrated.
 */
class AlembicImportCliIT {

    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path dir;

    TestDatabase strataDb;
    TestDatabase alembicDb;
    Cli cli;
    Path alembic;

    @BeforeEach
    void projects() throws IOException {
        strataDb = TestDatabase.create("alembic_strata");
        alembicDb = TestDatabase.create("alembic_own");
        alembic = dir.resolve("legacy");
        writeAlembicProject(alembic);
        cli = new Cli(dir.resolve("new")).env("APP_URL", strataDb.jdbcUrl()).env("OLD_URL", alembicDb.jdbcUrl());
        cli.write("migrate.toml", "[scripts]\nlocations = [\"branches/postgres\", \"branches/reports\"]\n"
                + "[targets.app]\nurl = \"${APP_URL}\"\n[targets.old]\nurl = \"${OLD_URL}\"\n");
        cli.write("branches/postgres/.keep", "");
        cli.write("branches/reports/.keep", "");
    }

    @AfterEach
    void drop() {
        strataDb.close();
        alembicDb.close();
    }

    @Test
    void importsEveryRevisionWithItsGraphAndAlembicsOwnSql() throws Exception {
        Cli.Result r = cli.run("import", "alembic", alembic.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Imported 6 revisions");
        assertThat(r.err()).contains("revision a3: downgrade() left to write (NotImplementedError: the index stays)");
        assertThat(cli.files()).contains("branches/postgres/a1_create_users.sql", "branches/postgres/a2_add_email.sql",
                "branches/postgres/b1_create_orders.sql", "branches/postgres/m1_merge_email_and_orders.sql",
                "branches/postgres/a3_index_email_concurrently.sql", "branches/reports/r1_reports_need_orders.sql");

        String merge = cli.read("branches/postgres/m1_merge_email_and_orders.sql");
        assertThat(merge).contains("-- down_revision: a2, b1\n");
        String reports = cli.read("branches/reports/r1_reports_need_orders.sql");
        assertThat(reports).contains("-- branch_labels: reports\n", "-- depends_on: b1\n", "-- create_date: 2026-02-19 10:00:00\n");
        String index = cli.read("branches/postgres/a3_index_email_concurrently.sql");
        assertThat(index).contains("-- transactional: false\n", "CREATE INDEX CONCURRENTLY ix_users_email ON users (email)",
                "RAISE EXCEPTION");

        assertThat(cli.run("heads").out()).contains("a3", "r1");
        Cli.Result up = cli.run("--db", "app", "upgrade", "heads");
        assertThat(up.code()).as(up.err()).isZero();

        // The same schema as Alembic's own offline script builds.
        applyAlembicsOfflineScript();
        assertThat(schema(strataDb)).isNotEmpty().isEqualTo(schema(alembicDb));

        // An irreversible downgrade refuses, naming what to write, and leaves the database where it was.
        Cli.Result down = cli.run("--db", "app", "downgrade", "m1");
        assertThat(down.code()).isEqualTo(4);
        assertThat(down.err()).contains("was imported from Alembic without its SQL");
        assertThat(strataDb.column("SELECT version_num FROM strata_version ORDER BY 1")).containsExactly("a3", "r1");
    }

    @Test
    void takesOverADatabaseAlembicMigrated() throws Exception {
        assertThat(cli.run("import", "alembic", alembic.resolve("alembic.ini").getParent().toString()).code()).isZero();
        applyAlembicsOfflineScript();
        assertThat(cli.run("--db", "old", "check").code()).as("before: Strata knows nothing of it").isEqualTo(1);
        Cli.Result stamp = cli.run("--db", "old", "stamp", "--from-alembic");
        assertThat(stamp.code()).as(stamp.err()).isZero();
        assertThat(stamp.out()).contains("-> a3, r1 (from alembic_version)");
        assertThat(alembicDb.column("SELECT version_num FROM strata_version ORDER BY 1")).containsExactly("a3", "r1");
        assertThat(alembicDb.column("SELECT version_num FROM alembic_version ORDER BY 1")).as("left alone").containsExactly("a3", "r1");
        assertThat(cli.run("--db", "old", "check").code()).isZero();
        assertThat(alembicDb.column("SELECT outcome FROM strata_history")).containsOnly("stamped");

        Cli.Result noTable = cli.run("--db", "app", "stamp", "--from-alembic");
        assertThat(noTable.code()).isEqualTo(2);
        assertThat(noTable.err()).contains("has no table alembic_version");
    }

    @Test
    void withoutAlembicTheHeadersConvertAndTheBodiesRefuseToRun() {
        Cli.Result r = cli.run("import", "alembic", alembic.resolve("migrations/versions").toString(), "--python", "/bin/false");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("--python /bin/false cannot import alembic: headers converted");
        assertThat(cli.read("branches/postgres/a1_create_users.sql")).contains("-- TODO: write the SQL of a1_create_users.py's upgrade()");
        Cli.Result up = cli.run("--db", "app", "upgrade", "heads");
        assertThat(up.code()).isEqualTo(4);
        assertThat(up.err()).contains("the upgrade of revision a1 was imported from Alembic without its SQL");
        assertThat(strataDb.column("SELECT count(*) FROM strata_version")).containsExactly("0");
    }

    @Test
    void jsonListsTheFilesWrittenAndTheNotes() {
        Cli.Result r = cli.run("import", "alembic", alembic.resolve("migrations/versions").toString(), "--python", "/bin/false",
                "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.lines()).hasSize(1);
        assertThat(r.out()).startsWith("{\"written\":[").contains("a1_create_users.sql", "\"notes\":[\"--python /bin/false cannot import alembic");
        assertThat(r.err()).doesNotContain("Generating");
    }

    @Test
    void aRevisionAlreadyInTheProjectStopsTheImportBeforeAnythingIsWritten() {
        cli.write("branches/postgres/b1_mine.sql", Cli.script("b1", "", "", "SELECT 1;", ""));
        Cli.Result r = cli.run("import", "alembic", alembic.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("revision b1", "already in this project", "nothing was imported");
        assertThat(cli.files()).doesNotContain("branches/postgres/a1_create_users.sql");
    }

    private void applyAlembicsOfflineScript() throws Exception {
        Process p = new ProcessBuilder(PYTHON, "-m", "alembic", "-c", "alembic.ini", "upgrade", "heads", "--sql")
                .directory(alembic.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String sql = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(sql).isZero();
        try (Connection c = alembicDb.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Tables, columns and indexes, Strata's and Alembic's own tables left out. */
    private static List<String> schema(TestDatabase db) {
        return db.column("SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable"
                + " FROM information_schema.columns WHERE table_schema = 'public'"
                + " AND table_name NOT IN ('strata_version', 'strata_history', 'alembic_version')"
                + " UNION ALL SELECT indexdef FROM pg_indexes WHERE schemaname = 'public'"
                + " AND tablename NOT IN ('strata_version', 'strata_history', 'alembic_version') ORDER BY 1");
    }

    private static void writeAlembicProject(Path root) throws IOException {
        Path versions = root.resolve("migrations/versions");
        Files.createDirectories(versions);
        Files.writeString(root.resolve("alembic.ini"), "[alembic]\nscript_location = migrations\n"
                + "sqlalchemy.url = postgresql://app@localhost/app\n");
        Files.writeString(root.resolve("migrations/env.py"), """
                from alembic import context

                context.configure(url=context.config.get_main_option("sqlalchemy.url"), literal_binds=True)
                with context.begin_transaction():
                    context.run_migrations()
                """);
        revision(versions, "a1_create_users", "create users", "a1", "None", "('postgres',)", "None", """
                    op.create_table('users', sa.Column('id', sa.Integer, primary_key=True),
                                    sa.Column('name', sa.String(100), nullable=False))
                """, "    op.drop_table('users')\n");
        revision(versions, "a2_add_email", "add email", "a2", "'a1'", "None", "None",
                "    op.add_column('users', sa.Column('email', sa.String(200)))\n", "    op.drop_column('users', 'email')\n");
        revision(versions, "b1_create_orders", "create orders", "b1", "'a1'", "None", "None", """
                    op.create_table('orders', sa.Column('id', sa.BigInteger, primary_key=True),
                                    sa.Column('user_id', sa.Integer, sa.ForeignKey('users.id', ondelete='CASCADE')),
                                    sa.Column('total', sa.Numeric(10, 2), server_default='0'))
                """, "    op.drop_table('orders')\n");
        revision(versions, "m1_merge", "merge email and orders", "m1", "('a2', 'b1')", "None", "None", "    pass\n", "    pass\n");
        revision(versions, "a3_index", "index email concurrently", "a3", "'m1'", "None", "None", """
                    with op.get_context().autocommit_block():
                        op.create_index('ix_users_email', 'users', ['email'], postgresql_concurrently=True)
                """, "    raise NotImplementedError('the index stays')\n");
        revision(versions, "r1_reports", "reports need orders", "r1", "None", "('reports',)", "'b1'", """
                    op.create_table('report', sa.Column('day', sa.Date, primary_key=True),
                                    sa.Column('orders', sa.Integer, nullable=False))
                """, "    op.drop_table('report')\n");
    }

    private static void revision(Path versions, String file, String message, String id, String down, String labels,
                                 String depends, String upgrade, String downgrade) throws IOException {
        Files.writeString(versions.resolve(file + ".py"), "\"\"\"" + message + "\n\nRevision ID: " + id
                + "\nCreate Date: 2026-02-19 10:00:00.000000\n\n\"\"\"\nfrom alembic import op\nimport sqlalchemy as sa\n\n"
                + "revision = '" + id + "'\ndown_revision = " + down + "\nbranch_labels = " + labels + "\ndepends_on = " + depends
                + "\n\n\ndef upgrade():\n" + upgrade + "\n\ndef downgrade():\n" + downgrade);
    }
}
