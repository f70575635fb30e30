CREATE TYPE mood AS ENUM ('happy');
ALTER TYPE mood ADD VALUE 'sad' BEFORE 'happy';
ALTER TYPE mood ADD VALUE 'ok' AFTER 'sad';
CREATE TABLE diary (id integer PRIMARY KEY, feeling mood);
