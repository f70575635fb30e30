INSERT INTO product VALUES (1, 10), (2, 99.5);
