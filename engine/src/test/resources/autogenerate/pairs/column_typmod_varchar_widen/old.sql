CREATE TABLE customer (id integer PRIMARY KEY, code character varying(10) NOT NULL);
