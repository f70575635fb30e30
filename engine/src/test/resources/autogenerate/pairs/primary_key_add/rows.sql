INSERT INTO tag VALUES (1, 'red'), (2, 'blue');
