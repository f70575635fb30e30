CREATE TABLE note (body text NOT NULL);
