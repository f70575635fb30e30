CREATE TABLE person (id integer PRIMARY KEY, email text NOT NULL);
