-- irreversible
CREATE TABLE person (id integer PRIMARY KEY, name text NOT NULL);
CREATE SCHEMA staging;
CREATE TABLE staging.person_import (id integer, name text);
CREATE SEQUENCE staging.batch_no;
