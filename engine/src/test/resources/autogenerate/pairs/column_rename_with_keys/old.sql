CREATE TABLE account (code text PRIMARY KEY, holder text NOT NULL UNIQUE, balance numeric NOT NULL CHECK (balance >= 0));
CREATE INDEX ON account (lower(holder));
CREATE TABLE transfer (id integer PRIMARY KEY, account_code text NOT NULL REFERENCES account (code));
