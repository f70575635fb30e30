CREATE TYPE colour AS ENUM ('red', 'green');
CREATE TABLE paint (id integer PRIMARY KEY, name text);
