package dev.strata.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.config.Dialect;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private static Properties properties(String... pairs) {
        Properties p = new Properties();
        for (int i = 0; i < pairs.length; i += 2) {
            p.setProperty(pairs[i], pairs[i + 1]);
        }
        return p;
    }

    @Test
    void aTargetsOwnUrlWinsOverTheSharedOneAndAPropertyOverAVariable() {
        Settings s = new Settings(Map.of("STRATA_TEST_URL", "jdbc:postgresql://shared/db", "STRATA_TEST_URL_METRICS_DB",
                "jdbc:postgresql://own/db"), properties());
        assertThat(s.url("metrics-db")).isEqualTo(new Settings.Found("jdbc:postgresql://own/db", "STRATA_TEST_URL_METRICS_DB"));
        assertThat(s.url("postgres")).isEqualTo(new Settings.Found("jdbc:postgresql://shared/db", "STRATA_TEST_URL"));

        Settings p = new Settings(Map.of("STRATA_TEST_URL_POSTGRES", "jdbc:postgresql://variable/db"),
                properties("strata.test.url.postgres", "jdbc:postgresql://property/db"));
        assertThat(p.url("postgres").source()).isEqualTo("-Dstrata.test.url.postgres");

        assertThat(new Settings(Map.of("STRATA_TEST_URL", " "), properties()).url("postgres")).isNull();
    }

    @Test
    void theImageComesFromTheAnnotationThenTheSettingsThenTheDialect() {
        Settings none = new Settings(Map.of(), properties());
        assertThat(none.image(Dialect.POSTGRESQL, "")).isEqualTo(Settings.POSTGRES_IMAGE);
        assertThat(none.image(Dialect.TIMESCALEDB, "")).isEqualTo(Settings.TIMESCALE_IMAGE);

        Settings set = new Settings(Map.of("STRATA_TEST_TIMESCALE_IMAGE", "strata-timescaledb:local"),
                properties("strata.test.image.postgresql", "strata-postgres:15"));
        assertThat(set.image(Dialect.TIMESCALEDB, "")).isEqualTo("strata-timescaledb:local");
        assertThat(set.image(Dialect.POSTGRESQL, "")).isEqualTo("strata-postgres:15");
        assertThat(set.image(Dialect.POSTGRESQL, "my/postgres:16")).isEqualTo("my/postgres:16");
    }

    @Test
    void pullingAndHostNetworkAreOptIn() {
        Settings none = new Settings(Map.of(), properties());
        assertThat(none.mayPull()).isTrue();
        assertThat(none.hostNetwork()).isFalse();
        Settings set = new Settings(Map.of("STRATA_TEST_PULL", "never", "STRATA_TEST_DOCKER_NETWORK", "host"), properties());
        assertThat(set.mayPull()).isFalse();
        assertThat(set.hostNetwork()).isTrue();
    }
}
