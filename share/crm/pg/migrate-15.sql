-- crm schema version 15 for PostgreSQL: a customer's id is never given
-- again, as SQLite's schema 17 (share/crm/migrate-17.sql says why: an
-- erased or merged-away customer's id went to the next new one).
--
-- schema.sql's crm_next_id gives a new row the largest id plus one, and
-- its crm_next_id_forget made a DELETE forget the transaction's count,
-- as SQLite gives a deleted largest id again.  SQLite's AUTOINCREMENT
-- gives one more than the largest id the table has ever had, which it
-- keeps in sqlite_sequence: the same table here, under SQLite's name,
-- so that crm copy reads and writes it in one SQL (lib/copy.c).
--
-- It is written when the largest id could be lost, not at every insert
-- (a row updated at every insert of a transaction makes a chain of
-- versions each update walks): before a DELETE of customers, the
-- largest id there (a statement's trigger, which writes nothing when
-- the sequence is there already).  A new id is one more than the larger
-- of the table's largest and the sequence.  An INSERT ... ON CONFLICT
-- DO NOTHING that inserted nothing gives its id to the next row, as
-- before (lib/pg.c's forget(); SQLite puts its sequence back likewise).
CREATE TABLE IF NOT EXISTS sqlite_sequence (
	name text COLLATE "C" PRIMARY KEY,
	seq  bigint NOT NULL
);
-- What is known of the ids given before, as SQLite's migrate-17.sql:
-- the largest there, a former customer's that the audit trail still
-- names (a merged one's), and those its erase and merge rows name.
INSERT INTO sqlite_sequence (name, seq) SELECT 'customers',
	coalesce(greatest((SELECT max(id) FROM customers),
	(SELECT max(customer_id) FROM audit),
	(SELECT max(substring(detail FROM '^\{"customer":([0-9]+)[,}]')::bigint)
	    FROM audit WHERE action = 'erase'),
	(SELECT max(substring(detail FROM '^\{"merged":\{"id":([0-9]+)[,}]')::bigint)
	    FROM audit WHERE action = 'merge')), 0)
	ON CONFLICT (name) DO NOTHING;

CREATE OR REPLACE FUNCTION crm_next_id_customers() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	next bigint := nullif(current_setting('crm.next_customers', true),
	    '')::bigint;
BEGIN
	IF NEW.id IS NULL THEN
		NEW.id := coalesce(next, greatest(coalesce((SELECT max(id)
		    FROM customers), 0), coalesce((SELECT seq FROM
		    sqlite_sequence WHERE name = 'customers'), 0)) + 1);
	ELSIF next IS NULL OR NEW.id < next THEN
		RETURN NEW;
	END IF;
	PERFORM set_config('crm.next_customers', (NEW.id + 1)::text, true);
	RETURN NEW;
END$$;

CREATE OR REPLACE FUNCTION crm_keep_top_customers() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	UPDATE sqlite_sequence SET seq = t.top FROM (SELECT max(id) AS top
	    FROM customers) AS t WHERE name = 'customers' AND seq < t.top;
	RETURN NULL;
END$$;
DROP TRIGGER IF EXISTS crm_next_id_forget ON customers;
DROP TRIGGER IF EXISTS crm_keep_top ON customers;
CREATE TRIGGER crm_keep_top BEFORE DELETE ON customers
	FOR EACH STATEMENT EXECUTE FUNCTION crm_keep_top_customers();
