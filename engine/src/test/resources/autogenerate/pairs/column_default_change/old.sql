CREATE TABLE task (id integer PRIMARY KEY, state text NOT NULL DEFAULT 'open', priority integer DEFAULT 1);
