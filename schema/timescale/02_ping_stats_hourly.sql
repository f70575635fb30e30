CREATE MATERIALIZED VIEW ping_stats_hourly WITH (timescaledb.continuous) AS
SELECT time_bucket(INTERVAL '1 hour', time) AS bucket,
       device_id,
       avg(latency_ms) AS avg_latency_ms,
       count(*) FILTER (WHERE NOT success) AS failures
FROM ping_results
GROUP BY bucket, device_id
WITH NO DATA;

SELECT add_continuous_aggregate_policy('ping_stats_hourly',
    start_offset => INTERVAL '3 hours', end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '1 hour');
