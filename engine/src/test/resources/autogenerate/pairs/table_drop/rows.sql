INSERT INTO account VALUES (1, 'ada');
INSERT INTO audit_log VALUES (1, 'created');
