INSERT INTO person VALUES (1, 'Ada@Example.com'), (2, 'grace@example.com');
