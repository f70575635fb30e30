-- irreversible
CREATE TABLE customer (id integer PRIMARY KEY, name text NOT NULL);
CREATE TABLE zz_purchase_order (id integer PRIMARY KEY, customer_id integer NOT NULL REFERENCES customer (id));
CREATE TABLE aa_order_line (id integer PRIMARY KEY, order_id integer NOT NULL REFERENCES zz_purchase_order (id));
