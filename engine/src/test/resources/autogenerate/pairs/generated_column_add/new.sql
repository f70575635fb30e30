CREATE TABLE box (id integer PRIMARY KEY, width numeric NOT NULL, height numeric NOT NULL,
    area numeric GENERATED ALWAYS AS (width * height) STORED);
