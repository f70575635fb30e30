INSERT INTO person VALUES (1, 'Ada Lovelace'), (2, 'Grace Hopper');
