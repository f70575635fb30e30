CREATE TABLE person (id integer PRIMARY KEY, name text, active boolean);
create   view   ACTIVE_PERSON
  as
    select person.ID,
           person.NAME
      from PUBLIC.PERSON
     where (PERSON.active);
