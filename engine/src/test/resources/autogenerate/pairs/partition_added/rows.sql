INSERT INTO region_sale VALUES ('east', 3), ('east', 4);
