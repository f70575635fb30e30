CREATE TABLE product (id integer PRIMARY KEY, price numeric NOT NULL, CONSTRAINT price_positive CHECK (price > 0 AND price < 1000000));
