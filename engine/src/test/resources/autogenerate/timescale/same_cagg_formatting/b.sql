CREATE EXTENSION IF NOT EXISTS timescaledb;
CREATE TABLE metric (ts timestamp with time zone NOT NULL, device integer NOT NULL, value double precision);
SELECT create_hypertable('metric', by_range('ts', INTERVAL '1 day'));
create materialized view metric_hourly
  with (timescaledb.continuous, timescaledb.materialized_only = true) as
  select time_bucket('1 hour'::interval, metric.ts) as bucket,
         metric.device,
         avg(metric.value) as avg_value
    from metric
   group by time_bucket('1 hour'::interval, metric.ts), metric.device
with no data;
