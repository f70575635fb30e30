CREATE TABLE author (id integer PRIMARY KEY, name text NOT NULL);
CREATE TABLE book (id integer PRIMARY KEY, author_id integer REFERENCES author (id) ON DELETE SET NULL, title text NOT NULL);
