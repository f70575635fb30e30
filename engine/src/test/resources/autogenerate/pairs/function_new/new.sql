CREATE TABLE person (id integer PRIMARY KEY, name text NOT NULL);
CREATE FUNCTION greeting(who text, loud boolean DEFAULT false) RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT CASE WHEN loud THEN upper('hello ' || who) ELSE 'hello ' || who END $$;
CREATE FUNCTION person_count() RETURNS bigint LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN (SELECT count(*) FROM person);
END
$$;
