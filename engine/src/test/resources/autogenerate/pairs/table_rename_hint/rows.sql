INSERT INTO client VALUES (1, 'a@example.com', 'Ada'), (2, 'g@example.com', NULL); INSERT INTO invoice VALUES (10, 1), (11, 2);
