-- crm schema version 4: deals moving through a pipeline.
--
-- The pipeline is the stages in order, each with the probability a deal
-- in it has of being won unless the deal says otherwise.  Two stages are
-- the outcomes and are always there: 'won' and 'lost'.
CREATE TABLE stages (
	name        TEXT PRIMARY KEY,
	position    INTEGER NOT NULL UNIQUE,
	probability INTEGER NOT NULL CHECK (probability BETWEEN 0 AND 100)
) STRICT;
INSERT INTO stages (name, position, probability) VALUES
	('lead', 1, 10), ('qualified', 2, 25), ('proposal', 3, 50),
	('negotiation', 4, 75), ('won', 5, 100), ('lost', 6, 0);

-- A deal on a customer.  Its stage is text, not a reference to stages:
-- a pipeline may be set again later, and a deal keeps the stage it was
-- in (the reports then list it under its own name).  closed is when it
-- was won or lost (NULL while open); probability NULL is the stage's.
CREATE TABLE deals (
	id          INTEGER PRIMARY KEY,
	customer_id INTEGER NOT NULL REFERENCES customers ON DELETE CASCADE,
	title       TEXT NOT NULL,
	amount      INTEGER NOT NULL DEFAULT 0,   -- minor units
	stage       TEXT NOT NULL,
	probability INTEGER CHECK (probability BETWEEN 0 AND 100),
	close       TEXT,                         -- expected close
	owner       TEXT,
	product     TEXT,
	reason      TEXT,                         -- why it was lost
	source      TEXT NOT NULL DEFAULT '',     -- the system ref is from
	ref         TEXT,                         -- its id there (imports)
	created     TEXT NOT NULL,
	updated     TEXT NOT NULL,
	closed      TEXT
) STRICT;
CREATE INDEX deals_customer ON deals (customer_id);
CREATE INDEX deals_stage ON deals (stage, close);
CREATE UNIQUE INDEX deals_ref ON deals (source, ref) WHERE ref IS NOT NULL;

-- Every stage a deal entered, when, from which, and who moved it.  The
-- first row of a deal is its creation (from_stage NULL).
CREATE TABLE deal_history (
	id         INTEGER PRIMARY KEY,
	deal_id    INTEGER NOT NULL REFERENCES deals ON DELETE CASCADE,
	at         TEXT NOT NULL,
	from_stage TEXT,
	stage      TEXT NOT NULL,
	note       TEXT,
	actor      TEXT NOT NULL
) STRICT;
CREATE INDEX deal_history_deal ON deal_history (deal_id, at);

-- A purchase logged against the deal it came from.
ALTER TABLE interactions ADD COLUMN deal_id INTEGER
	REFERENCES deals ON DELETE SET NULL;

-- Export columns a deal has no place for, as customer_fields.
CREATE TABLE deal_fields (
	deal_id INTEGER NOT NULL REFERENCES deals ON DELETE CASCADE,
	key     TEXT NOT NULL,
	value   TEXT NOT NULL,
	PRIMARY KEY (deal_id, key)
) STRICT, WITHOUT ROWID;

-- Organisations are customers of type 'org', with ids, fields, tags,
-- interactions, reminders and deals like any customer; a person may be
-- a contact of one (org_id) in a role.  org_key is an organisation's
-- name as it is matched (crm_org_key: case, spaces, punctuation and a
-- legal form such as Ltd or GmbH do not count); domain its own e-mail
-- domain, by which its people are found.
ALTER TABLE customers ADD COLUMN type TEXT NOT NULL DEFAULT 'person'
	CHECK (type IN ('person', 'org'));
ALTER TABLE customers ADD COLUMN org_id INTEGER
	REFERENCES customers ON DELETE SET NULL;
ALTER TABLE customers ADD COLUMN role TEXT;
ALTER TABLE customers ADD COLUMN domain TEXT;
ALTER TABLE customers ADD COLUMN org_key TEXT;
CREATE INDEX customers_org ON customers (org_id) WHERE org_id IS NOT NULL;
CREATE INDEX customers_org_key ON customers (org_key)
	WHERE org_key IS NOT NULL;
CREATE UNIQUE INDEX customers_domain ON customers (domain)
	WHERE domain IS NOT NULL;
CREATE INDEX interactions_deal ON interactions (deal_id)
	WHERE deal_id IS NOT NULL;
