INSERT INTO ticket VALUES (1, 'first');
