package dev.strata.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The URL parser: parts, the display form, and bad URLs as one line that quotes no password. */
class ConnectionUrlTest {

    @Test
    void readsEveryPart() {
        ConnectionUrl url = ConnectionUrl.parse("postgresql://us%40er:p%2Fw@h1:5432,[::1]:5433/my%20db?sslmode=require&password=q%26r");
        assertThat(url.scheme()).isEqualTo("postgresql");
        assertThat(url.user()).isEqualTo("us@er");
        assertThat(url.password()).isEqualTo("p/w");
        assertThat(url.hosts()).isEqualTo("h1:5432,[::1]:5433");
        assertThat(url.database()).isEqualTo("my db");
        assertThat(url.param("sslmode")).isEqualTo("require");
        assertThat(url.param("password")).isEqualTo("q&r");
        assertThat(url.secrets()).containsExactly("p/w", "p%2Fw", "q&r", "q%26r");
        assertThat(url.display()).isEqualTo("postgresql://us%40er:***@h1:5432,[::1]:5433/my%20db?sslmode=require&password=***");
        assertThat(url.toString()).isEqualTo(url.display());
        assertThat(url.written().toString()).doesNotContain("p%2Fw");
    }

    @Test
    void theUserInfoEndsAtTheLastAtSignBeforeTheQuery() {
        ConnectionUrl url = ConnectionUrl.parse("postgresql://u:a@b/c:d e#f@host/db?application_name=x@y");
        assertThat(url.password()).isEqualTo("a@b/c:d e#f");
        assertThat(url.hosts()).isEqualTo("host");
        assertThat(url.param("application_name")).isEqualTo("x@y");
        assertThat(url.display()).isEqualTo("postgresql://u:***@host/db?application_name=x@y");
    }

    @Test
    void plusIsASpaceOnlyWhereTheJdbcDriverReadsItSo() {
        assertThat(ConnectionUrl.parse("postgresql://u:a+b@h/d+b?x=1+2").password()).isEqualTo("a+b");
        assertThat(ConnectionUrl.parse("postgresql://u:a+b@h/d+b?x=1+2").database()).isEqualTo("d+b");
        assertThat(ConnectionUrl.parse("jdbc:postgresql://h/d+b?x=1+2").database()).isEqualTo("d b");
        assertThat(ConnectionUrl.parse("jdbc:postgresql://h/d+b?x=1+2").param("x")).isEqualTo("1 2");
    }

    static Stream<Arguments> bad() {
        return Stream.of(
                Arguments.of("postgresql://u:sec%zzret@h/db", "the password has a bad %-escape (write a literal % as %25)"),
                Arguments.of("postgresql://u:secret%@h/db", "the password has a bad %-escape"),
                Arguments.of("postgresql://u:secret%4@h/db", "the password has a bad %-escape"),
                Arguments.of("postgresql://u:sec%C3ret@h/db", "the password has %-escapes that are not UTF-8"),
                Arguments.of("postgresql://us%zer:secret@h/db", "the user name has a bad %-escape"),
                Arguments.of("postgresql://u:secret@h/d%b", "the database name has a bad %-escape"),
                Arguments.of("jdbc:postgresql://h/db?password=sec%zzret", "parameter 'password' has a bad %-escape"),
                Arguments.of("jdbc:postgresql://h/db?pass%zzword=secret", "a parameter name has a bad %-escape"),
                Arguments.of("postgresql://u:sec?ret@h/db", "the user-info holds a '?', which starts the query; write it as %3F"),
                Arguments.of("postgresql://h/db?sslmode", "parameter 'sslmode' has no value"),
                Arguments.of("postgresql://h/db?password", "a parameter has no name or no value"),
                Arguments.of("jdbc:postgresql://h/db?=secret", "a parameter has no name or no value"),
                Arguments.of("secret@h/db", "is not a URL"));
    }

    @ParameterizedTest
    @MethodSource("bad")
    void aBadUrlIsOneLineWithoutThePassword(String url, String message) {
        assertThatThrownBy(() -> ConnectionUrl.parse(url)).isInstanceOf(ConnectionUrl.Invalid.class)
                .hasMessageContaining(message).hasMessageNotContaining("secret").hasMessageNotContaining("ret")
                .hasMessageNotContaining("zz").hasMessageNotContaining("\n");
    }

    static Stream<Arguments> badHosts() {
        return Stream.of(
                Arguments.of("postgresql://u:secret@127.0.0.1:abc/db", "the port of host '127.0.0.1' is not a number: 'abc'"),
                Arguments.of("postgresql://u:secret@127.0.0.1:99999/db", "the port of host '127.0.0.1' is out of range: 99999 (1 to 65535)"),
                Arguments.of("jdbc:postgresql://127.0.0.1:0/db?password=secret", "out of range: 0"),
                Arguments.of("jdbc:postgresql://127.0.0.1:1234567890123/db", "out of range: 1234567890123"),
                Arguments.of("postgresql://u:secret@h:/db", "the port of host 'h' is not a number: ''"),
                Arguments.of("postgresql://u:secret@h1:5432,:5433/db", "a host is missing in 'postgresql://u:***@h1:5432,:5433/db'"),
                Arguments.of("postgresql://u:secret@[::1/db", "host '[::1' opens '[' without closing it"),
                Arguments.of("postgresql://u:secret@[::1]x/db", "has text after ']'"),
                Arguments.of("postgresql://u:secret@/db", "'postgresql://u:***@/db' names no TCP host"),
                Arguments.of("postgresql://u:secret@%2Fvar%2Frun/db", "names no TCP host"));
    }

    @ParameterizedTest
    @MethodSource("badHosts")
    void badHostsAndPortsAreNamed(String url, String message) {
        ConnectionUrl parsed = ConnectionUrl.parse(url);
        assertThatThrownBy(parsed::requireTcpHosts).isInstanceOf(ConnectionUrl.Invalid.class)
                .hasMessageContaining(message).hasMessageNotContaining("secret");
    }

    @Test
    void goodHostsPass() {
        for (String url : List.of("postgresql://h/db", "postgresql://h:1,h2:65535/db", "jdbc:postgresql://[::1]:5432/db",
                "jdbc:postgresql://[::1]/db", "postgresql://db.example.com")) {
            ConnectionUrl.parse(url).requireTcpHosts();
        }
    }

    @Test
    void theDisplayFormOfAnUnreadableUrlIsNothing() {
        assertThat(ConnectionUrl.displayOf("u:secret@h/db")).isNull();
        assertThat(ConnectionUrl.displayOf("mysql://app:secret@h/db")).isEqualTo("mysql://app:***@h/db");
    }

    @Test
    void secretsAreScrubbedInEverySpelling() {
        Secrets s = Secrets.of(List.of("a b/c+ä", "xy"));
        assertThat(s.scrub("raw a b/c+ä, form a+b%2Fc%2B%C3%A4, percent a%20b%2Fc%2B%C3%A4, lower a%20b%2fc%2b%c3%a4, short xy"))
                .isEqualTo("raw ***, form ***, percent ***, lower ***, short xy");
        assertThat(Secrets.NONE.scrub("text")).isEqualTo("text");
        assertThat(s.toString()).doesNotContain("a b");
    }
}
