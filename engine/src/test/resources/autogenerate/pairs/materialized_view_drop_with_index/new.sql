CREATE TABLE sale (id integer PRIMARY KEY, region text NOT NULL, amount numeric NOT NULL);
