-- revision: a1f0c3d2e4b5
-- down_revision:
-- branch_labels: postgres
-- message: create users
-- create_date: 2026-11-21 09:00:00

-- migrate:upgrade
CREATE TABLE users (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email       TEXT NOT NULL UNIQUE,
    full_name   TEXT,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

COMMENT ON TABLE users IS 'People who own devices';

-- migrate:downgrade
DROP TABLE users;
