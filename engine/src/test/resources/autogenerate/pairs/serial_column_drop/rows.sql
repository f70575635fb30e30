INSERT INTO note VALUES ('one'), ('two');
