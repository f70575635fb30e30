CREATE FUNCTION new_token() RETURNS text LANGUAGE sql VOLATILE AS $$ SELECT md5(random()::text) $$;
CREATE TABLE token (id integer PRIMARY KEY, value text DEFAULT new_token());
