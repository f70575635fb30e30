INSERT INTO ticket VALUES (1, 'open', '{open}'), (2, 'closed', '{open,waiting,closed}'), (3, 'waiting', '{}');
