CREATE TABLE reading (id integer PRIMARY KEY, value text NOT NULL DEFAULT '0');
