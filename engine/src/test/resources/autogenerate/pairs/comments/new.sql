CREATE TABLE person (id integer PRIMARY KEY, name text NOT NULL, born date);
COMMENT ON TABLE person IS 'people we know';
COMMENT ON COLUMN person.name IS 'as they write it';
COMMENT ON COLUMN person.born IS 'date of birth, local';
