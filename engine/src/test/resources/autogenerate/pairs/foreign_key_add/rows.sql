INSERT INTO author VALUES (1, 'le guin');
INSERT INTO book VALUES (1, 1, 'the dispossessed'), (2, NULL, 'anonymous');
