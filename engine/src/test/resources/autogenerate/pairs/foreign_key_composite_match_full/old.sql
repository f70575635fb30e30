CREATE TABLE region (country text NOT NULL, code text NOT NULL, PRIMARY KEY (country, code));
CREATE TABLE shop (id integer PRIMARY KEY, country text, region_code text);
