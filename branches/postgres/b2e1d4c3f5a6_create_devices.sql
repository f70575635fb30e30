-- revision: b2e1d4c3f5a6
-- down_revision: a1f0c3d2e4b5
-- message: create devices
-- create_date: 2026-11-21 09:10:00

-- migrate:upgrade
CREATE TABLE devices (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    hostname    TEXT NOT NULL,
    name        TEXT,
    last_seen   TIMESTAMPTZ
);

-- migrate:downgrade
DROP TABLE devices;
