CREATE TABLE reading (id bigint NOT NULL, at date NOT NULL, source text, unit text NOT NULL DEFAULT 'kWh') PARTITION BY RANGE (at);
CREATE TABLE reading_2024 PARTITION OF reading FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE reading_2025 PARTITION OF reading FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
ALTER TABLE reading_2024 ALTER COLUMN source SET DEFAULT 'legacy';
CREATE INDEX reading_source ON reading (source);
