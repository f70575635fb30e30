INSERT INTO metric SELECT '2024-01-01 00:00:00+00'::timestamptz + i * INTERVAL '1 hour', i % 3, i * 0.5 FROM generate_series(0, 99) AS i;
