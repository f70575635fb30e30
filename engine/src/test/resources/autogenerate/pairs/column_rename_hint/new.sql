CREATE TABLE person (id integer PRIMARY KEY, display_name text NOT NULL);
