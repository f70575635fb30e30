CREATE TABLE parent (id integer PRIMARY KEY, code text UNIQUE);
CREATE TABLE child (id integer PRIMARY KEY, parent_id integer REFERENCES parent (id) ON DELETE CASCADE, qty integer CHECK (qty > 0));
