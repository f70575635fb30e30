CREATE TABLE word (id integer PRIMARY KEY, spelling text NOT NULL);
