CREATE TABLE t (a int4, b int8, c int2, d float8, e float4, f bool, g varchar(20), h timestamptz, i decimal(10,2), j char(3), k timestamp, l timetz, m int, n varbit(4), o char);
