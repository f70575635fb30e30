CREATE TABLE person (id integer PRIMARY KEY, name text NOT NULL, born date);
COMMENT ON COLUMN person.born IS 'day of birth';
