CREATE TABLE document (id integer PRIMARY KEY, body text, updated_at timestamp with time zone);
