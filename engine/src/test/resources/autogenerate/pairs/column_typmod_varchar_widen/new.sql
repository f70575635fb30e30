CREATE TABLE customer (id integer PRIMARY KEY, code character varying(40) NOT NULL);
