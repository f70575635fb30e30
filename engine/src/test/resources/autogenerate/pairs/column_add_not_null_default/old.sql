CREATE TABLE item (id integer PRIMARY KEY, name text NOT NULL);
