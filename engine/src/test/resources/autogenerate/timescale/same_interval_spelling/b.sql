CREATE EXTENSION IF NOT EXISTS timescaledb;
CREATE TABLE metric (ts timestamp with time zone NOT NULL, device integer NOT NULL, value double precision);
SELECT create_hypertable('metric', by_range('ts', INTERVAL '24 hours'));
ALTER TABLE metric SET (timescaledb.compress);
SELECT add_compression_policy('metric', INTERVAL '168 hours');
