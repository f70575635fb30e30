INSERT INTO product VALUES (1, 10, 1), (2, 0, 0);
