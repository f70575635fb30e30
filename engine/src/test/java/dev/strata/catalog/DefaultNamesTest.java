package dev.strata.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The names PostgreSQL 15 gives unnamed constraints and indexes (each checked against a real server once). */
class DefaultNamesTest {

    @Test
    void shortNames() {
        assertThat(DefaultNames.of("t", List.of(), "pkey")).isEqualTo("t_pkey");
        assertThat(DefaultNames.of("t", List.of("a"), "key")).isEqualTo("t_a_key");
        assertThat(DefaultNames.of("t", List.of("a", "b"), "key")).isEqualTo("t_a_b_key");
        assertThat(DefaultNames.of("t", List.of("a"), "fkey")).isEqualTo("t_a_fkey");
        assertThat(DefaultNames.of("t", List.of("a"), "check")).isEqualTo("t_a_check");
        assertThat(DefaultNames.of("t", List.of(), "check")).isEqualTo("t_check");
        assertThat(DefaultNames.of("t", List.of("a", "b"), "idx")).isEqualTo("t_a_b_idx");
        assertThat(DefaultNames.of("t", List.of("expr"), "idx")).isEqualTo("t_expr_idx");
    }

    @Test
    void longNamesCutTheLongerPartFirstToSixtyThreeBytes() {
        String table = "a".repeat(40);
        String column = "b".repeat(30);
        // 63 - "_" - "_pkey"... here "_key": 63 - 1 - 4 = 58 for both parts; the table (40) is cut to 30? No:
        // the longer is cut one byte at a time until 58: table 40 -> 30 and column 30 -> 28 in turns.
        String name = DefaultNames.of(table, List.of(column), "key");
        assertThat(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSize(63);
        assertThat(name).isEqualTo("a".repeat(29) + "_" + "b".repeat(29) + "_key");
    }

    @Test
    void longTableAlone() {
        String name = DefaultNames.of("t".repeat(70), List.of(), "pkey");
        assertThat(name).isEqualTo("t".repeat(58) + "_pkey");
    }

    @Test
    void manyColumnsStopOnceTheAdditionIsLongEnough() {
        List<String> columns = List.of("c".repeat(40), "d".repeat(40), "e");
        assertThat(DefaultNames.columnPart(columns)).isEqualTo("c".repeat(40) + "_" + "d".repeat(40));
    }

    @Test
    void multibyteCharactersAreNeverSplit() {
        String table = "é".repeat(40); // 80 bytes
        String name = DefaultNames.of(table, List.of(), "pkey");
        assertThat(name).isEqualTo("é".repeat(29) + "_pkey");
    }

    @Test
    void aNumberAfterTheLabelIsStillTheDefault() {
        assertThat(DefaultNames.matches("t_a_idx", "t", List.of("a"), "idx")).isTrue();
        assertThat(DefaultNames.matches("t_a_idx1", "t", List.of("a"), "idx")).isTrue();
        assertThat(DefaultNames.matches("t_a_idx01", "t", List.of("a"), "idx")).isFalse();
        assertThat(DefaultNames.matches("my_index", "t", List.of("a"), "idx")).isFalse();
        assertThat(DefaultNames.matches("t_b_idx", "t", List.of("a"), "idx")).isFalse();
    }
}
