CREATE TABLE customer (id integer PRIMARY KEY, email text NOT NULL UNIQUE, name text);
CREATE INDEX ON customer (name);
CREATE TABLE invoice (id integer PRIMARY KEY, client_id integer NOT NULL REFERENCES customer (id));
