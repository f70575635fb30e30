CREATE TABLE person (id integer PRIMARY KEY, fullname text NOT NULL);
