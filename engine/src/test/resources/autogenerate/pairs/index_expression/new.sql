CREATE TABLE person (id integer PRIMARY KEY, email text NOT NULL, name text, tenant integer NOT NULL DEFAULT 1, tags text[] NOT NULL DEFAULT '{}', created_at timestamp with time zone NOT NULL DEFAULT now(), deleted boolean NOT NULL DEFAULT false);
CREATE UNIQUE INDEX person_email_lower ON person (lower(email));
CREATE INDEX person_created_day ON person (date_trunc('day', created_at AT TIME ZONE 'UTC'));
