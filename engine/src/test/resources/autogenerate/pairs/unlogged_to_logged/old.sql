CREATE UNLOGGED TABLE cache_entry (key text PRIMARY KEY, value text);
