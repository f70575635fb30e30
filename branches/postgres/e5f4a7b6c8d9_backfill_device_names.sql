-- revision: e5f4a7b6c8d9
-- down_revision: d4e3f6a5b7c8
-- message: backfill device names
-- create_date: 2026-11-21 09:40:00

-- migrate:upgrade
-- A data migration: every device gets a display name, then the column is required.
UPDATE devices SET name = hostname WHERE name IS NULL;
ALTER TABLE devices ALTER COLUMN name SET NOT NULL;

-- migrate:downgrade
ALTER TABLE devices ALTER COLUMN name DROP NOT NULL;
