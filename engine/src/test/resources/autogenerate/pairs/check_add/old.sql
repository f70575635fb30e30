CREATE TABLE product (id integer PRIMARY KEY, price numeric NOT NULL, discount numeric NOT NULL DEFAULT 0);
