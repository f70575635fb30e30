CREATE TABLE person (id integer PRIMARY KEY, email text NOT NULL, name text, tenant integer NOT NULL DEFAULT 1, tags text[] NOT NULL DEFAULT '{}', created_at timestamp with time zone NOT NULL DEFAULT now(), deleted boolean NOT NULL DEFAULT false);
CREATE UNIQUE INDEX person_email_tenant ON person (tenant, email);
