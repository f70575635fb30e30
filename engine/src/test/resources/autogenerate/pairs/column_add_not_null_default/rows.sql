INSERT INTO item VALUES (1, 'bolt'), (2, 'nut');
