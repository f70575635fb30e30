CREATE TYPE priority AS ENUM ('normal', 'high');
CREATE TABLE task (id integer PRIMARY KEY, level priority);
