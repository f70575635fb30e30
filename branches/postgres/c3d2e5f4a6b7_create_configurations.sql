-- revision: c3d2e5f4a6b7
-- down_revision: b2e1d4c3f5a6
-- message: create configurations
-- create_date: 2026-11-21 09:20:00

-- migrate:upgrade
CREATE TABLE configurations (
    device_id   BIGINT PRIMARY KEY REFERENCES devices (id) ON DELETE CASCADE,
    interval_s  INTEGER NOT NULL DEFAULT 60 CHECK (interval_s > 0),
    settings    JSONB NOT NULL DEFAULT '{}'::jsonb,
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Keep updated_at honest; the body is dollar-quoted and holds semicolons.
CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;

CREATE TRIGGER configurations_touch BEFORE UPDATE ON configurations
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

-- migrate:downgrade
DROP TRIGGER configurations_touch ON configurations;
DROP FUNCTION touch_updated_at();
DROP TABLE configurations;
