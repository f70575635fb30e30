CREATE TABLE box (id integer PRIMARY KEY, width numeric NOT NULL, height numeric NOT NULL);
