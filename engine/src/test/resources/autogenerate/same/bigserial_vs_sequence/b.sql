CREATE SCHEMA app;
CREATE TABLE app.event (id bigint NOT NULL, body text);
CREATE SEQUENCE app.event_id_seq START 1 INCREMENT 1 OWNED BY app.event.id;
ALTER TABLE app.event ALTER id SET DEFAULT nextval('app.event_id_seq');
