CREATE EXTENSION hstore;
CREATE TABLE setting (id integer PRIMARY KEY, name text NOT NULL);
