INSERT INTO membership VALUES (1, 10, '2024-01-01'), (2, 10, NULL);
