INSERT INTO reading VALUES (1, '2024-03-01', 'a'), (2, '2025-04-01', NULL);
