INSERT INTO sale VALUES (1, 'east', 10), (2, 'west', 5);
