INSERT INTO box VALUES (1, 2, 3), (2, 4.5, 2);
