CREATE TABLE task (id integer PRIMARY KEY, state text NOT NULL DEFAULT 'open', created_at timestamp with time zone DEFAULT now());
