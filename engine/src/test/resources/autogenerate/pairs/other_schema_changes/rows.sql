INSERT INTO "Sales Data"."Order" VALUES (1, 10);
INSERT INTO "Sales Data".line VALUES (1, 1);
