CREATE TABLE ticket (id integer NOT NULL PRIMARY KEY, title text);
