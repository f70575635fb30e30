CREATE TABLE t (id integer PRIMARY KEY, note text);
CREATE VIEW v AS SELECT id FROM t;
COMMENT ON TABLE t IS 'a table';
