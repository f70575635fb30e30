CREATE TABLE secret (id integer PRIMARY KEY, plain text NOT NULL);
