CREATE TABLE measurement (id integer PRIMARY KEY, sensor character varying(10) NOT NULL, value integer NOT NULL);
CREATE VIEW m1 AS SELECT id, sensor, value FROM measurement;
CREATE VIEW m2 AS SELECT sensor, sum(value) AS total FROM m1 GROUP BY sensor;
CREATE VIEW a_report AS SELECT sensor, total FROM m2 WHERE total > 0;
