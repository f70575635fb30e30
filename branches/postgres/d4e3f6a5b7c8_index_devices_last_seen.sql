-- revision: d4e3f6a5b7c8
-- down_revision: c3d2e5f4a6b7
-- message: index devices by last_seen
-- create_date: 2026-11-21 09:30:00
-- transactional: false

-- migrate:upgrade
-- CONCURRENTLY cannot run inside a transaction block, hence transactional: false above.
CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_devices_last_seen ON devices (last_seen DESC);

-- migrate:downgrade
DROP INDEX CONCURRENTLY IF EXISTS ix_devices_last_seen;
