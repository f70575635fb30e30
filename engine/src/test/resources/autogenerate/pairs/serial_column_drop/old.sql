-- irreversible
CREATE TABLE note (body text NOT NULL, id bigserial NOT NULL);
