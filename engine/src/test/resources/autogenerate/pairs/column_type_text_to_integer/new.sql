CREATE TABLE reading (id integer PRIMARY KEY, value integer NOT NULL DEFAULT 0);
