package dev.strata.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.config.Config;
import dev.strata.config.ConfigLoader;
import dev.strata.expr.RevisionExpr;
import dev.strata.plan.Direction;
import dev.strata.testing.TestTimescale;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample project's timescale branch (SQL scripts and Java migrations) against a real
 * TimescaleDB, checked through {@code timescaledb_information}.
 */
class TimescaleIT {

    @TempDir
    static Path cache;

    final TestTimescale tsdb = TestTimescale.server();
    final RecordingOutput out = new RecordingOutput();
    final List<String> lines = out.lines;

    @BeforeEach
    void emptyDatabase() {
        tsdb.reset();
    }

    private Online online() {
        Config config = new ConfigLoader(Map.of("TIMESCALE_URL", tsdb.jdbcUrl())).load(Path.of("../config/migrate.toml"));
        return new Online(Project.open(config, cache), config.target("timescale"));
    }

    private void move(Direction direction, String to) {
        online().move(direction, RevisionExpr.parse(to), Online.Options.defaults(), out);
    }

    private List<String> query(String sql) {
        return tsdb.column(sql);
    }

    @Test
    void sampleBranchUpgradesDowngradesToNothingAndUpgradesAgain() {
        move(Direction.UPGRADE, "timescale@head");
        assertThat(lines).containsSubsequence(
                "Running upgrade  -> 1a2b3c4d5e6f, enable timescaledb",
                "Running upgrade 1a2b3c4d5e6f -> 2b3c4d5e6f7a, create ping_results hypertable",
                "Running upgrade 2b3c4d5e6f7a -> 3c4d5e6f7a8b, compress ping_results after a week",
                "Running upgrade 3c4d5e6f7a8b -> 4d5e6f7a8b9c, keep ping_results for 90 days",
                "Running upgrade 4d5e6f7a8b9c -> 5e6f7a8b9c0d, hourly ping statistics");
        assertAtHead();

        move(Direction.DOWNGRADE, "base");
        assertThat(query("SELECT version_num FROM strata_version")).isEmpty();
        assertThat(query("SELECT extname FROM pg_extension WHERE extname = 'timescaledb'")).isEmpty();
        assertThat(query("SELECT relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = 'public' AND c.relkind IN ('r', 'v', 'm') ORDER BY 1"))
                .containsExactly("strata_history", "strata_version");
        assertThat(query("SELECT nspname FROM pg_namespace WHERE nspname LIKE '%timescaledb%' OR nspname LIKE '_timescale%'")).isEmpty();

        lines.clear();
        move(Direction.UPGRADE, "timescale@head");
        assertThat(lines.stream().filter(l -> l.startsWith("Running upgrade"))).hasSize(5);
        assertAtHead();
        assertThat(query("SELECT direction || ' ' || outcome FROM strata_history WHERE revision = '5e6f7a8b9c0d' ORDER BY id"))
                .containsExactly("upgrade applied", "downgrade applied", "upgrade applied");
    }

    private void assertAtHead() {
        assertThat(query("SELECT version_num FROM strata_version")).containsExactly("5e6f7a8b9c0d");
        // Where the connection's search path put them, even on a server whose RESET ALL would not.
        assertThat(query("SELECT schemaname || '.' || tablename FROM pg_tables WHERE tablename IN ('strata_version', 'ping_results')"
                + " ORDER BY 1")).containsExactly("public.ping_results", "public.strata_version");
        assertThat(query("SELECT hypertable_name || ' ' || compression_enabled FROM timescaledb_information.hypertables"))
                .containsExactly("ping_results true");
        assertThat(query("SELECT column_name || ' ' || dimension_type || ' ' || time_interval"
                + " FROM timescaledb_information.dimensions WHERE hypertable_name = 'ping_results'"))
                .containsExactly("time Time 1 day");
        assertThat(query("SELECT attname || ' ' || coalesce(segmentby_column_index::text, '-') || ' '"
                + " || coalesce(orderby_column_index::text, '-') || ' ' || coalesce(orderby_asc::text, '-')"
                + " FROM timescaledb_information.compression_settings WHERE hypertable_name = 'ping_results' ORDER BY attname"))
                .containsExactly("device_id 1 - -", "time - 1 false");
        assertThat(query("SELECT j.proc_name || ' ' || coalesce(a.view_name, j.hypertable_name)"
                + " FROM timescaledb_information.jobs j LEFT JOIN timescaledb_information.continuous_aggregates a"
                + " ON a.materialization_hypertable_name = j.hypertable_name WHERE j.job_id >= 1000 ORDER BY j.proc_name"))
                .containsExactly("policy_compression ping_results", "policy_refresh_continuous_aggregate ping_stats_hourly",
                        "policy_retention ping_results");
        assertThat(query("SELECT view_name || ' ' || materialized_only FROM timescaledb_information.continuous_aggregates"))
                .containsExactly("ping_stats_hourly true");
    }

    @Test
    void compressionDowngradesWithCompressedChunksInTheSafeOrder() {
        move(Direction.UPGRADE, "3c4d5e6f7a8b");
        tsdb.execute("INSERT INTO ping_results SELECT t, d, 1.5, true"
                + " FROM generate_series(now() - INTERVAL '20 days', now() - INTERVAL '10 days', INTERVAL '1 hour') t,"
                + " generate_series(1, 3) d");
        tsdb.execute("SELECT compress_chunk(c) FROM show_chunks('ping_results') c");
        assertThat(query("SELECT count(*) > 0 FROM timescaledb_information.chunks"
                + " WHERE hypertable_name = 'ping_results' AND is_compressed")).containsExactly("t");

        lines.clear();
        move(Direction.DOWNGRADE, "-1");
        assertThat(lines).containsExactly("Running downgrade 3c4d5e6f7a8b -> 2b3c4d5e6f7a, compress ping_results after a week");
        assertThat(query("SELECT version_num FROM strata_version")).containsExactly("2b3c4d5e6f7a");
        assertThat(query("SELECT compression_enabled::text FROM timescaledb_information.hypertables")).containsExactly("false");
        assertThat(query("SELECT count(*) FROM timescaledb_information.chunks WHERE is_compressed")).containsExactly("0");
        assertThat(query("SELECT count(*) FROM timescaledb_information.jobs WHERE proc_name = 'policy_compression'"))
                .containsExactly("0");
        assertThat(query("SELECT count(*) FROM ping_results")).containsExactly(String.valueOf(241 * 3));
    }
}
