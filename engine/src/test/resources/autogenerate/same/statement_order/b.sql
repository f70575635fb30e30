CREATE SEQUENCE counter;
CREATE TYPE colour AS ENUM ('red', 'green');
CREATE TABLE a_first (id integer PRIMARY KEY);
CREATE TABLE b_second (id integer NOT NULL, a_id integer);
CREATE INDEX b_second_a ON b_second (a_id);
CREATE VIEW v_both AS SELECT b.id, b.a_id FROM b_second b;
ALTER TABLE b_second ADD CONSTRAINT b_second_a_id_fkey FOREIGN KEY (a_id) REFERENCES a_first (id);
ALTER TABLE b_second ADD CONSTRAINT b_second_pkey PRIMARY KEY (id);
