INSERT INTO region VALUES ('fr', 'idf'), ('fr', 'bre');
INSERT INTO shop VALUES (1, 'fr', 'idf'), (2, NULL, NULL);
