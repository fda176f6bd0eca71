-- crm schema version 17: a customer's id is never given again.  Before
-- it, customers.id was a plain rowid, and SQLite gives a new row the
-- largest id plus one: after the customer with the largest id was
-- erased (crm-add --erase) or merged into another (crm-add --merge), the
-- next new customer got her id, and a file keyed by crm's id (an export
-- of crm-segment, crm-log --import with an id column) put her rows on
-- the newcomer.  With AUTOINCREMENT SQLite gives a new row one more than
-- the largest id the table has ever had (kept in sqlite_sequence).
--
-- SQLite cannot add AUTOINCREMENT to a table: lib/sqlite.c's
-- remake_customers makes customers again before this script, as SQLite's
-- documentation says: foreign keys off, its rows kept aside in a
-- temporary table, the table dropped and made again from its own SQL
-- with AUTOINCREMENT added (so a column added by hand stays), the rows
-- put back with their ids (every reference holds), and its indexes and
-- triggers made again from their own SQL.  Not a rename of a new table
-- into place: that would have to change the views and triggers that
-- name customers.  A new database's table has it already (schema.sql).

-- The largest id known to have been given: the table's own (the rows
-- copied back set it), a former customer's that the audit trail still
-- names (a merged one's rows are kept under her id), and the ids its
-- erase rows ({"customer":N,...}) and merge rows ({"merged":{"id":N,...}})
-- name.  lib/sqlite.c adds what undo keeps of deleted customers.
INSERT INTO sqlite_sequence (name, seq) SELECT 'customers', 0
	WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence
	WHERE name = 'customers');
UPDATE sqlite_sequence SET seq = max(seq,
	coalesce((SELECT max(customer_id) FROM audit), 0),
	coalesce((SELECT max(CAST(json_extract(detail, '$.customer') AS
	    INTEGER)) FROM audit WHERE action = 'erase' AND
	    json_valid(detail)), 0),
	coalesce((SELECT max(CAST(json_extract(detail, '$.merged.id') AS
	    INTEGER)) FROM audit WHERE action = 'merge' AND
	    json_valid(detail)), 0))
	WHERE name = 'customers';
