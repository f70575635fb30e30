CREATE TABLE "User Account" ("ID" integer PRIMARY KEY, "e-mail" text NOT NULL, "Select" boolean DEFAULT false, "weird""quote" integer);
CREATE INDEX "User Account e-mail" ON "User Account" ("e-mail");
