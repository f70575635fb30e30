INSERT INTO person VALUES (1, 'ada', 'countess'), (2, 'grace', NULL);
