CREATE TABLE person (id integer PRIMARY KEY, name text, active boolean);
CREATE VIEW active_person AS SELECT id, name FROM person WHERE active;
