package dev.strata.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.error.StrataException;
import dev.strata.graph.Revision;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScriptHeaderTest {

    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private Revision load(String text) throws IOException {
        file("a.sql", text);
        return ScriptLoader.load(List.of(dir)).get(0).revision();
    }

    @Test
    void readsEveryHeaderKey() throws IOException {
        Path path = file("3f2a9c1d7e4b_add_ping_results.sql", """
                -- revision: 3f2a9c1d7e4b
                -- down_revision: 1a2b3c4d5e6f
                -- branch_labels: timescale
                -- depends_on:
                -- message: add ping_results hypertable
                -- create_date: 2026-11-21 10:00:00
                -- transactional: false

                -- migrate:upgrade
                CREATE TABLE ping_results (time timestamptz);

                -- migrate:downgrade
                DROP TABLE ping_results;
                """);
        SqlScript script = (SqlScript) ScriptLoader.load(List.of(dir)).get(0);
        assertThat(script.path()).isEqualTo(path);
        assertThat(script.location()).isEqualTo(dir);
        assertThat(script.revision()).isEqualTo(new Revision("3f2a9c1d7e4b", List.of("1a2b3c4d5e6f"),
                List.of("timescale"), List.of(), "add ping_results hypertable", "2026-11-21 10:00:00", false,
                path.toString()));
    }

    @Test
    void listsAreCommaSeparatedTrimmedAndSkipEmptyEntries() throws IOException {
        Revision r = load("""
                -- revision: m1
                -- down_revision:  a1 ,b2,, c3 ,
                -- branch_labels: pg, timescale
                -- depends_on: x.1, y_2
                -- migrate:upgrade
                """);
        assertThat(r.downRevisions()).containsExactly("a1", "b2", "c3");
        assertThat(r.branchLabels()).containsExactly("pg", "timescale");
        assertThat(r.dependsOn()).containsExactly("x.1", "y_2");
        assertThat(r.isMergePoint()).isTrue();
    }

    @Test
    void blankDownRevisionIsARootAndOmittedKeysTakeDefaults() throws IOException {
        Revision r = load("--revision:r1\n-- down_revision: \t\n-- depends_on:\n-- \n\n   \n-- migrate:upgrade\n");
        assertThat(r.id()).isEqualTo("r1");
        assertThat(r.downRevisions()).isEmpty();
        assertThat(r.branchLabels()).isEmpty();
        assertThat(r.dependsOn()).isEmpty();
        assertThat(r.message()).isEmpty();
        assertThat(r.createDate()).isNull();
        assertThat(r.transactional()).isTrue();
    }

    @Test
    void transactionalIgnoresCase() throws IOException {
        assertThat(load("-- revision: r\n-- transactional: FALSE\n-- migrate:upgrade\n").transactional()).isFalse();
        assertThat(load("-- revision: r\n-- transactional: True\n-- migrate:upgrade\n").transactional()).isTrue();
    }

    @Test
    void markerMayHaveAnySpacingAfterTheDashes() throws IOException {
        assertThat(load("-- revision: r\n--migrate:upgrade\nSELECT 1;\n").id()).isEqualTo("r");
        assertThat(load("-- revision: r\n  --   migrate:upgrade  \n").id()).isEqualTo("r");
    }

    @Test
    void byteOrderMarkAndCrlfAreAccepted() throws IOException {
        Path path = dir.resolve("a.sql");
        Files.write(path, ("\uFEFF-- revision: r1\r\n-- message: with crlf \r\n\r\n-- migrate:upgrade\r\n"
                + "SELECT 1;\r\n\r\n-- migrate:downgrade\r\nSELECT 2;\r\n").getBytes(StandardCharsets.UTF_8));
        SqlScript script = (SqlScript) ScriptLoader.load(List.of(dir)).get(0);
        assertThat(script.revision().id()).isEqualTo("r1");
        assertThat(script.revision().message()).isEqualTo("with crlf");
        assertThat(script.body()).isEqualTo(new ScriptBody(
                List.of(new Statement("SELECT 1", 5)), List.of(new Statement("SELECT 2", 8))));
        assertThat(script.text()).startsWith("-- revision: r1\r\n");
    }

    @Test
    void loneCarriageReturnsBreakLines() throws IOException {
        file("a.sql", "-- revision: r1\r-- migrate:upgrade\rSELECT 1;\r-- migrate:downgrade\rSELECT 2;");
        SqlScript script = (SqlScript) ScriptLoader.load(List.of(dir)).get(0);
        assertThat(script.body()).isEqualTo(new ScriptBody(
                List.of(new Statement("SELECT 1", 3)), List.of(new Statement("SELECT 2", 5))));
    }

    @Test
    void headerLinesLongerThanTheReadBufferAreRead() throws IOException {
        String message = "m".repeat(20_000);
        Revision r = load("-- revision: r\n-- message: " + message + "\n-- migrate:upgrade\n");
        assertThat(r.message()).isEqualTo(message);
    }

    @Test
    void crlfSplitAcrossReadsCountsAsOneLineBreak() throws IOException {
        // "-- revision: r\r\n" is 16 bytes and "-- message: " 12, so this puts the \r at byte 8191,
        // the last of the first read, and its \n in the next.
        String text = "-- revision: r\r\n-- message: " + "x".repeat(8191 - 28) + "\r\nnot a header\r\n-- migrate:upgrade\r\n";
        assertThat(text.indexOf("\r\nnot")).isEqualTo(8191);
        assertThatThrownBy(() -> load(text))
                .isInstanceOfSatisfying(ScriptException.class, e -> assertThat(e.line()).isEqualTo(3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"3f2a9c1d7e4b", "A_b.9", "..", "_", "", " a", "a b", "a-b",
            "a@head", "é", "a\n", "a,b", "ab$"})
    void idCheckAgreesWithRevision(String id) {
        assertThat(Header.isValidId(id)).isEqualTo(Revision.isValidId(id));
    }

    static Stream<Arguments> badHeaders() {
        return Stream.of(
                Arguments.of("SQL before the marker", "-- revision: r\nCREATE TABLE t ();\n-- migrate:upgrade\n",
                        2, "malformed header line 'CREATE TABLE t ();'"),
                Arguments.of("key without colon", "-- revision: r\n-- down_revision 123\n-- migrate:upgrade\n",
                        2, "malformed header line '-- down_revision 123'"),
                Arguments.of("free text comment", "-- revision: r\n-- adds the table\n-- migrate:upgrade\n",
                        2, "malformed header line '-- adds the table'"),
                Arguments.of("unknown key", "-- revision: r\n-- author: me\n-- migrate:upgrade\n",
                        2, "unknown header key 'author' (known: revision, down_revision, branch_labels, depends_on,"
                                + " message, create_date, transactional)"),
                Arguments.of("keys are lower case", "-- Revision: r\n-- migrate:upgrade\n",
                        1, "unknown header key 'Revision'"),
                Arguments.of("key given twice", "-- revision: r\n\n-- revision: s\n-- migrate:upgrade\n",
                        3, "header key 'revision' given twice (first on line 1)"),
                Arguments.of("missing revision", "-- message: m\n-- migrate:upgrade\n",
                        0, "missing 'revision:' header"),
                Arguments.of("empty revision", "-- revision:\n-- migrate:upgrade\n",
                        1, "missing 'revision:' header"),
                Arguments.of("invalid revision id", "-- revision: a-b\n-- migrate:upgrade\n",
                        1, "invalid revision id 'a-b' in revision"),
                Arguments.of("invalid down revision", "-- revision: r\n-- down_revision: a, b c\n-- migrate:upgrade\n",
                        2, "invalid revision id 'b c' in down_revision"),
                Arguments.of("invalid depends_on", "-- revision: r\n-- depends_on: x@head\n-- migrate:upgrade\n",
                        2, "invalid revision id 'x@head' in depends_on"),
                Arguments.of("bad transactional", "-- revision: r\n-- transactional: yes\n-- migrate:upgrade\n",
                        2, "transactional must be true or false, not 'yes'"),
                Arguments.of("no marker", "-- revision: r\n\n",
                        0, "no '-- migrate:upgrade' line"),
                Arguments.of("empty file", "", 0, "no '-- migrate:upgrade' line"),
                Arguments.of("downgrade marker first", "-- revision: r\n-- migrate:downgrade\n-- migrate:upgrade\n",
                        2, "'-- migrate:downgrade' comes before '-- migrate:upgrade'"),
                Arguments.of("unknown marker", "-- revision: r\n-- migrate:up\n",
                        2, "unknown marker '-- migrate:up'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badHeaders")
    void badHeadersNameFileLineAndProblem(String name, String text, int line, String problem) throws IOException {
        Path path = file("a.sql", text);
        assertThatThrownBy(() -> ScriptLoader.load(List.of(dir)))
                .isInstanceOfSatisfying(ScriptException.class, e -> {
                    assertThat(e.file()).isEqualTo(path);
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.problem()).startsWith(problem);
                    assertThat(e.getMessage()).startsWith(line > 0 ? path + ":" + line + ": " : path + ": ")
                            .doesNotContain("\n").doesNotContain("Exception");
                    assertThat(e.kind()).isEqualTo(StrataException.Kind.BAD_INPUT);
                });
    }
}
