package dev.strata.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IntervalTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "7 days|INTERVAL '7 days'",
        "1 day|INTERVAL '1 day'",
        "  1 hour   30 minutes |INTERVAL '1 hour 30 minutes'",
        "30d|INTERVAL '30 days'",
        "2 Weeks|INTERVAL '2 weeks'",
        "1 mon|INTERVAL '1 month'",
        "1 year|INTERVAL '1 year'",
        "500 ms|INTERVAL '500 milliseconds'"})
    void textIsNormalised(String text, String sql) {
        assertThat(Interval.of(text).sql()).isEqualTo(sql);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "PT24H|1 day",
        "PT1H|1 hour",
        "PT36H|1 day 12 hours",
        "P7D|7 days",
        "PT90M|1 hour 30 minutes",
        "PT0.25S|250 milliseconds",
        "PT0.000001S|1 microsecond"})
    void durationsUseTheLargestExactUnits(String duration, String text) {
        assertThat(Interval.of(Duration.parse(duration)).text()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "7", "days", "seven days", "-1 day", "1 fortnight", "1 day; DROP TABLE x", "0 days", "1 day '"})
    void nonsenseIsRefused(String text) {
        assertThatThrownBy(() -> Interval.of(text)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(text.strip());
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT0S", "-PT1H", "PT0.0000001S"})
    void zeroNegativeAndSubMicrosecondDurationsAreRefused(String duration) {
        assertThatThrownBy(() -> Interval.of(Duration.parse(duration))).isInstanceOf(IllegalArgumentException.class);
    }
}
