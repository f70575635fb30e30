package dev.strata.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

class SqlScriptTest {

    @TempDir
    Path dir;

    private SqlScript load(String text) throws IOException {
        Files.writeString(dir.resolve("a.sql"), text);
        return (SqlScript) ScriptLoader.load(List.of(dir)).get(0);
    }

    @Test
    void bodySplitsBothPartsWithFileLines() throws IOException {
        SqlScript script = load("""
                -- revision: r1
                -- down_revision:

                -- migrate:upgrade
                CREATE TABLE t (id int);
                -- the index
                CREATE INDEX ix ON t (id);

                -- migrate:downgrade
                DROP TABLE t;
                """);
        assertThat(script.body()).isEqualTo(new ScriptBody(
                List.of(new Statement("CREATE TABLE t (id int)", 5),
                        new Statement("-- the index\nCREATE INDEX ix ON t (id)", 7)),
                List.of(new Statement("DROP TABLE t", 10))));
    }

    @Test
    void missingDowngradeMarkerMeansNoDowngrade() throws IOException {
        SqlScript script = load("-- revision: r1\n-- migrate:upgrade\nSELECT 1;\nSELECT 2");
        assertThat(script.body().upgrade()).extracting(Statement::sql).containsExactly("SELECT 1", "SELECT 2");
        assertThat(script.body().downgrade()).isEmpty();
    }

    @Test
    void emptyPartsHaveNoStatements() throws IOException {
        SqlScript script = load("-- revision: r1\n-- migrate:upgrade\n-- migrate:downgrade");
        assertThat(script.body()).isEqualTo(new ScriptBody(List.of(), List.of()));
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of("-- revision: r\n-- migrate:upgrade\nSELECT 1;\n-- migrate:upgrade\n",
                        4, "second '-- migrate:upgrade' (the first is on line 2)"),
                Arguments.of("-- revision: r\n-- migrate:upgrade\n-- migrate:downgrade\n--migrate:downgrade\n",
                        4, "second '-- migrate:downgrade' (the first is on line 3)"),
                Arguments.of("-- revision: r\n-- migrate:upgrade\n-- migrate:downgrade\n-- migrate:upgrade\n",
                        4, "second '-- migrate:upgrade' (the first is on line 2)"),
                Arguments.of("-- revision: r\n-- migrate:upgrade\n-- migrate:down\n",
                        3, "unknown marker '-- migrate:down'"),
                Arguments.of("-- revision: r\n-- migrate:upgrade\n  -- migrate:upgrade transaction:false\n",
                        3, "unknown marker '-- migrate:upgrade transaction:false'"),
                Arguments.of("-- revision: r\n-- migrate:upgrade\nSELECT 1;\nSELECT 'oops;\n-- migrate:downgrade\nSELECT 2;\n",
                        4, "unterminated quoted string"),
                Arguments.of("-- revision: r\n-- migrate:upgrade\n-- migrate:downgrade\nDO $$ BEGIN\n",
                        4, "unterminated dollar-quoted string ($$)"));
    }

    @ParameterizedTest(name = "line {1}: {2}")
    @MethodSource("badBodies")
    void badBodiesNameFileAndLine(String text, int line, String problem) throws IOException {
        SqlScript script = load(text);
        assertThatThrownBy(script::body)
                .isInstanceOfSatisfying(ScriptException.class, e -> {
                    assertThat(e.file()).isEqualTo(script.path());
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.problem()).startsWith(problem);
                    assertThat(e.getMessage()).startsWith(script.path() + ":" + line + ": " + problem);
                });
    }

    @Test
    void bodyRefusesAHeaderChangedSinceLoading() throws IOException {
        SqlScript script = load("-- revision: r1\n-- migrate:upgrade\nSELECT 1;\n");
        Files.writeString(script.path(), "-- revision: r2\n-- migrate:upgrade\nSELECT 1;\n");
        assertThatThrownBy(script::body)
                .isInstanceOfSatisfying(ScriptException.class, e -> assertThat(e.problem()).contains("header changed"));
    }

    @Test
    void bodyIsReadWhenAskedNotWhenLoaded() throws IOException {
        SqlScript script = load("-- revision: r1\n-- migrate:upgrade\nSELECT 1;\n");
        Files.writeString(script.path(), "-- revision: r1\n-- migrate:upgrade\nSELECT 2;\n");
        assertThat(script.body().upgrade()).containsExactly(new Statement("SELECT 2", 3));
    }

    @Test
    void checksumIsTheChecksumOfTheWholeText() throws IOException {
        SqlScript script = load("-- revision: r1\n-- migrate:upgrade\nSELECT 1;   \n\n");
        assertThat(script.text()).isEqualTo("-- revision: r1\n-- migrate:upgrade\nSELECT 1;   \n\n");
        assertThat(script.checksum()).isEqualTo(Checksum.of("-- revision: r1\n-- migrate:upgrade\nSELECT 1;\n"));
    }
}
