CREATE TABLE task (id integer PRIMARY KEY, state text NOT NULL DEFAULT 'open');
