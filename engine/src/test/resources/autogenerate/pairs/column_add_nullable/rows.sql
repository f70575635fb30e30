INSERT INTO person VALUES (1, 'ada'), (2, 'grace'), (3, 'linus');
