CREATE TABLE paint (id integer PRIMARY KEY, name text);
