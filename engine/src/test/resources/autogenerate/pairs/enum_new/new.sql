CREATE TYPE ticket_state AS ENUM ('open', 'in progress', 'closed');
CREATE TABLE ticket (id integer PRIMARY KEY, title text NOT NULL, state ticket_state NOT NULL DEFAULT 'open');
