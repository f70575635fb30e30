INSERT INTO "User Account" VALUES (1, 'a@example.com');
