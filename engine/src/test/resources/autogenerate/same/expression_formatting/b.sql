CREATE TABLE product (id integer PRIMARY KEY, price numeric, discount numeric DEFAULT (0), name text DEFAULT 'x'::text,
    CONSTRAINT product_check CHECK ( ( price > 0 ) and ( discount <= price ) ));
CREATE INDEX product_cheap ON product (id) WHERE (price < 10);
