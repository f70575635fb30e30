-- revision: 2b3c4d5e6f7a
-- down_revision: 1a2b3c4d5e6f
-- message: create ping_results hypertable
-- create_date: 2026-11-21 10:10:00

-- migrate:upgrade
CREATE TABLE ping_results (
    time        TIMESTAMPTZ NOT NULL,
    device_id   BIGINT NOT NULL,
    latency_ms  DOUBLE PRECISION,
    success     BOOLEAN NOT NULL
);

SELECT create_hypertable('ping_results', by_range('time', INTERVAL '1 day'));

CREATE INDEX ix_ping_results_device_time ON ping_results (device_id, time DESC);

-- migrate:downgrade
-- A hypertable cannot be turned back into a plain table: dropping it is the inverse.
DROP TABLE ping_results;
