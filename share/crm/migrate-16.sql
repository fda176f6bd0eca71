-- crm schema version 16: a customer's id is never given again.  Before
-- it, customers.id was a plain rowid, and SQLite gives a new row the
-- largest id plus one: after the customer with the largest id was
-- erased (crm-add --erase) or merged into another (crm-add --merge), the
-- next new customer got her id, and a file keyed by crm's id (an export
-- of crm-segment, crm-log --import with an id column) put her rows on
-- the newcomer.  With AUTOINCREMENT SQLite gives a new row one more than
-- the largest id the table has ever had (kept in sqlite_sequence).
--
-- SQLite cannot add AUTOINCREMENT to a table: customers is made again,
-- as SQLite's documentation says (lib/sqlite.c's remake_begin and
-- remake_end turn the foreign keys off around it and make the table's
-- indexes and triggers again from their own SQL).  Its rows are kept
-- aside in a temporary table rather than the new table renamed into
-- place: a rename would have to change the views and triggers that name
-- customers.  Every row keeps its id, so every reference holds.
CREATE TEMP TABLE crm_customers_15 AS SELECT * FROM main.customers;
DROP TABLE main.customers;
CREATE TABLE main.customers (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	external_id TEXT UNIQUE,          -- the id in the system it came from
	name        TEXT NOT NULL DEFAULT '',
	company     TEXT,
	email       TEXT UNIQUE,          -- normalised: trimmed, lower case
	phone       TEXT,
	industry    TEXT,
	tier        TEXT,
	owner       TEXT,                 -- the sales rep who owns the customer
	status      TEXT NOT NULL DEFAULT 'active'
	            CHECK (status IN ('lead', 'prospect', 'active', 'inactive', 'lost')),
	created     TEXT NOT NULL,
	updated     TEXT NOT NULL,
	type        TEXT NOT NULL DEFAULT 'person'
	            CHECK (type IN ('person', 'org')),
	org_id      INTEGER REFERENCES customers ON DELETE SET NULL,
	role        TEXT,
	domain      TEXT,
	org_key     TEXT,
	credit_limit INTEGER,
	terms       TEXT
) STRICT;
INSERT INTO main.customers SELECT * FROM temp.crm_customers_15 ORDER BY id;
DROP TABLE temp.crm_customers_15;

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
