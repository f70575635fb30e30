INSERT INTO customer VALUES (1, 'ada');
INSERT INTO zz_purchase_order VALUES (1, 1);
INSERT INTO aa_order_line VALUES (1, 1);
