CREATE SCHEMA app;
CREATE TABLE app.event (id bigserial, body text);
