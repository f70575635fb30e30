package dev.strata.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Both URL forms become a JDBC URL without credentials, the user and password apart, and a masked form. */
class ConnectionSpecTest {

    private static TargetConfig target(String url, String user, String password) {
        return new TargetConfig("t", url, user, password, null, Dialect.POSTGRESQL, null, "strata_version", null);
    }

    static Stream<Arguments> urls() {
        return Stream.of(
                Arguments.of("jdbc:postgresql://h:5432/app", "jdbc:postgresql://h:5432/app", null, null),
                Arguments.of("jdbc:postgresql://h/app?user=u&password=p&sslmode=require",
                        "jdbc:postgresql://h/app?sslmode=require", "u", "p"),
                Arguments.of("postgresql://u:p@h:5433/app", "jdbc:postgresql://h:5433/app", "u", "p"),
                Arguments.of("postgres://u@h/app", "jdbc:postgresql://h/app", "u", null),
                Arguments.of("postgresql://h/app?sslmode=disable&application_name=x&connect_timeout=3",
                        "jdbc:postgresql://h/app?sslmode=disable&ApplicationName=x&connectTimeout=3", null, null),
                Arguments.of("postgresql://us%40er:p%40ss%3Aword@h/my%20db", "jdbc:postgresql://h/my+db", "us@er", "p@ss:word"),
                Arguments.of("postgresql://u:a/b@c:d@h:5432/app", "jdbc:postgresql://h:5432/app", "u", "a/b@c:d"),
                Arguments.of("postgresql://u:a+b%2Bc@h/app", "jdbc:postgresql://h/app", "u", "a+b+c"),
                Arguments.of("jdbc:postgresql://h/my+db?user=u&password=a+b%2B", "jdbc:postgresql://h/my+db", "u", "a b+"),
                Arguments.of("postgresql://u:p%C3%A4ss@h/app?application_name=me@there",
                        "jdbc:postgresql://h/app?ApplicationName=me%40there", "u", "päss"),
                Arguments.of("postgresql://u:p@h1:5432,h2:5433/app", "jdbc:postgresql://h1:5432,h2:5433/app", "u", "p"),
                Arguments.of("postgresql://u:p@[::1]:5432/app", "jdbc:postgresql://[::1]:5432/app", "u", "p"),
                Arguments.of("postgresql://h?dbname=app&user=u", "jdbc:postgresql://h/app", "u", null),
                // pgjdbc has no user:password@ part; it would take it for a host name and print it
                Arguments.of("jdbc:postgresql://u:p@h:5432/app?ssl=true", "jdbc:postgresql://h:5432/app?ssl=true", "u", "p"));
    }

    @ParameterizedTest
    @MethodSource("urls")
    void parses(String url, String jdbc, String user, String password) {
        ConnectionSpec spec = ConnectionSpec.of(target(url, null, null));
        assertThat(spec.jdbcUrl()).isEqualTo(jdbc);
        assertThat(spec.user()).isEqualTo(user);
        assertThat(spec.password()).isEqualTo(password);
        if (password != null) {
            assertThat(spec.display()).doesNotContain(password.equals("p") ? ":p@" : password);
            assertThat(spec.toString()).doesNotContain(password.equals("p") ? ":p@" : password);
        }
    }

    @org.junit.jupiter.api.Test
    void userAndPasswordKeysWinOverTheUrl() {
        ConnectionSpec spec = ConnectionSpec.of(target("postgresql://u:p@h/app", "admin", "secret"));
        assertThat(spec.user()).isEqualTo("admin");
        assertThat(spec.password()).isEqualTo("secret");
    }

    @org.junit.jupiter.api.Test
    void refusesSocketsAndHostParameters() {
        assertThatThrownBy(() -> ConnectionSpec.of(target("postgresql://u:pw@/app", null, null)))
                .hasMessageContaining("names no TCP host").hasMessageNotContaining("pw@");
        assertThatThrownBy(() -> ConnectionSpec.of(target("postgresql:///app?host=/var/run/postgresql", null, null)))
                .hasMessageContaining("no TCP host");
    }

    @org.junit.jupiter.api.Test
    void anUnresolvedVariableIsReportedOnlyWhenConnecting() {
        TargetConfig t = new TargetConfig("t", "jdbc:postgresql://unresolved/", null, null, null, Dialect.POSTGRESQL, null,
                "strata_version", "targets.t.url: environment variable PG_URL is not set");
        assertThatThrownBy(() -> ConnectionSpec.of(t)).isInstanceOf(ConfigException.class)
                .hasMessage("targets.t.url: environment variable PG_URL is not set");
    }

    static Stream<Arguments> shown() {
        return Stream.of(
                Arguments.of("postgresql://app:hunter2@h/db", "postgresql://app:***@h/db"),
                Arguments.of("jdbc:postgresql://h/db?user=a&password=hunter2&ssl=true", "jdbc:postgresql://h/db?user=a&password=***&ssl=true"),
                Arguments.of("jdbc:postgresql://h/db", "jdbc:postgresql://h/db"),
                Arguments.of("postgresql://app:ab/cd@ef@h:5432/db", "postgresql://app:***@h:5432/db"),
                Arguments.of("postgresql://app:a b#c@h/db", "postgresql://app:***@h/db"),
                Arguments.of("jdbc:postgresql://u:x@h/db?options=-c%20a%3D1", "jdbc:postgresql://u:***@h/db?options=-c%20a%3D1"),
                Arguments.of("postgresql://h/db?PASSWORD=x", "postgresql://h/db?PASSWORD=***"));
    }

    @ParameterizedTest
    @MethodSource("shown")
    void theDisplayFormIsRenderedFromTheParts(String in, String out) {
        assertThat(ConnectionSpec.of(target(in, null, null)).display()).isEqualTo(out);
    }
}
