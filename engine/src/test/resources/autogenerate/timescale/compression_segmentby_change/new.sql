CREATE EXTENSION IF NOT EXISTS timescaledb;
CREATE TABLE metric (ts timestamp with time zone NOT NULL, device integer NOT NULL, value double precision);
SELECT create_hypertable('metric', by_range('ts', INTERVAL '1 day'));
ALTER TABLE metric SET (timescaledb.compress, timescaledb.compress_segmentby = '', timescaledb.compress_orderby = 'ts DESC');
