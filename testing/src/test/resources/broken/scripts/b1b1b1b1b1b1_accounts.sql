-- revision: b1b1b1b1b1b1
-- down_revision:
-- message: accounts
-- create_date: 2026-12-06 02:00:00

-- migrate:upgrade
CREATE TABLE accounts (id BIGINT PRIMARY KEY, email TEXT NOT NULL);

-- migrate:downgrade
DROP TABLE accounts;
