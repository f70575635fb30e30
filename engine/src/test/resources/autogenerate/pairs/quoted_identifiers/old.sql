CREATE TABLE "User Account" ("ID" integer PRIMARY KEY, "e-mail" text NOT NULL);
