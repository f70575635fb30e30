INSERT INTO task VALUES (1, 'done', 3);
