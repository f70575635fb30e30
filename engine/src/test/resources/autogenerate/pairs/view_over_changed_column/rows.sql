INSERT INTO measurement VALUES (1, 50), (2, 500);
