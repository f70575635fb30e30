-- The postgres target's desired schema: what its head revisions build (compare with `migrate diff`).
-- Edit this, then `migrate -x db=postgres revision --autogenerate -m "..."` writes the revision.

CREATE TABLE users (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email       TEXT NOT NULL UNIQUE,
    full_name   TEXT,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
COMMENT ON TABLE users IS 'People who own devices';
