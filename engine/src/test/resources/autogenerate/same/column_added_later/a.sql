CREATE TABLE t (id integer PRIMARY KEY, name text NOT NULL DEFAULT '', score integer);
