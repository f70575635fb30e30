package dev.strata.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.graph.Revision;
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

class ScriptWriterTest {

    @TempDir
    Path dir;

    private static NewScript script(String revision, String message) {
        return new NewScript(revision, List.of(), List.of(), List.of(), message, null, true, "", "");
    }

    private static final NewScript FULL = new NewScript("3f2a9c1d7e4b", List.of("1a2b3c4d5e6f", "0000aaaa1111"),
            List.of("timescale"), List.of("base.1", "other_2"), "add ping_results hypertable", "2026-11-21 10:00:00",
            false,
            "CREATE TABLE ping_results (time timestamptz NOT NULL);\nSELECT create_hypertable('ping_results', 'time');\n",
            "DROP TABLE ping_results;");

    @Test
    void rendersTheDocumentedFormat() {
        assertThat(ScriptWriter.render(FULL)).isEqualTo("""
                -- revision: 3f2a9c1d7e4b
                -- down_revision: 1a2b3c4d5e6f, 0000aaaa1111
                -- branch_labels: timescale
                -- depends_on: base.1, other_2
                -- message: add ping_results hypertable
                -- create_date: 2026-11-21 10:00:00
                -- transactional: false

                -- migrate:upgrade
                CREATE TABLE ping_results (time timestamptz NOT NULL);
                SELECT create_hypertable('ping_results', 'time');

                -- migrate:downgrade
                DROP TABLE ping_results;
                """);
        assertThat(ScriptWriter.render(script("abc", ""))).isEqualTo("""
                -- revision: abc
                -- down_revision:
                -- branch_labels:
                -- depends_on:
                -- message:
                -- create_date:
                -- transactional: true

                -- migrate:upgrade

                -- migrate:downgrade
                """);
    }

    @Test
    void writtenScriptLoadsBackAsTheSameRevisionAndBody() {
        Path path = ScriptWriter.write(dir, FULL);
        assertThat(path).isEqualTo(dir.resolve("3f2a9c1d7e4b_add_ping_results_hypertable.sql"));

        List<Script> loaded = ScriptLoader.load(List.of(dir));
        assertThat(loaded).hasSize(1);
        SqlScript script = (SqlScript) loaded.get(0);
        assertThat(script.revision()).isEqualTo(new Revision(FULL.revision(), FULL.downRevisions(),
                FULL.branchLabels(), FULL.dependsOn(), FULL.message(), FULL.createDate(), FULL.transactional(),
                path.toString()));
        assertThat(script.body()).isEqualTo(new ScriptBody(
                List.of(new Statement("CREATE TABLE ping_results (time timestamptz NOT NULL)", 10),
                        new Statement("SELECT create_hypertable('ping_results', 'time')", 11)),
                List.of(new Statement("DROP TABLE ping_results", 14))));
        // Written text is already normal, so its checksum is stable from the first commit on.
        assertThat(Checksum.normalise(script.text())).isEqualTo(script.text());
    }

    @Test
    void minimalScriptRoundTrips() {
        ScriptWriter.write(dir, script("r1", ""));
        Revision r = ScriptLoader.load(List.of(dir)).get(0).revision();
        assertThat(r).isEqualTo(new Revision("r1", List.of(), List.of(), List.of(), "", null, true,
                dir.resolve("r1.sql").toString()));
    }

    static Stream<Arguments> slugs() {
        return Stream.of(
                Arguments.of("add ping_results hypertable", "abc_add_ping_results_hypertable.sql"),
                Arguments.of("  Add: Users (v2)!! ", "abc_add_users_v2.sql"),
                Arguments.of("Ünïcode → ascii", "abc_n_code_ascii.sql"),
                Arguments.of("", "abc.sql"),
                Arguments.of("!!! ??? ", "abc.sql"),
                Arguments.of("a".repeat(50), "abc_" + "a".repeat(40) + ".sql"),
                // Cut at 40 lands just after a separator: trimmed again.
                Arguments.of("b".repeat(39) + " cdef", "abc_" + "b".repeat(39) + ".sql"));
    }

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @MethodSource("slugs")
    void fileNameSlugsTheMessage(String message, String expected) {
        assertThat(ScriptWriter.fileName(script("abc", message))).isEqualTo(expected);
    }

    @Test
    void refusesToOverwriteAndLeavesNothingBehind() throws IOException {
        Path first = ScriptWriter.write(dir, script("r1", "first"));
        String before = Files.readString(first);

        NewScript again = new NewScript("r1", List.of("zz"), List.of(), List.of(), "first", null, true, "SELECT 1;", "");
        assertThatThrownBy(() -> ScriptWriter.write(dir, again))
                .isInstanceOfSatisfying(ScriptException.class, e -> {
                    assertThat(e.file()).isEqualTo(first);
                    assertThat(e.getMessage()).isEqualTo(first + ": already exists; not overwritten");
                });

        assertThat(Files.readString(first)).isEqualTo(before);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(first);
        }
    }

    @Test
    void missingFolderIsNamedAndNothingIsCreated() {
        Path missing = dir.resolve("no/such/folder");
        assertThatThrownBy(() -> ScriptWriter.write(missing, script("r1", "x")))
                .isInstanceOfSatisfying(ScriptException.class, e -> {
                    assertThat(e.file()).isEqualTo(missing);
                    assertThat(e.getMessage()).doesNotContain("Exception");
                });
        assertThat(dir.resolve("no")).doesNotExist();
    }

    static Stream<Arguments> unwritable() {
        return Stream.of(
                Arguments.of(script("not valid!", "x"), "invalid revision id 'not valid!' for revision"),
                Arguments.of(new NewScript("r", List.of("a b"), List.of(), List.of(), "", null, true, "", ""),
                        "invalid revision id 'a b' for down_revision"),
                Arguments.of(new NewScript("r", List.of(), List.of(), List.of("x@head"), "", null, true, "", ""),
                        "invalid revision id 'x@head' for depends_on"),
                Arguments.of(new NewScript("r", List.of(), List.of("a,b"), List.of(), "", null, true, "", ""),
                        "branch label 'a,b'"),
                Arguments.of(script("r", "two\nlines"), "message must be a single line"),
                Arguments.of(new NewScript("r", List.of(), List.of(), List.of(), "", "2026\n", true, "", ""),
                        "create_date must be a single line"),
                Arguments.of(new NewScript("r", List.of(), List.of(), List.of(), "", null, true,
                        "SELECT 1;\n-- migrate:downgrade\nSELECT 2;", ""), "upgrade SQL holds a '-- migrate:' marker"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("unwritable")
    void refusesScriptsThatWouldNotReadBack(NewScript s, String problem) throws IOException {
        assertThatThrownBy(() -> ScriptWriter.write(dir, s))
                .isInstanceOfSatisfying(ScriptException.class, e -> assertThat(e.problem()).startsWith(problem));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
