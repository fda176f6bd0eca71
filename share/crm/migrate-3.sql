-- crm schema version 3: a customer known to several systems, and
-- interactions that keep every column of an export.
--
-- identities holds a customer's ids beyond customers.external_id (each
-- with the system it came from; '' for none) and its e-mails beyond
-- customers.email.  An id is unique within its source and an e-mail is
-- unique everywhere: the code also keeps them apart from the customers
-- columns, which SQLite cannot check across two tables.
CREATE TABLE identities (
	customer_id INTEGER NOT NULL REFERENCES customers ON DELETE CASCADE,
	kind        TEXT NOT NULL CHECK (kind IN ('id', 'email')),
	value       TEXT NOT NULL,
	source      TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (kind, value, source)
) STRICT, WITHOUT ROWID;
CREATE INDEX identities_customer ON identities (customer_id);

-- A customer known by neither e-mail nor id is found again by name
-- (with phone or company): only those customers are in this index, so
-- it costs nothing to the usual import.
CREATE INDEX customers_name ON customers (name)
	WHERE email IS NULL AND external_id IS NULL;

-- Export columns an interaction has no place for, as customer_fields.
CREATE TABLE interaction_fields (
	interaction_id INTEGER NOT NULL REFERENCES interactions
	               ON DELETE CASCADE,
	key            TEXT NOT NULL,
	value          TEXT NOT NULL,
	PRIMARY KEY (interaction_id, key)
) STRICT, WITHOUT ROWID;

-- The line of an order (1, 2, ...) that an interaction is, so the line
-- items of one order (one ref, one time) are told apart on re-import.
ALTER TABLE interactions ADD COLUMN item INTEGER;
