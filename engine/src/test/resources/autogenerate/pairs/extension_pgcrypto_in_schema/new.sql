CREATE SCHEMA crypto;
CREATE EXTENSION pgcrypto WITH SCHEMA crypto;
CREATE TABLE secret (id integer PRIMARY KEY, plain text NOT NULL, digest bytea GENERATED ALWAYS AS (crypto.digest(plain, 'sha256')) STORED);
