CREATE TABLE account (account_no text PRIMARY KEY, owner text NOT NULL UNIQUE, balance numeric NOT NULL CHECK (balance >= 0));
CREATE INDEX ON account (lower(owner));
CREATE TABLE transfer (id integer PRIMARY KEY, account_code text NOT NULL REFERENCES account (account_no));
