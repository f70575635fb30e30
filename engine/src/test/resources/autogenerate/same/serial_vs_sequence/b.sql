CREATE SEQUENCE ticket_id_seq AS integer;
CREATE TABLE ticket (id integer NOT NULL DEFAULT nextval('ticket_id_seq'::regclass), title text);
ALTER SEQUENCE ticket_id_seq OWNED BY ticket.id;
ALTER TABLE ticket ADD PRIMARY KEY (id);
