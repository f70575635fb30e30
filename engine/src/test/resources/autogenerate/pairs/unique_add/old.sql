CREATE TABLE account (id integer PRIMARY KEY, email text NOT NULL, tenant integer NOT NULL, slug text NOT NULL);
