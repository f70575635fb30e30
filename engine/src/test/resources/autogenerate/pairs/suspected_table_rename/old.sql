-- irreversible
CREATE TABLE client (id integer PRIMARY KEY, name text NOT NULL, email text);
