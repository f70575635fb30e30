-- revision: a1a1a1a1a1a1
-- down_revision:
-- message: plans, with the rows every installation starts with
-- create_date: 2026-12-06 02:00:00

-- migrate:upgrade
CREATE TABLE audit (
    id   BIGSERIAL PRIMARY KEY,
    what TEXT NOT NULL
);

CREATE FUNCTION audit_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit (what) VALUES (TG_TABLE_NAME || ' ' || NEW.name);
    RETURN NEW;
END;
$$;

CREATE TABLE plans (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    price_cents INTEGER NOT NULL,
    price_eur   NUMERIC GENERATED ALWAYS AS (price_cents / 100.0) STORED
);

CREATE TRIGGER plans_audit AFTER INSERT ON plans FOR EACH ROW EXECUTE FUNCTION audit_insert();

INSERT INTO plans (name, price_cents) VALUES ('free', 0), ('pro', 1200);

CREATE TABLE subscriptions (
    id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    plan_id  BIGINT NOT NULL REFERENCES plans (id),
    customer TEXT NOT NULL
);

CREATE SEQUENCE invoice_numbers START 1000;
SELECT nextval('invoice_numbers');

CREATE MATERIALIZED VIEW plan_names AS SELECT name FROM plans;
CREATE MATERIALIZED VIEW subscription_counts AS
    SELECT plan_id, count(*) AS subscriptions FROM subscriptions GROUP BY plan_id WITH NO DATA;

-- migrate:downgrade
DROP MATERIALIZED VIEW subscription_counts;
DROP MATERIALIZED VIEW plan_names;
DROP SEQUENCE invoice_numbers;
DROP TABLE subscriptions;
DROP TABLE plans;
DROP FUNCTION audit_insert();
DROP TABLE audit;
