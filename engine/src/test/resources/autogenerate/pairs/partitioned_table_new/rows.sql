INSERT INTO device VALUES (1, 'probe');
