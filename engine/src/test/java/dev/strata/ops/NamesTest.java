package dev.strata.ops;

import static dev.strata.ops.OpsFixture.only;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "users|users",
        "metrics.ping_results|metrics.ping_results",
        "Users|\"Users\"",
        "user|\"user\"",
        "order|\"order\"",
        "time|time",
        "my table|\"my table\"",
        "a\"b|\"a\"\"b\"",
        "`\"a.b\".c`|\"a.b\".c",
        "`\"Odd\"\"Name\"`|\"Odd\"\"Name\"",
        "_x1$|_x1$",
        "1abc|\"1abc\"",
        "café|\"café\""})
    void plainLowerCaseNamesStayBareAndEveryOtherIsQuoted(String written, String rendered) {
        assertThat(Sql.quoted(written)).isEqualTo(rendered);
        assertThat(only(o -> o.dropTable(written)).statements()).containsExactly("DROP TABLE " + rendered);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a..b", ".a", "a.", "\"unterminated", "a.b.c.d", " users"})
    void malformedNamesAreRefused(String written) {
        assertThatThrownBy(() -> Sql.quoted(written)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 100})
    void namesLongerThanPostgresKeepsAreRefused(int length) {
        assertThatThrownBy(() -> Sql.quoted("a".repeat(length))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("63 bytes");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {"lower(email);true", "a + b;false", "lower(a) || upper(b);false", "f(')');true", "(a);false"})
    void indexElementsNeedParenthesesUnlessACall(String sql, boolean call) {
        assertThat(IndexDefinition.isFunctionCall(sql)).isEqualTo(call);
    }
}
