CREATE TABLE person (id integer PRIMARY KEY, email text, tenant integer);
CREATE INDEX ON person (email);
CREATE UNIQUE INDEX ON person (tenant, email);
CREATE INDEX ON person (lower(email));
