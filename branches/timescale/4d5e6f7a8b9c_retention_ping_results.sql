-- revision: 4d5e6f7a8b9c
-- down_revision: 3c4d5e6f7a8b
-- message: keep ping_results for 90 days
-- create_date: 2026-11-21 10:30:00

-- migrate:upgrade
SELECT add_retention_policy('ping_results', INTERVAL '90 days');

-- migrate:downgrade
SELECT remove_retention_policy('ping_results', if_exists => true);
