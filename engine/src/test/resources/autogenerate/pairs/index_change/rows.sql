INSERT INTO person (id, email, name, tags) VALUES (1, 'Ada@example.com', 'ada', '{math}'), (2, 'grace@example.com', 'grace', '{navy,cobol}');
