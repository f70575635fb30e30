INSERT INTO token VALUES (1, 'abc');
