CREATE TABLE person (id integer PRIMARY KEY, name text NOT NULL, active boolean NOT NULL DEFAULT true);
CREATE VIEW active_person AS SELECT id, name FROM person WHERE active;
COMMENT ON VIEW active_person IS 'who is still here';
