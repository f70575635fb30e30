CREATE TYPE priority AS ENUM ('low', 'normal', 'high');
CREATE TABLE task (id integer PRIMARY KEY, level priority);
