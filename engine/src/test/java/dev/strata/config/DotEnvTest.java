package dev.strata.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DotEnvTest {

    private static Map<String, String> parse(String... lines) {
        return DotEnv.parse(List.of(lines));
    }

    @Test
    void plainLinesCommentsAndExport() {
        assertThat(parse("# a comment", "", "A=1", "export B=two", "  C = three  ", "export\tD=4"))
                .containsExactly(Map.entry("A", "1"), Map.entry("B", "two"), Map.entry("C", "three"), Map.entry("D", "4"));
    }

    @Test
    void anInlineCommentEndsAnUnquotedValueOnlyAfterASpace() {
        assertThat(parse("URL=jdbc:postgresql://db/app # the app's database", "PW=pa#ss", "E= # nothing"))
                .containsExactly(Map.entry("URL", "jdbc:postgresql://db/app"), Map.entry("PW", "pa#ss"), Map.entry("E", ""));
    }

    @Test
    void singleQuotesAreLiteral() {
        assertThat(parse("PW='a #b \\n $c \"d' # comment")).containsEntry("PW", "a #b \\n $c \"d");
    }

    @Test
    void doubleQuotesKnowEscapesAndSpanLines() {
        assertThat(parse("PW=\"a \\\"b\\\" \\\\ \\$x #c\"  # comment")).containsEntry("PW", "a \"b\" \\ $x #c");
        assertThat(parse("KEY=\"line one", "line two\"", "NEXT=1"))
                .containsExactly(Map.entry("KEY", "line one\nline two"), Map.entry("NEXT", "1"));
        assertThat(parse("T=\"tab\\there\\n\"")).containsEntry("T", "tab\there\n");
    }

    @Test
    void badLinesAreNamedByNumber() {
        assertThatThrownBy(() -> parse("A=1", "no equals sign")).isInstanceOfSatisfying(DotEnv.BadLine.class,
                e -> assertThat(e.line).isEqualTo(2));
        assertThatThrownBy(() -> parse("A='open")).hasMessage("the value's single quote is not closed");
        assertThatThrownBy(() -> parse("", "A=\"open", "still open")).isInstanceOfSatisfying(DotEnv.BadLine.class,
                e -> assertThat(e.line).isEqualTo(2)).hasMessage("the value's double quote is not closed");
        assertThatThrownBy(() -> parse("A='x' y")).hasMessageContaining("unexpected text after the quoted value: y");
        assertThatThrownBy(() -> parse("1A=x")).hasMessage("expected KEY=VALUE");
    }
}
