CREATE TABLE log_entry (id bigint NOT NULL, at date NOT NULL, message text, level smallint NOT NULL DEFAULT 0) PARTITION BY RANGE (at);
CREATE TABLE log_entry_2024 PARTITION OF log_entry FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE INDEX log_entry_level ON log_entry (level);
