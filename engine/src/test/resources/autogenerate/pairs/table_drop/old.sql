-- irreversible
CREATE TABLE account (id integer PRIMARY KEY, name text NOT NULL);
CREATE TABLE audit_log (id bigint PRIMARY KEY, message text);
