INSERT INTO log_entry VALUES (1, '2024-03-01', 'hello'), (2, '2024-04-01', NULL);
