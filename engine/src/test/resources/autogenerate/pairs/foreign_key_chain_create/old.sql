CREATE TABLE customer (id integer PRIMARY KEY, name text NOT NULL);
