CREATE TABLE sale (id integer PRIMARY KEY, region character varying(8) NOT NULL, amount numeric(12,2) NOT NULL);
CREATE MATERIALIZED VIEW sale_by_region AS SELECT region, sum(amount) AS total FROM sale GROUP BY region;
CREATE UNIQUE INDEX sale_by_region_key ON sale_by_region (region);
COMMENT ON INDEX sale_by_region_key IS 'lets REFRESH ... CONCURRENTLY run';
