INSERT INTO person VALUES (1, 'ada');
INSERT INTO staging.person_import VALUES (1, 'ada');
