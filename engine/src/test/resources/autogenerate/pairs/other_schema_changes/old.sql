CREATE SCHEMA "Sales Data";
CREATE TABLE "Sales Data"."Order" ("Id" integer PRIMARY KEY, "Total" integer NOT NULL);
CREATE TABLE "Sales Data".line (id integer PRIMARY KEY, order_id integer NOT NULL);
