CREATE TABLE a_first (id integer PRIMARY KEY);
CREATE TABLE b_second (id integer PRIMARY KEY, a_id integer REFERENCES a_first (id));
CREATE INDEX b_second_a ON b_second (a_id);
CREATE VIEW v_both AS SELECT b.id, b.a_id FROM b_second b;
CREATE TYPE colour AS ENUM ('red', 'green');
CREATE SEQUENCE counter;
