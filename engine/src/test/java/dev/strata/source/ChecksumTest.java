package dev.strata.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChecksumTest {

    private static final String BASE = "-- revision: r\n-- migrate:upgrade\nSELECT 'a  ';\n\nSELECT 2;\n";

    static Stream<Arguments> sameText() {
        return Stream.of(
                Arguments.of("CRLF", BASE.replace("\n", "\r\n")),
                Arguments.of("CR", BASE.replace("\n", "\r")),
                Arguments.of("trailing spaces and tabs", BASE.replace(";\n", "; \t \n").replace("r\n", "r   \n")),
                Arguments.of("BOM", "\uFEFF" + BASE),
                Arguments.of("trailing blank lines", BASE + "\n  \n\t\n"),
                Arguments.of("no final newline", BASE.substring(0, BASE.length() - 1)),
                Arguments.of("all at once", "\uFEFF" + BASE.replace("\n", " \r\n") + "\r\n\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sameText")
    void ignoresChangesThatAreNotChanges(String name, String variant) {
        assertThat(Checksum.normalise(variant)).isEqualTo(BASE);
        assertThat(Checksum.of(variant)).isEqualTo(Checksum.of(BASE));
    }

    @Test
    void realChangesChangeTheChecksum() {
        assertThat(Checksum.of(BASE.replace("SELECT 2", "SELECT 3"))).isNotEqualTo(Checksum.of(BASE));
        // Spaces inside a line, leading white space and blank lines between statements all count.
        assertThat(Checksum.of(BASE.replace("'a  '", "'a '"))).isNotEqualTo(Checksum.of(BASE));
        assertThat(Checksum.of(BASE.replace("SELECT 2", "  SELECT 2"))).isNotEqualTo(Checksum.of(BASE));
        assertThat(Checksum.of(BASE.replace(";\n\n", ";\n"))).isNotEqualTo(Checksum.of(BASE));
        assertThat(Checksum.of("\n" + BASE)).isNotEqualTo(Checksum.of(BASE));
    }

    @Test
    void formatIsVersionThenLowercaseHexSha256() {
        assertThat(Checksum.of(BASE)).matches("v1:[0-9a-f]{64}");
        // sha256 of the empty string: empty and blank texts normalise to nothing.
        String empty = "v1:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        assertThat(Checksum.of("")).isEqualTo(empty);
        assertThat(Checksum.of(" \r\n\n\t")).isEqualTo(empty);
        // sha256("a\n")
        assertThat(Checksum.of("a")).isEqualTo("v1:87428fc522803d31065e7bce3cf03fe475096631e5e07bbd7a0fde60c4cf25c7");
    }

    @Test
    void normaliseEndsNonEmptyTextWithOneNewline() {
        assertThat(Checksum.normalise("a")).isEqualTo("a\n");
        assertThat(Checksum.normalise("a\n\n\n")).isEqualTo("a\n");
        assertThat(Checksum.normalise("\n\na \n b\t\n")).isEqualTo("\n\na\n b\n");
        assertThat(Checksum.normalise("")).isEmpty();
        assertThat(Checksum.normalise("\uFEFF")).isEmpty();
    }
}
