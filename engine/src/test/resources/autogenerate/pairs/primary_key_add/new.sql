CREATE TABLE tag (id integer NOT NULL PRIMARY KEY, label text NOT NULL);
