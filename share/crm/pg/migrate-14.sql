-- crm schema version 14 for PostgreSQL: the erased list, as SQLite's
-- schema 15 (share/crm/migrate-15.sql says what it holds and why).
CREATE TABLE IF NOT EXISTS erased (
	hash text COLLATE "C" PRIMARY KEY,
	at   text COLLATE "C" NOT NULL
);
