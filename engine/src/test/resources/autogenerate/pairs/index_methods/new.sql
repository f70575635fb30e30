CREATE TABLE person (id integer PRIMARY KEY, email text NOT NULL, name text, tenant integer NOT NULL DEFAULT 1, tags text[] NOT NULL DEFAULT '{}', created_at timestamp with time zone NOT NULL DEFAULT now(), deleted boolean NOT NULL DEFAULT false);
CREATE INDEX person_tags ON person USING gin (tags);
CREATE INDEX person_email_hash ON person USING hash (email);
CREATE INDEX person_created_brin ON person USING brin (created_at);
CREATE INDEX person_name_pattern ON person (name text_pattern_ops);
