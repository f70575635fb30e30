CREATE EXTENSION IF NOT EXISTS timescaledb;
CREATE TABLE device (id integer PRIMARY KEY, name text NOT NULL);
