CREATE TABLE person (id integer PRIMARY KEY, name text NOT NULL);
CREATE SCHEMA billing;
COMMENT ON SCHEMA billing IS 'money';
CREATE TYPE billing.currency AS ENUM ('EUR', 'USD');
CREATE TABLE billing.invoice (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, person_id integer NOT NULL REFERENCES public.person (id),
    amount numeric(12,2) NOT NULL, currency billing.currency NOT NULL DEFAULT 'EUR');
CREATE INDEX ON billing.invoice (person_id);
CREATE VIEW billing.open_invoice AS SELECT id, amount FROM billing.invoice WHERE amount > 0;
