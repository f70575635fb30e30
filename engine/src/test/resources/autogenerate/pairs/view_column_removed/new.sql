CREATE TABLE person (id integer PRIMARY KEY, name text NOT NULL, email text);
CREATE VIEW contact AS SELECT id, email FROM person;
