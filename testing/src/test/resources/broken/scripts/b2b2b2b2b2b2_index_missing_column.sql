-- revision: b2b2b2b2b2b2
-- down_revision: b1b1b1b1b1b1
-- message: index a column that does not exist
-- create_date: 2026-12-06 02:01:00

-- migrate:upgrade
ALTER TABLE accounts ADD COLUMN created_at TIMESTAMPTZ;
CREATE INDEX ix_accounts_name ON accounts (name);

-- migrate:downgrade
DROP INDEX ix_accounts_name;
ALTER TABLE accounts DROP COLUMN created_at;
