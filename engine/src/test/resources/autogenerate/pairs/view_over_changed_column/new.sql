CREATE TABLE measurement (id integer PRIMARY KEY, value bigint NOT NULL);
CREATE VIEW big_measurement AS SELECT id, value FROM measurement WHERE value > 100;
