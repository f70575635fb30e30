INSERT INTO account VALUES (1, 'ada'), (2, 'grace');
