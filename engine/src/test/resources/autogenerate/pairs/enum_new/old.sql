CREATE TABLE ticket (id integer PRIMARY KEY, title text NOT NULL);
