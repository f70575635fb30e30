CREATE EXTENSION citext;
CREATE TABLE person (id integer PRIMARY KEY, email citext NOT NULL UNIQUE);
