CREATE TABLE event (id integer PRIMARY KEY, happened_at timestamp with time zone NOT NULL DEFAULT now());
