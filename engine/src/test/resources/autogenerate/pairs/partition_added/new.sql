CREATE TABLE region_sale (region text NOT NULL, amount integer NOT NULL) PARTITION BY LIST (region);
CREATE TABLE region_sale_east PARTITION OF region_sale FOR VALUES IN ('east');
CREATE TABLE region_sale_west PARTITION OF region_sale FOR VALUES IN ('west', 'north west');
