INSERT INTO ticket VALUES (1, 'first'), (2, 'second');
