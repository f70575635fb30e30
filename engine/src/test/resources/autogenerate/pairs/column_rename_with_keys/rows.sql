INSERT INTO account VALUES ('A1', 'Ada', 10), ('A2', 'Grace', 0); INSERT INTO transfer VALUES (1, 'A1');
