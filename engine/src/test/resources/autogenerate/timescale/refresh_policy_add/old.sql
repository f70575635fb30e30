CREATE EXTENSION IF NOT EXISTS timescaledb;
CREATE TABLE metric (ts timestamp with time zone NOT NULL, device integer NOT NULL, value double precision);
SELECT create_hypertable('metric', by_range('ts', INTERVAL '1 day'));
CREATE MATERIALIZED VIEW metric_hourly WITH (timescaledb.continuous) AS SELECT time_bucket(INTERVAL '1 hour', ts) AS bucket, device, avg(value) AS avg_value FROM metric GROUP BY 1, 2 WITH NO DATA;
