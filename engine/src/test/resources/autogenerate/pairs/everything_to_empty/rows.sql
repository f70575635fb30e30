INSERT INTO shop.customer (email) VALUES ('a@example.com');
INSERT INTO shop.purchase (customer_id, status) VALUES (1, 'paid');
