INSERT INTO account VALUES (1, 'a@example.com', 1, 'a'), (2, 'b@example.com', 1, 'b');
