CREATE TYPE mood AS ENUM ('sad', 'meh', 'happy');
CREATE TABLE diary (id integer PRIMARY KEY, feeling mood NOT NULL);
