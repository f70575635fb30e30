CREATE TABLE account (id integer PRIMARY KEY, name text NOT NULL);
CREATE TABLE invoice (id bigint PRIMARY KEY, total numeric(12,2) NOT NULL DEFAULT 0, issued_on date);
