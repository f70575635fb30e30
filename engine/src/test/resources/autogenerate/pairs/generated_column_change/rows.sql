INSERT INTO box (id, width, height) VALUES (1, 2, 3);
