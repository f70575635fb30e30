CREATE TYPE ticket_state AS ENUM ('open', 'waiting', 'stale', 'closed');
CREATE TABLE ticket (id integer PRIMARY KEY, state ticket_state NOT NULL DEFAULT 'open', history ticket_state[] NOT NULL DEFAULT '{}',
    CONSTRAINT ticket_not_stale_when_closed CHECK (state <> 'stale' OR id > 0));
CREATE INDEX ticket_open ON ticket (id) WHERE state <> 'closed';
CREATE VIEW open_ticket AS SELECT id, state FROM ticket WHERE state <> 'closed';
