-- crm schema version 20 for PostgreSQL: SQLite's schema 20
-- (share/crm/migrate-20.sql says why): a reminder keeps the id of the
-- task it was imported from, and the system the id is from, one
-- reminder a task.  Re-runnable (IF NOT EXISTS), as the others.
ALTER TABLE reminders ADD COLUMN IF NOT EXISTS source text COLLATE "C"
	NOT NULL DEFAULT '';
ALTER TABLE reminders ADD COLUMN IF NOT EXISTS ref text COLLATE "C";
CREATE UNIQUE INDEX IF NOT EXISTS reminders_ref ON reminders (source, ref)
	WHERE ref IS NOT NULL;
