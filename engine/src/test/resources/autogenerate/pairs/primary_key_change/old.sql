CREATE TABLE membership (group_id integer NOT NULL, user_id integer NOT NULL, since date, PRIMARY KEY (group_id));
