CREATE TABLE item (id integer PRIMARY KEY, name text NOT NULL, quantity integer NOT NULL DEFAULT 0, active boolean NOT NULL DEFAULT true);
