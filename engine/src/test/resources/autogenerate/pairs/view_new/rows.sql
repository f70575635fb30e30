INSERT INTO person VALUES (1, 'ada', true), (2, 'babbage', false);
