CREATE SCHEMA "Sales Data";
CREATE TABLE "Sales Data"."Order" ("Id" integer PRIMARY KEY, "Total" numeric(12,2) NOT NULL, "Note" text);
CREATE TABLE "Sales Data".line (id integer PRIMARY KEY, order_id integer NOT NULL REFERENCES "Sales Data"."Order" ("Id"));
CREATE INDEX "Line By Order" ON "Sales Data".line (order_id);
