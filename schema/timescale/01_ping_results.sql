-- The timescale target's desired schema: what its head revisions build (compare with `migrate diff`).
CREATE EXTENSION IF NOT EXISTS timescaledb;

CREATE TABLE ping_results (
    time        TIMESTAMPTZ NOT NULL,
    device_id   BIGINT NOT NULL,
    latency_ms  DOUBLE PRECISION,
    success     BOOLEAN NOT NULL
);
SELECT create_hypertable('ping_results', by_range('time', INTERVAL '1 day'));
CREATE INDEX ix_ping_results_device_time ON ping_results (device_id, time DESC);

ALTER TABLE ping_results SET (timescaledb.compress, timescaledb.compress_segmentby = 'device_id',
    timescaledb.compress_orderby = 'time DESC');
SELECT add_compression_policy('ping_results', INTERVAL '7 days');
SELECT add_retention_policy('ping_results', INTERVAL '90 days');
