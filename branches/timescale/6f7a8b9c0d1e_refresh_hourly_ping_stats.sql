-- revision: 6f7a8b9c0d1e
-- down_revision: 5e6f7a8b9c0d
-- message: fill hourly ping statistics
-- create_date: 2026-11-21 10:50:00
-- transactional: false

-- migrate:upgrade
-- refresh_continuous_aggregate refuses to run inside a transaction block.
CALL refresh_continuous_aggregate('ping_stats_hourly', NULL, NULL);

-- migrate:downgrade
-- Nothing to undo: the previous revision's downgrade drops the aggregate.
