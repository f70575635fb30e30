INSERT INTO customer VALUES (1, 'ABC-1'), (2, 'ABC-2');
