CREATE TABLE task (id integer PRIMARY KEY, state text NOT NULL, created_at timestamp with time zone);
