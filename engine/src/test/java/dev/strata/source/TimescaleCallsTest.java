package dev.strata.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TimescaleCallsTest {

    static Stream<Arguments> statements() {
        return Stream.of(
                Arguments.of("SELECT create_hypertable('t', 'time')", "create_hypertable", "1.0.0"),
                Arguments.of("SELECT create_hypertable('t', by_range('time', INTERVAL '1 day'))", "by_range", "2.13.0"),
                Arguments.of("SELECT public.add_retention_policy('t', INTERVAL '90 days')", "add_retention_policy", "2.0.0"),
                Arguments.of("ALTER TABLE t SET (timescaledb.compress, timescaledb.compress_segmentby = 'd')", "timescaledb.compress", "1.5.0"),
                Arguments.of("CALL refresh_continuous_aggregate('h', NULL, NULL)", "refresh_continuous_aggregate", "2.0.0"),
                Arguments.of("CREATE EXTENSION IF NOT EXISTS timescaledb", "CREATE EXTENSION timescaledb", "0"),
                Arguments.of("CREATE MATERIALIZED VIEW h WITH (timescaledb.continuous) AS SELECT 1", "timescaledb.continuous", "2.0.0"));
    }

    @ParameterizedTest
    @MethodSource("statements")
    void findsTheCallAndTheVersionItNeeds(String sql, String what, String version) {
        assertThat(TimescaleCalls.of(sql)).isEqualTo(new TimescaleCalls.Use(what, version));
    }

    @ParameterizedTest
    @MethodSource("plain")
    void plainPostgresqlNeedsNothing(String sql) {
        assertThat(TimescaleCalls.of(sql)).isNull();
    }

    static Stream<String> plain() {
        return Stream.of("CREATE TABLE t (create_hypertable_ text)", "SELECT 'create_hypertable(x)'", "-- create_hypertable\nSELECT 1",
                "DROP EXTENSION IF EXISTS timescaledb", "CREATE EXTENSION pgcrypto", "SELECT \"create_hypertable\" FROM x");
    }
}
