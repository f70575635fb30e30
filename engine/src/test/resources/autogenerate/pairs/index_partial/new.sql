CREATE TABLE person (id integer PRIMARY KEY, email text NOT NULL, name text, tenant integer NOT NULL DEFAULT 1, tags text[] NOT NULL DEFAULT '{}', created_at timestamp with time zone NOT NULL DEFAULT now(), deleted boolean NOT NULL DEFAULT false);
CREATE INDEX person_live_email ON person (email) WHERE NOT deleted;
CREATE UNIQUE INDEX person_live_name ON person (tenant, name) WHERE deleted = false AND name IS NOT NULL;
