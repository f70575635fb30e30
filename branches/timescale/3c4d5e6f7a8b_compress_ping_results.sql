-- revision: 3c4d5e6f7a8b
-- down_revision: 2b3c4d5e6f7a
-- message: compress ping_results after a week
-- create_date: 2026-11-21 10:20:00

-- migrate:upgrade
ALTER TABLE ping_results SET (
    timescaledb.compress,
    timescaledb.compress_segmentby = 'device_id',
    timescaledb.compress_orderby = 'time DESC'
);

SELECT add_compression_policy('ping_results', INTERVAL '7 days');

-- migrate:downgrade
-- The safe order: stop the policy, decompress what is compressed, then turn compression off.
SELECT remove_compression_policy('ping_results', if_exists => true);
SELECT decompress_chunk(c, if_compressed => true) FROM show_chunks('ping_results') c;
ALTER TABLE ping_results SET (timescaledb.compress = false);
