INSERT INTO counter VALUES (1, 12), (2, 0);
