CREATE TABLE task (id integer PRIMARY KEY, state text NOT NULL DEFAULT 'new', priority integer DEFAULT (2 * 5));
