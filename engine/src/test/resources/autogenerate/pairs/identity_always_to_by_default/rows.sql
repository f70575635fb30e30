INSERT INTO ticket (title) VALUES ('first');
