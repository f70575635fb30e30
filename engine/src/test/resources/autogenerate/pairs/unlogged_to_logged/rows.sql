INSERT INTO cache_entry VALUES ('a', '1'), ('b', NULL);
