import dev.strata.ops.JavaMigration;
import dev.strata.ops.Migration;
import dev.strata.ops.Ops;

@Migration(
        revision = "5e6f7a8b9c0d",
        downRevision = {"4d5e6f7a8b9c"},
        message = "hourly ping statistics",
        createDate = "2026-11-21 10:40:00")
public class V5e6f7a8b9c0d_HourlyPingStats implements JavaMigration {

    @Override
    public void upgrade(Ops op) {
        // Recorded as two steps: CREATE ... WITH NO DATA inside the revision's transaction, then
        // refresh_continuous_aggregate on its own, since TimescaleDB refuses it in a transaction.
        op.timescale()
                .createContinuousAggregate("ping_stats_hourly", """
                        SELECT time_bucket(INTERVAL '1 hour', time) AS bucket,
                               device_id,
                               avg(latency_ms) AS avg_latency_ms,
                               count(*) FILTER (WHERE NOT success) AS failures
                        FROM ping_results
                        GROUP BY bucket, device_id""")
                .addContinuousAggregatePolicy("ping_stats_hourly", "3 hours", "1 hour", "1 hour");
    }

    // No downgrade(): dropping the aggregate, which this revision created, also drops its policy;
    // the refresh needs no undoing.
}
