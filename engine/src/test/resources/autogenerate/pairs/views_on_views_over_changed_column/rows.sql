INSERT INTO measurement VALUES (1, 'north', 3), (2, 'south', 4);
