-- irreversible
CREATE TABLE keep (id integer PRIMARY KEY);
CREATE TABLE ledger (id integer PRIMARY KEY, amount numeric NOT NULL);
CREATE FUNCTION ledger_total() RETURNS numeric LANGUAGE sql STABLE AS $$ SELECT coalesce(sum(amount), 0) FROM ledger $$;
