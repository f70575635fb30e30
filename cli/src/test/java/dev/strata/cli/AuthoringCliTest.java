package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Building a two-branch project from the command line alone, as a user would. */
class AuthoringCliTest {

    @TempDir
    Path dir;

    @Test
    void initWritesConfigAndBranchFoldersAndRefusesToRunTwice() throws IOException {
        Cli cli = new Cli(dir);
        Cli.Result r = cli.run("init", "--branch", "postgres", "--branch", "timescale");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Created branches/postgres", "Created branches/timescale", "Created migrate.toml");
        String toml = Files.readString(dir.resolve("migrate.toml"));
        assertThat(toml).contains("locations = [\"branches/postgres\", \"branches/timescale\"]",
                "[targets.timescale]", "dialect = \"timescaledb\"", "branch = \"postgres\"");
        assertThat(dir.resolve("branches/postgres")).isDirectory();

        List<String> before = cli.files();
        Cli.Result again = cli.run("init");
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).startsWith("error: ").contains("migrate.toml already exists");
        assertThat(again.err().lines()).hasSize(1);
        assertThat(cli.files()).isEqualTo(before);
    }

    @Test
    void initSaysWhichExistingFoldersItTakesAndPointsAlembicRevisionsToTheImport() throws IOException {
        Cli cli = new Cli(dir);
        cli.write("migrations/a1_first.sql", Cli.script("a1", "", "", "SELECT 1;", "SELECT 1;"));
        cli.write("migrations/1975ea83b712_create_account.py", "revision = '1975ea83b712'\n");
        Cli.Result r = cli.run("init");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Using the existing folder migrations and its 1 script, now part of the revision graph",
                "Created migrate.toml").doesNotContain("Created migrations");
        assertThat(r.err()).contains("warning: migrations holds 1 .py file: Alembic revisions are not read by Strata;"
                + " convert them with: migrate import alembic migrations");
        assertThat(cli.run("heads").lines()).containsExactly("a1 (head)");
    }

    @Test
    void aRepeatedBranchLabelPutsTheRevisionOnThatBranchAsSeed003Writes() {
        Cli cli = new Cli(dir);
        assertThat(cli.run("init", "-b", "postgres", "-b", "timescale").code()).isZero();
        assertThat(cli.run("-x", "db=timescale", "revision", "-m", "one", "--rev-id", "t1", "--branch-label", "timescale").code()).isZero();
        Cli.Result again = cli.run("-x", "db=timescale", "revision", "-m", "two", "--rev-id", "t2", "--branch-label", "timescale");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("branch label 'timescale' is already declared by revision t1: the new revision goes on that branch");
        assertThat(cli.read("branches/timescale/t2_two.sql")).contains("-- down_revision: t1\n", "-- branch_labels:\n");
        // Without a target, too; and refused where it would contradict the target or --head.
        assertThat(cli.run("revision", "-m", "three", "--rev-id", "t3", "--branch-label", "timescale").code()).isZero();
        assertThat(cli.run("heads").lines()).containsExactly("t3 (timescale) (head)");
        Cli.Result wrong = cli.run("-x", "db=postgres", "revision", "-m", "x", "--rev-id", "x1", "--branch-label", "timescale");
        assertThat(wrong.code()).isEqualTo(2);
        assertThat(wrong.err()).contains("use --head timescale@head (without --branch-label)");
    }

    @Test
    void statusOnABrandNewProjectSaysThereAreNoRevisionsYetNotUnreachable() {
        Cli cli = new Cli(dir);
        assertThat(cli.run("init", "-b", "postgres", "-b", "timescale").code()).isZero();
        Cli.Result r = cli.run("status");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.lines()).containsExactly(
                "postgres   no revisions yet: no script declares branch label 'postgres'; write the first with: migrate --db postgres revision -m MESSAGE",
                "timescale  no revisions yet: no script declares branch label 'timescale'; write the first with: migrate --db timescale revision -m MESSAGE");
        assertThat(cli.run("status", "--json").out()).contains("\"reachable\":null", "\"note\":\"no revisions yet");
        Cli.Result up = cli.run("--db", "postgres", "upgrade", "heads");
        assertThat(up.code()).isEqualTo(2);
        assertThat(up.err()).contains("a new branch starts with: migrate --db postgres revision -m MESSAGE");
    }

    @Test
    void buildsATwoBranchProjectWithRevisionAndMergeAndPrintsTheUpgradeInAlembicsOrder() throws IOException {
        Cli cli = new Cli(dir);
        assertThat(cli.run("init", "-b", "postgres", "-b", "timescale").code()).isZero();

        // The first revision of a target's branch starts that branch; later ones go on its head.
        Cli.Result users = cli.run("--db", "postgres", "revision", "-m", "create users", "--rev-id", "p1");
        assertThat(users.code()).as(users.err()).isZero();
        assertThat(users.out()).contains("starts it").contains("branches/postgres/p1_create_users.sql");
        assertThat(cli.run("-x", "db=postgres", "revision", "-m", "create devices", "--rev-id", "p2").code()).isZero();
        assertThat(cli.run("revision", "-m", "enable timescaledb", "--rev-id", "t1", "--head", "base",
                "--branch-label", "timescale").code()).isZero();
        assertThat(cli.run("revision", "-m", "ping results", "--rev-id", "t2", "--head", "timescale@head").code()).isZero();
        assertThat(cli.run("--db", "postgres", "revision", "-m", "configurations", "--rev-id", "p3").code()).isZero();

        assertThat(dir.resolve("branches/postgres/p2_create_devices.sql")).exists();
        assertThat(dir.resolve("branches/timescale/t2_ping_results.sql")).exists();
        String p2 = Files.readString(dir.resolve("branches/postgres/p2_create_devices.sql"));
        assertThat(p2).contains("-- revision: p2\n", "-- down_revision: p1\n", "-- message: create devices\n",
                "-- migrate:upgrade", "-- migrate:downgrade");

        Cli.Result heads = cli.run("heads");
        assertThat(heads.lines()).containsExactly("p3 (postgres) (head)", "t2 (timescale) (head)");

        // Each target is its own database: with two targets, a run must say which one.
        Cli.Result refused = cli.run("upgrade", "heads", "--sql");
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("several targets", "-x db=NAME");
        assertThat(runningLines(cli.run("upgrade", "postgres@head", "--sql")))
                .containsExactly("-- Running upgrade  -> p1", "-- Running upgrade p1 -> p2", "-- Running upgrade p2 -> p3");
        assertThat(runningLines(cli.run("--db", "timescale", "upgrade", "heads", "--sql")))
                .containsExactly("-- Running upgrade  -> t1", "-- Running upgrade t1 -> t2");

        // One database for the whole graph (a config without targets): Alembic's order, checked with
        // dev/alembic_oracle.py, runs the last head's branch first.
        cli.write("one-db.toml", "[scripts]\nlocations = [\"branches/postgres\", \"branches/timescale\"]\n");
        assertThat(runningLines(cli.run("-c", "one-db.toml", "upgrade", "heads", "--sql"))).containsExactly(
                "-- Running upgrade  -> t1",
                "-- Running upgrade t1 -> t2",
                "-- Running upgrade  -> p1",
                "-- Running upgrade p1 -> p2",
                "-- Running upgrade p2 -> p3");

        Cli.Result merge = cli.run("merge", "heads", "-m", "join branches", "--rev-id", "m1");
        assertThat(merge.code()).as(merge.err()).isZero();
        assertThat(dir.resolve("branches/postgres/m1_join_branches.sql")).exists();
        // A merge point descends from both labelled roots, so it carries both labels, as in Alembic.
        assertThat(cli.run("heads").lines()).containsExactly("m1 (postgres, timescale) (head)");
        assertThat(cli.run("history").lines().get(0))
                .isEqualTo("p3, t2 -> m1 (postgres, timescale) (head) (mergepoint), join branches");

        Cli.Result json = cli.run("merge", "heads", "-m", "nothing to join", "--rev-id", "m2", "--json");
        assertThat(json.code()).as(json.err()).isEqualTo(2); // one head: nothing to merge
        Cli.Result side = cli.run("revision", "-m", "side", "--rev-id", "s1", "--head", "p3", "--splice", "--json");
        assertThat(side.code()).as(side.err()).isZero();
        assertThat(side.out().strip()).isEqualTo("{\"revision\":\"s1\",\"down_revisions\":[\"p3\"],"
                + "\"branch_labels\":[],\"depends_on\":[],\"message\":\"side\",\"file\":\""
                + dir.resolve("branches/postgres/s1_side.sql") + "\"}");
        json = cli.run("merge", "heads", "-m", "join again", "--rev-id", "m2", "--json");
        assertThat(json.code()).as(json.err()).isZero();
        assertThat(json.out().strip()).isEqualTo("{\"revision\":\"m2\",\"down_revisions\":[\"m1\",\"s1\"],"
                + "\"branch_labels\":[],\"depends_on\":[],\"message\":\"join again\",\"file\":\""
                + dir.resolve("branches/postgres/m2_join_again.sql") + "\"}");
    }

    private static java.util.List<String> runningLines(Cli.Result r) {
        assertThat(r.code()).as(r.err()).isZero();
        return r.lines().stream().filter(l -> l.startsWith("-- Running")).toList();
    }

    @Test
    void aTargetRunsOnlyItsBranchAndNotesDependenciesOnTheOtherDatabase() throws IOException {
        Cli cli = new Cli(dir);
        cli.run("init", "-b", "postgres", "-b", "timescale");
        cli.run("--db", "postgres", "revision", "-m", "devices", "--rev-id", "p1");
        cli.run("--db", "timescale", "revision", "-m", "metrics", "--rev-id", "t1");
        cli.run("--db", "timescale", "revision", "-m", "per device", "--rev-id", "t2", "--depends-on", "postgres");
        Cli.Result sql = cli.run("--db", "timescale", "upgrade", "timescale@head", "--sql");
        assertThat(runningLines(sql)).containsExactly("-- Running upgrade  -> t1", "-- Running upgrade t1 -> t2");
        assertThat(sql.out()).contains("-- Revisions of other branches are not run here", "--   t2 needs p1 (postgres)");
        Cli.Result wrong = cli.run("--db", "timescale", "upgrade", "p1", "--sql");
        assertThat(wrong.code()).isEqualTo(2);
        assertThat(wrong.err()).contains("'p1' names p1, which is not on branch 'timescale' of target 'timescale'");
        cli.run("--db", "postgres", "revision", "-m", "more", "--rev-id", "p1abcdef");
        Cli.Result prefix = cli.run("--db", "timescale", "upgrade", "p1ab", "--sql");
        assertThat(prefix.err()).contains("'p1ab' names p1ab, which is not on branch 'timescale'");
        Cli.Result otherHead = cli.run("--db", "timescale", "revision", "-m", "x", "--head", "postgres@head");
        assertThat(otherHead.code()).isEqualTo(2);
        assertThat(otherHead.err()).contains("not on branch 'timescale' of target 'timescale'");
    }

    @Test
    void withASingleTargetMergeHeadsStaysOnItsBranch() throws IOException {
        Cli cli = new Cli(dir);
        cli.write("migrate.toml", "[scripts]\nlocations = [\"m\"]\n[targets.pg]\nurl = \"jdbc:postgresql://h/db\"\nbranch = \"pg\"\n");
        cli.write("m/p1.sql", Cli.script("p1", "", "-- branch_labels: pg\n", "SELECT 1;", ""));
        cli.write("m/p2a.sql", Cli.script("p2a", "p1", "", "SELECT 1;", ""));
        cli.write("m/p2b.sql", Cli.script("p2b", "p1", "", "SELECT 1;", ""));
        cli.write("m/x1.sql", Cli.script("x1", "", "-- branch_labels: other\n", "SELECT 1;", ""));
        Cli.Result r = cli.run("merge", "heads", "-m", "join", "--rev-id", "pm");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readString(dir.resolve("m/pm_join.sql"))).contains("-- down_revision: p2a, p2b\n");
    }

    @Test
    void mergeHeadsWithATargetMergesOnlyThatTargetsBranch() throws IOException {
        Cli cli = new Cli(dir);
        cli.run("init", "-b", "postgres", "-b", "timescale");
        cli.run("--db", "postgres", "revision", "-m", "one", "--rev-id", "p1");
        cli.run("--db", "postgres", "revision", "-m", "two", "--rev-id", "p2");
        cli.run("revision", "--head", "p1", "--splice", "-m", "side", "--rev-id", "p3");
        cli.run("--db", "timescale", "revision", "-m", "metrics", "--rev-id", "t1");
        Cli.Result merge = cli.run("--db", "postgres", "merge", "heads", "-m", "join", "--rev-id", "pm");
        assertThat(merge.code()).as(merge.err()).isZero();
        assertThat(Files.readString(dir.resolve("branches/postgres/pm_join.sql"))).contains("-- down_revision: p2, p3\n");
        assertThat(cli.run("heads").lines()).containsExactly("pm (postgres) (head)", "t1 (timescale) (head)");
    }

    @Test
    void everyCommandHasHelpAndAnUnknownTargetIsAnError() {
        Cli cli = new Cli(dir);
        cli.run("init", "-b", "postgres");
        for (String command : new String[] {"init", "revision", "merge", "upgrade", "downgrade", "heads", "branches", "history", "show", "graph"}) {
            Cli.Result help = cli.run(command, "--help");
            assertThat(help.code()).as(command).isZero();
            assertThat(help.out()).as(command).contains("Usage: migrate " + command);
        }
        Cli.Result r = cli.run("--db", "nosuch", "heads");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no target named 'nosuch'", "targets: postgres");
    }

    @Test
    void offlineCommandsDoNotNeedTheDatabaseVariables() {
        Cli cli = new Cli(dir);
        cli.write("migrate.toml", "[scripts]\nlocations = [\"m\"]\n[targets.pg]\nurl = \"${PG_URL}\"\n");
        cli.write("m/a1.sql", Cli.script("a1", "", "", "SELECT 1;", ""));
        assertThat(cli.run("heads").code()).isZero();
        assertThat(runningLines(cli.run("upgrade", "heads", "--sql"))).containsExactly("-- Running upgrade  -> a1");
    }

    @Test
    void revisionOnABranchWithoutTargetUsesHeadAndRefusesWhenThereAreSeveral() throws IOException {
        Cli cli = new Cli(dir);
        cli.run("init", "-b", "a", "-b", "b");
        cli.run("revision", "--head", "base", "--branch-label", "a", "--rev-id", "a1", "-m", "one");
        cli.run("revision", "--head", "base", "--branch-label", "b", "--rev-id", "b1", "-m", "two");
        List<String> before = cli.files();
        Cli.Result r = cli.run("revision", "-m", "three");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("'head' is ambiguous", "a1, b1", "a@head", "b@head", "'heads'");
        assertThat(cli.files()).isEqualTo(before);
    }

    @Test
    void spliceIsNeededToBranchFromARevisionThatIsNotAHead() {
        Cli cli = new Cli(dir);
        cli.run("init");
        cli.run("revision", "--rev-id", "aaaa1", "-m", "one");
        cli.run("revision", "--rev-id", "aaaa2", "-m", "two");
        List<String> before = cli.files();
        Cli.Result refused = cli.run("revision", "--head", "aaaa1", "-m", "side");
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("aaaa1 is not a head", "--splice");
        assertThat(cli.files()).isEqualTo(before);
        Cli.Result spliced = cli.run("revision", "--head", "aaaa1", "--splice", "--rev-id", "side1", "-m", "side");
        assertThat(spliced.code()).as(spliced.err()).isZero();
        assertThat(cli.run("branches").out()).contains("aaaa1 (branchpoint)", "-> aaaa2 (head)", "-> side1 (head)");
    }

    @Test
    void dependsOnKeepsLabelsAndResolvesPrefixes() throws IOException {
        Cli cli = new Cli(dir);
        cli.run("init", "-b", "a", "-b", "b");
        cli.run("revision", "--head", "base", "--branch-label", "a", "--rev-id", "a1b2c3", "-m", "one");
        cli.run("revision", "--head", "base", "--branch-label", "b", "--rev-id", "b1", "-m", "two",
                "--depends-on", "a1b2", "--depends-on", "a");
        String b1 = Files.readString(dir.resolve("branches/b/b1_two.sql"));
        assertThat(b1).contains("-- depends_on: a1b2c3, a\n");
    }

    @Test
    void quietPrintsOnlyTheNewId() {
        Cli cli = new Cli(dir);
        cli.run("init");
        Cli.Result r = cli.run("-q", "revision", "--rev-id", "abc123", "-m", "x");
        assertThat(r.out()).isEqualTo("abc123" + System.lineSeparator());
    }

    @Test
    void autogenerateWithoutADesiredSchemaIsRefusedWithAReasonAndWritesNothing() throws IOException {
        Cli cli = new Cli(dir);
        cli.run("init");
        long before;
        try (var files = Files.walk(dir)) {
            before = files.count();
        }
        Cli.Result r = cli.run("--db", "default", "revision", "--autogenerate", "-m", "x");
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("targets.default.desired_schema is not set");
        try (var files = Files.walk(dir)) {
            assertThat(files.count()).isEqualTo(before);
        }
        assertThat(cli.run("revision", "--rename", "public.a=b", "-m", "x").err()).contains("--rename is for --autogenerate");
    }

    @Test
    void revisionJavaWritesATemplateThatCompilesAndRendersOffline() throws IOException {
        Cli cli = new Cli(dir).env("STRATA_CACHE_DIR", dir.resolve("cache").toString());
        assertThat(cli.run("init").code()).isZero();
        assertThat(cli.run("revision", "-m", "create users", "--rev-id", "u1").code()).isZero();
        Cli.Result java = cli.run("revision", "--java", "-m", "add devices", "--rev-id", "d1");
        assertThat(java.code()).as(java.err()).isZero();
        assertThat(java.out()).contains("migrations/Vd1_AddDevices.java");
        Path file = dir.resolve("migrations/Vd1_AddDevices.java");
        Files.writeString(file, Files.readString(file).replaceFirst("        // op.createTable.*",
                "        op.createTable(\"devices\", t -> t.column(\"id\", \"bigint\", c -> c.primaryKey()));"));

        assertThat(cli.run("heads").lines()).containsExactly("d1 (head)");
        Cli.Result up = cli.run("upgrade", "head", "--sql");
        assertThat(up.code()).as(up.err()).isZero();
        assertThat(up.out()).contains("-- Running upgrade u1 -> d1\n", "-- create_table devices\nCREATE TABLE devices (id bigint");
        Cli.Result down = cli.run("downgrade", "d1:u1", "--sql");
        assertThat(down.code()).as(down.err()).isZero();
        assertThat(down.out()).contains("-- drop_table devices\nDROP TABLE devices;");

        Cli.Result both = cli.run("revision", "--java", "--sql", "-m", "x");
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).isEqualTo("error: --sql and --java exclude each other: a revision is one file\n");
    }
}
