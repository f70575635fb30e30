package dev.strata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad input gets one line naming the file (and line) or the ids, exit code 2, no stack
 * trace, and nothing written.
 */
class BadInputCliTest {

    @TempDir
    Path dir;

    private Cli project(String... scripts) {
        Cli cli = new Cli(dir);
        cli.write("migrate.toml", "[scripts]\nlocations = [\"m\"]\n");
        try {
            Files.createDirectories(dir.resolve("m"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        for (int i = 0; i + 1 < scripts.length; i += 2) {
            cli.write("m/" + scripts[i], scripts[i + 1]);
        }
        return cli;
    }

    private static void assertOneLineError(Cli.Result r, String... fragments) {
        assertThat(r.code()).as("exit code; stderr: %s", r.err()).isEqualTo(2);
        assertThat(r.err().lines().toList()).as("stderr").hasSize(1);
        assertThat(r.err()).startsWith("error: ").contains(fragments).doesNotContain("Exception", "\tat ");
        assertThat(r.out()).isEmpty();
    }

    static Stream<Arguments> badScripts() {
        return Stream.of(
                Arguments.of("malformed header line",
                        List.of("a1_x.sql", "-- revision: a1\n-- down_revision a0\n\n-- migrate:upgrade\nSELECT 1;\n"),
                        List.of("a1_x.sql:2", "malformed header line")),
                Arguments.of("unknown header key",
                        List.of("a1_x.sql", "-- revision: a1\n-- down_revison: a0\n\n-- migrate:upgrade\nSELECT 1;\n"),
                        List.of("a1_x.sql:2", "down_revison")),
                Arguments.of("missing revision",
                        List.of("a1_x.sql", "-- down_revision:\n-- message: hi\n\n-- migrate:upgrade\nSELECT 1;\n"),
                        List.of("a1_x.sql", "revision")),
                Arguments.of("two files with one id",
                        List.of("a1_x.sql", Cli.script("a1", "", "", "SELECT 1;", ""),
                                "a1_y.sql", Cli.script("a1", "", "", "SELECT 2;", "")),
                        List.of("a1 is declared twice", "a1_x.sql", "a1_y.sql")),
                Arguments.of("missing down revision",
                        List.of("b1_x.sql", Cli.script("b1", "zz9", "", "SELECT 1;", "")),
                        List.of("b1_x.sql", "down_revision 'zz9'", "no script declares")),
                Arguments.of("missing dependency",
                        List.of("a1_x.sql", Cli.script("a1", "", "-- depends_on: nope\n", "SELECT 1;", "")),
                        List.of("a1_x.sql", "depends_on 'nope'")),
                Arguments.of("a cycle",
                        List.of("a1_x.sql", Cli.script("a1", "a2", "", "SELECT 1;", ""),
                                "a2_x.sql", Cli.script("a2", "a1", "", "SELECT 1;", "")),
                        List.of("cycle", "a1", "a2")),
                Arguments.of("a label on two revisions",
                        List.of("a1_x.sql", Cli.script("a1", "", "-- branch_labels: core\n", "SELECT 1;", ""),
                                "a2_x.sql", Cli.script("a2", "", "-- branch_labels: core\n", "SELECT 1;", "")),
                        List.of("branch label 'core'", "a1", "a2")),
                Arguments.of("a non-UTF-8 file",
                        List.of("a1_x.sql", "-- revision: a1\n-- message: caf\u00e9\n\n-- migrate:upgrade\nSELECT 1;\n"),
                        List.of("a1_x.sql", "UTF-8")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badScripts")
    void badScriptsAreReportedInOneLine(String name, List<String> files, List<String> fragments) throws IOException {
        Cli cli = project(files.toArray(String[]::new));
        if (name.contains("UTF-8")) {
            Path f = dir.resolve("m/a1_x.sql");
            byte[] bytes = Files.readAllBytes(f);
            byte[] latin1 = new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            Files.write(f, latin1);
        }
        List<String> before = cli.files();
        assertOneLineError(cli.run("heads"), fragments.toArray(String[]::new));
        assertOneLineError(cli.run("upgrade", "heads", "--sql"), fragments.toArray(String[]::new));
        assertOneLineError(cli.run("revision", "-m", "more"), fragments.toArray(String[]::new));
        assertThat(cli.files()).isEqualTo(before);
    }

    private Cli twoBranches() {
        return project(
                "a1_one.sql", Cli.script("a1aa", "", "-- branch_labels: alpha\n", "SELECT 1;", ""),
                "a2_two.sql", Cli.script("a2aa", "a1aa", "", "SELECT 1;", ""),
                "b1_one.sql", Cli.script("b1bb", "", "-- branch_labels: beta\n", "SELECT 1;", ""));
    }

    @Test
    void versionAloneNamesTheToolAndHelpStillListsEveryCommand() {
        Cli cli = new Cli(dir);
        for (String flag : new String[] {"--version", "-V"}) {
            Cli.Result r = cli.run(flag);
            assertThat(r.code()).isZero();
            assertThat(r.out()).startsWith("strata ");
        }
        Cli.Result help = cli.run("--help");
        assertThat(help.code()).isZero();
        for (String command : MigrateCommand.COMMANDS.keySet()) {
            assertThat(help.out()).contains("  " + command + " ");
        }
    }

    @Test
    void unknownLabel() {
        assertOneLineError(twoBranches().run("upgrade", "gamma@head", "--sql"), "gamma", "alpha, beta");
    }

    @Test
    void ambiguousPrefixListsTheCandidates() {
        assertOneLineError(twoBranches().run("show", "a"), "'a' is ambiguous", "a1aa, a2aa");
    }

    @Test
    void headWithSeveralHeadsSuggestsHeadsAndLabels() {
        assertOneLineError(twoBranches().run("upgrade", "head", "--sql"), "2 heads", "a2aa, b1bb", "alpha@head", "beta@head", "'heads'");
    }

    @Test
    void relativeStepPastTheEnd() {
        assertOneLineError(twoBranches().run("upgrade", "alpha@+5", "--sql"), "alpha@+5", "past the end");
    }

    @Test
    void unknownRevision() {
        assertOneLineError(twoBranches().run("show", "zzzz"), "zzzz", "known heads: a2aa, b1bb");
    }

    @Test
    void badExpression() {
        assertOneLineError(twoBranches().run("upgrade", "a b c", "--sql"), "is not a revision expression");
    }

    @Test
    void missingLocationFolder() {
        Cli cli = new Cli(dir);
        cli.write("migrate.toml", "[scripts]\nlocations = [\"nowhere\"]\n");
        assertOneLineError(cli.run("heads"), "nowhere");
    }

    @Test
    void locationThatIsAFile() {
        Cli cli = new Cli(dir);
        cli.write("migrate.toml", "[scripts]\nlocations = [\"m\"]\n");
        cli.write("m", "not a folder");
        assertOneLineError(cli.run("heads"), "m");
    }

    @Test
    void unknownConfigKeyIsNamed() {
        Cli cli = new Cli(dir);
        cli.write("migrate.toml", "[scripts]\nlocations = [\"m\"]\n[targets.pg]\nurl = \"jdbc:postgresql://h/db\"\nbrnach = \"x\"\n");
        assertOneLineError(cli.run("heads"), "targets.pg.brnach", "unknown key");
    }

    @Test
    void missingConfig() {
        assertOneLineError(new Cli(dir).run("heads"), "migrate.toml", "migrate init");
    }

    @Test
    void passwordsInABadUrlAreMasked() {
        Cli cli = new Cli(dir);
        cli.write("migrate.toml", "[scripts]\nlocations = [\"m\"]\n[targets.pg]\nurl = \"mysql://app:s3cret@h/db\"\n");
        Cli.Result r = cli.run("heads");
        assertOneLineError(r, "targets.pg.url", "app:***@h");
        assertThat(r.err()).doesNotContain("s3cret");
    }

    static Stream<Arguments> unreadableUrls() {
        return Stream.of(
                Arguments.of("postgresql://app:s3cr/et@127.0.0.1:abc/db", "targets.pg.url: the port of host '127.0.0.1' is not a number: 'abc'"),
                Arguments.of("postgresql://app:s3cr/et@127.0.0.1:99999/db", "targets.pg.url: the port of host '127.0.0.1' is out of range: 99999"),
                Arguments.of("jdbc:postgresql://127.0.0.1:0/db?password=s3cr%2Fet", "out of range: 0"),
                Arguments.of("postgresql://app:s3%zzcr@127.0.0.1/db", "targets.pg.url: the password has a bad %-escape"),
                Arguments.of("postgresql://app:s3cr?et@127.0.0.1/db", "targets.pg.url: the user-info holds a '?'"),
                Arguments.of("postgresql://app:s3cr/et@/db", "targets.pg.url: 'postgresql://app:***@/db' names no TCP host"),
                Arguments.of("postgresql://app:s3cr/et@h1,:5433/db", "targets.pg.url: a host is missing"));
    }

    @ParameterizedTest
    @MethodSource("unreadableUrls")
    void anUnreadableUrlIsBadInputInOneLineWithoutThePassword(String url, String message) {
        Cli cli = new Cli(dir).env("PG_URL", url);
        cli.write("migrate.toml", "[scripts]\nlocations = [\"m\"]\n[targets.pg]\nurl = \"${PG_URL}\"\n");
        cli.write("m/a1.sql", Cli.script("a1", "", "", "SELECT 1;", ""));
        for (String[] args : List.of(new String[] {"current"}, new String[] {"-v", "upgrade", "heads"}, new String[] {"current", "-v"})) {
            Cli.Result r = cli.run(args);
            assertOneLineError(r, message);
            assertThat(r.err()).doesNotContain("s3", "cr/", "zz", "internal");
        }
        Cli.Result status = cli.run("status", "--json");
        assertThat(status.out()).contains(message).doesNotContain("s3", "cr/", "zz");
    }

    @Test
    void aBadUrlIsCaughtEvenWhenAnotherConnectionSettingIsUnset() {
        Cli cli = new Cli(dir);
        cli.write("migrate.toml", "[scripts]\nlocations = [\"m\"]\n[targets.pg]\nurl = \"mysql://app:s3cret@h/db\"\nuser = \"${PG_USER}\"\n");
        assertOneLineError(cli.run("heads"), "targets.pg.url", "is not a PostgreSQL URL");
    }

    @Test
    void statusWithoutTargetsSaysSoAndItsJsonStaysJson() {
        Cli cli = project("a1_x.sql", Cli.script("a1", "", "", "SELECT 1;", ""));
        Cli.Result text = cli.run("status");
        assertThat(text.code()).isZero();
        assertThat(text.out()).contains("No targets are configured");
        assertThat(cli.run("status", "--json").out().strip()).isEqualTo("[]");
    }

    @Test
    void anOptionAnotherCommandTakesIsNotTakenForARevision() {
        assertOneLineError(twoBranches().run("stamp", "heads", "--allow-changed"), "'--allow-changed' is not a revision expression, nor an option of this command");
    }

    @Test
    void initChecksItsOptionsToo() {
        assertOneLineError(new Cli(dir).run("-x", "foo=bar", "init"), "-x foo", "unknown key");
        assertOneLineError(new Cli(dir).run("--db", "x", "init"), "do not apply");
        assertThat(new Cli(dir).files()).isEmpty();
    }

    @Test
    void usageErrorsExitWithTwo() {
        Cli.Result r = twoBranches().run("upgrade");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("REVISION");
        assertThat(twoBranches().run("frobnicate").code()).isEqualTo(2);
        assertThat(twoBranches().run("-x", "color=blue", "heads").err()).contains("unknown key");
    }

    @Test
    void revisionWithAnExistingIdWritesNothing() {
        Cli cli = twoBranches();
        List<String> before = cli.files();
        assertOneLineError(cli.run("revision", "--head", "alpha@head", "--rev-id", "b1bb", "-m", "dup"), "b1bb already exists");
        assertOneLineError(cli.run("revision", "--head", "base", "--branch-label", "beta", "-m", "dup"),
                "branch label 'beta' is already declared by revision b1bb", "--head beta@head");
        assertOneLineError(cli.run("merge", "a2aa", "-m", "lonely"), "two or more");
        assertOneLineError(cli.run("merge", "a1aa", "b1bb", "-m", "not heads"), "a1aa is not a head", "a merge joins heads");
        assertThat(cli.files()).isEqualTo(before);
    }

    @Test
    void stacktraceOnlyWhenAsked() {
        Cli.Result r = twoBranches().run("--stacktrace", "show", "zzzz");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("\tat ");
    }
}
