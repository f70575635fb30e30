CREATE TYPE mood AS ENUM ('sad', 'happy');
CREATE TABLE diary (id integer PRIMARY KEY, feeling mood NOT NULL);
