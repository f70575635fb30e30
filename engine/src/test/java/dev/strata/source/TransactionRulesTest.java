package dev.strata.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which statements must run outside a transaction block, found in the statement's words alone. */
class TransactionRulesTest {

    static Stream<Arguments> statements() {
        return Stream.of(
                Arguments.of("CREATE INDEX CONCURRENTLY ix ON t (a)", "CREATE INDEX CONCURRENTLY"),
                Arguments.of("create unique index concurrently if not exists ix on t (a)", "CREATE INDEX CONCURRENTLY"),
                Arguments.of("DROP INDEX CONCURRENTLY IF EXISTS ix", "DROP INDEX CONCURRENTLY"),
                Arguments.of("REINDEX (VERBOSE) TABLE CONCURRENTLY t", "REINDEX ... CONCURRENTLY"),
                Arguments.of("ALTER TABLE m DETACH PARTITION m_2020 CONCURRENTLY", "ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY"),
                Arguments.of("VACUUM (ANALYZE) t", "VACUUM"),
                Arguments.of("CREATE DATABASE other", "CREATE DATABASE"),
                Arguments.of("DROP DATABASE other", "DROP DATABASE"),
                Arguments.of("CREATE TABLESPACE fast LOCATION '/ssd'", "CREATE TABLESPACE"),
                Arguments.of("ALTER SYSTEM SET work_mem = '64MB'", "ALTER SYSTEM"),
                Arguments.of("-- build it without blocking writes\nCREATE INDEX CONCURRENTLY ix ON t (a)", "CREATE INDEX CONCURRENTLY"),
                Arguments.of("CALL refresh_continuous_aggregate('hourly', NULL, NULL)", "CALL refresh_continuous_aggregate"),
                Arguments.of("CREATE MATERIALIZED VIEW h WITH (timescaledb.continuous) AS SELECT 1 FROM t GROUP BY 1",
                        "a continuous aggregate created WITH DATA (the default; add WITH NO DATA to create it inside a transaction)"),
                Arguments.of("CREATE INDEX ix ON metrics (device, time) WITH (timescaledb.transaction_per_chunk)",
                        "CREATE INDEX ... WITH (timescaledb.transaction_per_chunk)"),
                // Fine inside a transaction:
                Arguments.of("CREATE INDEX ix ON t (a)", null),
                Arguments.of("CREATE MATERIALIZED VIEW h WITH (timescaledb.continuous) AS SELECT 1 FROM t GROUP BY 1 WITH NO DATA", null),
                Arguments.of("SELECT 'CREATE INDEX CONCURRENTLY' AS text", null),
                Arguments.of("COMMENT ON TABLE t IS 'we VACUUM nightly'", null),
                Arguments.of("/* VACUUM */ SELECT 1", null),
                Arguments.of("DO $$ BEGIN EXECUTE 'VACUUM'; END $$", null),
                Arguments.of("SELECT E'it\\'s CONCURRENTLY' FROM t", null),
                Arguments.of("CREATE TABLE \"vacuum\" (a int)", null),
                Arguments.of("ALTER TABLE m DETACH PARTITION m_2020", null),
                Arguments.of("REINDEX TABLE t", null));
    }

    @ParameterizedTest
    @MethodSource("statements")
    void findsWhatCannotRunInATransaction(String sql, String refusal) {
        assertThat(TransactionRules.refusal(sql)).isEqualTo(refusal);
    }

    static Stream<Arguments> transactionControl() {
        return Stream.of(
                Arguments.of("COMMIT", "COMMIT"),
                Arguments.of("commit work", "COMMIT"),
                Arguments.of("ROLLBACK", "ROLLBACK"),
                Arguments.of("rollback and chain", "ROLLBACK"),
                Arguments.of("END", "END"),
                Arguments.of("ABORT", "ABORT"),
                Arguments.of("BEGIN", "BEGIN"),
                Arguments.of("begin isolation level serializable", "BEGIN"),
                Arguments.of("START TRANSACTION READ WRITE", "START TRANSACTION"),
                Arguments.of("-- done\nCOMMIT", "COMMIT"),
                Arguments.of("PREPARE TRANSACTION 'x'", "PREPARE TRANSACTION"),
                // Stay inside the transaction, or are not transaction control at all:
                Arguments.of("SAVEPOINT s", null),
                Arguments.of("ROLLBACK TO SAVEPOINT s", null),
                Arguments.of("rollback to s", null),
                Arguments.of("RELEASE SAVEPOINT s", null),
                Arguments.of("DO $$ BEGIN PERFORM 1; END $$", null),
                Arguments.of("CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END", null),
                Arguments.of("SELECT 'COMMIT'", null),
                Arguments.of("PREPARE q AS SELECT 1", null),
                Arguments.of("CREATE TABLE \"commit\" (a int)", null));
    }

    @ParameterizedTest
    @MethodSource("transactionControl")
    void findsTransactionControl(String sql, String command) {
        assertThat(TransactionRules.transactionControl(sql)).isEqualTo(command);
    }
}
