-- crm schema, version 1.  Compiled into every program (lib/schema.c is
-- generated from this file); later versions add migrate-N.sql files that
-- take a version N-1 database forward.  Times are ISO 8601 UTC text
-- ("2026-11-23T09:30:00Z", so they sort), money is integer minor units.

-- AUTOINCREMENT: an id is never given again (schema 17, migrate-17.sql).
CREATE TABLE customers (
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
	updated     TEXT NOT NULL
) STRICT;

-- Spreadsheet columns the schema has no place for: kept, never dropped.
CREATE TABLE customer_fields (
	customer_id INTEGER NOT NULL REFERENCES customers ON DELETE CASCADE,
	key         TEXT NOT NULL,
	value       TEXT NOT NULL,
	PRIMARY KEY (customer_id, key)
) STRICT, WITHOUT ROWID;

CREATE TABLE tags (
	customer_id INTEGER NOT NULL REFERENCES customers ON DELETE CASCADE,
	tag         TEXT NOT NULL,
	PRIMARY KEY (customer_id, tag)
) STRICT, WITHOUT ROWID;
CREATE INDEX tags_tag ON tags (tag);

-- Every touch: contacts, sales, service.  A complaint is open while
-- resolved is NULL; resolving it keeps the time, so time to resolve is
-- resolved - at.
CREATE TABLE interactions (
	id          INTEGER PRIMARY KEY,
	customer_id INTEGER NOT NULL REFERENCES customers ON DELETE CASCADE,
	at          TEXT NOT NULL,
	kind        TEXT NOT NULL CHECK (kind IN ('call', 'email', 'fax',
	            'meeting', 'visit', 'web', 'chat', 'purchase', 'return',
	            'complaint', 'inquiry', 'feedback', 'note')),
	channel     TEXT,
	product     TEXT,
	quantity    INTEGER,
	amount      INTEGER,              -- minor units; returns count against revenue
	rating      INTEGER CHECK (rating BETWEEN 1 AND 5),
	summary     TEXT,
	ref         TEXT,                 -- order or ticket number
	owner       TEXT,
	resolved    TEXT,                 -- complaints: when it was closed
	resolution  TEXT,
	created     TEXT NOT NULL
) STRICT;
CREATE INDEX interactions_customer ON interactions (customer_id, at);
-- Covers RFM and revenue without touching the table.
CREATE INDEX interactions_kind ON interactions (kind, customer_id, at, amount);

-- Satisfaction per indicator (quality, delivery, service, price, ...).
CREATE TABLE scores (
	interaction_id INTEGER NOT NULL REFERENCES interactions ON DELETE CASCADE,
	indicator      TEXT NOT NULL,
	score          INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
	PRIMARY KEY (interaction_id, indicator)
) STRICT, WITHOUT ROWID;

-- Cadence rules: customers matching expr get due every "every".
CREATE TABLE rules (
	id      INTEGER PRIMARY KEY,
	expr    TEXT NOT NULL,
	every   TEXT NOT NULL,            -- a duration: 30d, 6w, 3m, 1y
	note    TEXT NOT NULL,
	owner   TEXT,
	created TEXT NOT NULL
) STRICT;

CREATE TABLE reminders (
	id          INTEGER PRIMARY KEY,
	customer_id INTEGER NOT NULL REFERENCES customers ON DELETE CASCADE,
	due         TEXT NOT NULL,
	every       TEXT,                 -- recurring when set
	note        TEXT NOT NULL,
	owner       TEXT,
	done        TEXT,                 -- when completed (NULL: open)
	created     TEXT NOT NULL
) STRICT;
CREATE INDEX reminders_due ON reminders (done, due);
CREATE INDEX reminders_customer ON reminders (customer_id);

-- Who changed or exported what.  No foreign key: the trail outlives the
-- customers it speaks of (merges, deletions).
CREATE TABLE audit (
	id          INTEGER PRIMARY KEY,
	at          TEXT NOT NULL,
	actor       TEXT NOT NULL,
	action      TEXT NOT NULL,
	customer_id INTEGER,
	detail      TEXT
) STRICT;
CREATE INDEX audit_customer ON audit (customer_id);

-- Settings such as the complaint SLA.
CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) STRICT;
