CREATE TABLE event (id integer PRIMARY KEY, happened_at timestamp without time zone NOT NULL DEFAULT now());
