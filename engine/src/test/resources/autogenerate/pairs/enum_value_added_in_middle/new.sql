CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy', 'elated');
CREATE TABLE diary (id integer PRIMARY KEY, feeling mood NOT NULL);
