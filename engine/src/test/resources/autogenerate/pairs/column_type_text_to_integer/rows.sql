INSERT INTO reading VALUES (1, '42'), (2, '-7'), (3, '0');
