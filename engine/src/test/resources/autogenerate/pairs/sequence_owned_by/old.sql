CREATE TABLE ticket (id integer NOT NULL PRIMARY KEY, title text);
CREATE SEQUENCE ticket_id_seq AS integer;
