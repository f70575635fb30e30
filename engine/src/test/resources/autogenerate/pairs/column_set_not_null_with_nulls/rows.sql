INSERT INTO person VALUES (1, 'ada', 'a'), (2, NULL, NULL);
