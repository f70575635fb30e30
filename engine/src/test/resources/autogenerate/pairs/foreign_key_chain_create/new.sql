CREATE TABLE customer (id integer PRIMARY KEY, name text NOT NULL);
CREATE TABLE purchase_order (id integer PRIMARY KEY, customer_id integer NOT NULL REFERENCES customer (id));
CREATE TABLE product (id integer PRIMARY KEY, name text NOT NULL);
CREATE TABLE order_line (id integer PRIMARY KEY, order_id integer NOT NULL REFERENCES purchase_order (id), product_id integer NOT NULL REFERENCES product (id));
