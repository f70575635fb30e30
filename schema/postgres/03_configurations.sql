CREATE TABLE configurations (
    device_id   BIGINT PRIMARY KEY REFERENCES devices (id) ON DELETE CASCADE,
    interval_s  INTEGER NOT NULL DEFAULT 60 CHECK (interval_s > 0),
    settings    JSONB NOT NULL DEFAULT '{}'::jsonb,
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;

CREATE TRIGGER configurations_touch BEFORE UPDATE ON configurations
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
