CREATE TABLE document (id integer PRIMARY KEY, body text, updated_at timestamp with time zone);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END
$$;
CREATE TRIGGER document_touch BEFORE INSERT OR UPDATE OF body ON document FOR EACH ROW WHEN (NEW.body IS NOT NULL) EXECUTE FUNCTION touch();
