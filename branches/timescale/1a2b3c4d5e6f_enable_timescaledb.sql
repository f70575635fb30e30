-- revision: 1a2b3c4d5e6f
-- down_revision:
-- branch_labels: timescale
-- message: enable timescaledb
-- create_date: 2026-11-21 10:00:00

-- migrate:upgrade
CREATE EXTENSION IF NOT EXISTS timescaledb;

-- migrate:downgrade
DROP EXTENSION IF EXISTS timescaledb;
