CREATE TABLE parent (id integer NOT NULL, code text);
ALTER TABLE parent ADD CONSTRAINT parent_pkey PRIMARY KEY (id);
ALTER TABLE parent ADD CONSTRAINT parent_code_key UNIQUE (code);
CREATE TABLE child (id integer NOT NULL, parent_id integer, qty integer);
ALTER TABLE child ADD PRIMARY KEY (id);
ALTER TABLE child ADD FOREIGN KEY (parent_id) REFERENCES parent ON DELETE CASCADE;
ALTER TABLE child ADD CHECK (qty > 0);
