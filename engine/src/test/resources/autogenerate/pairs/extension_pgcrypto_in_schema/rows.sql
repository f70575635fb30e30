INSERT INTO secret VALUES (1, 'hunter2');
