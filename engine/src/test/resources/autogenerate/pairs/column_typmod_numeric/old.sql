CREATE TABLE price (id integer PRIMARY KEY, amount numeric(8,2) NOT NULL);
