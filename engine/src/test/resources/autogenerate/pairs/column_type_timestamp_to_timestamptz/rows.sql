INSERT INTO event (id) VALUES (1), (2);
