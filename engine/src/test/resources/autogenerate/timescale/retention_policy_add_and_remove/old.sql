CREATE EXTENSION IF NOT EXISTS timescaledb;
CREATE TABLE metric (ts timestamp with time zone NOT NULL, device integer NOT NULL, value double precision);
SELECT create_hypertable('metric', by_range('ts', INTERVAL '1 day'));
SELECT add_retention_policy('metric', INTERVAL '90 days');
CREATE TABLE event (ts timestamp with time zone NOT NULL, kind text);
SELECT create_hypertable('event', by_range('ts'));
