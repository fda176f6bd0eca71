-- crm schema version 15: the erased list.  A customer erased on request
-- (crm-add --erase) must not come back with the next import of the file
-- she was in: her e-mail addresses and ids are kept here, as keyed
-- hashes only (lib/erase.c: BLAKE2b keyed with the database's own
-- random key, the setting 'erased_key'), never as the values.  Imports
-- and crm-add skip a new customer whose address or id is here;
-- crm-add --unerase takes one off.
CREATE TABLE IF NOT EXISTS erased (
	hash TEXT PRIMARY KEY,		-- hex of the keyed hash
	at   TEXT NOT NULL		-- when she was erased
) STRICT, WITHOUT ROWID;
