CREATE TABLE device (id integer PRIMARY KEY, name text NOT NULL);
CREATE TABLE metric (device_id integer NOT NULL REFERENCES device (id), ts timestamp with time zone NOT NULL, value double precision,
    PRIMARY KEY (device_id, ts)) PARTITION BY RANGE (ts);
CREATE TABLE metric_2024 PARTITION OF metric FOR VALUES FROM ('2024-01-01 00:00:00+00') TO ('2025-01-01 00:00:00+00');
CREATE TABLE metric_2025 PARTITION OF metric FOR VALUES FROM ('2025-01-01 00:00:00+00') TO ('2026-01-01 00:00:00+00');
CREATE TABLE metric_other PARTITION OF metric DEFAULT;
CREATE INDEX metric_ts ON metric (ts);
