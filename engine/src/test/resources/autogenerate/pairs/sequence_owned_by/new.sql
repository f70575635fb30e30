CREATE TABLE ticket (id integer NOT NULL PRIMARY KEY, title text);
CREATE SEQUENCE ticket_id_seq AS integer OWNED BY ticket.id;
ALTER TABLE ticket ALTER COLUMN id SET DEFAULT nextval('ticket_id_seq');
