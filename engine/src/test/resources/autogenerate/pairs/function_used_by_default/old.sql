CREATE TABLE token (id integer PRIMARY KEY, value text);
