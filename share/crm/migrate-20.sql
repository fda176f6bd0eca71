-- crm schema version 20: a reminder keeps the id of the task it was
-- imported from (crm-remind import, lib/remimport.c), and the system
-- the id is from, as a deal keeps its (migrate-4.sql):
--	reminders.source	the system ('' for none given or told)
--	reminders.ref		the task's id there; NULL for a reminder
--				made here or from a file without ids
-- so that a task imported again is the same reminder: moved to another
-- due date or its note edited there, it is updated; done there, it is
-- closed (qa35 F4: it was added again, or stayed open).  One reminder a
-- task: the index below is unique.
--
-- The columns are added by lib/sqlite.c (add_columns()) before this
-- runs, when missing: ALTER TABLE has no IF NOT EXISTS, and a migration
-- runs again on a database set back to an older version (t/010, t/150,
-- t/710), as the rest of this file does.  undo's shadow table gets them
-- from the schema after the migration (crm_undo_schema).
CREATE UNIQUE INDEX IF NOT EXISTS reminders_ref ON reminders (source, ref)
	WHERE ref IS NOT NULL;
