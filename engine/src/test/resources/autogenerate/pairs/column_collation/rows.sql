INSERT INTO word VALUES (1, 'apple'), (2, 'Zebra');
