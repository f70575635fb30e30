CREATE TABLE product (id integer PRIMARY KEY, price numeric NOT NULL CHECK (price >= 0), discount numeric NOT NULL DEFAULT 0,
    CONSTRAINT discount_below_price CHECK (discount <= price));
