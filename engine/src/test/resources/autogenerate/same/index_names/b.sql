CREATE TABLE person (id integer PRIMARY KEY, email text, tenant integer);
CREATE INDEX person_email_idx ON person USING btree (email);
CREATE UNIQUE INDEX person_tenant_email_idx ON public.person (tenant ASC, email);
CREATE INDEX person_lower_idx ON person (lower(email));
