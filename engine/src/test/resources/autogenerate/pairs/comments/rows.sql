INSERT INTO person VALUES (1, 'ada', '1815-12-10');
