-- crm schema version 21:
--
-- People's organisation index takes their names too, (org_id, name):
-- an import asks, for each person it adds at an organisation, whether
-- one of that name was there before (lib/import.c twin_added); by
-- org_id alone that read every person of the organisation, a firm of
-- 600 people 600 rows for each new one (qa49: 3,000 people of 97 firms
-- into 60,000 customers took three times the CPU of a load into none).
-- The index serves every question by org_id as before.
--
-- A reminder imported from another system's task keeps the task's due
-- date in that file (reminders.source_due, added by lib/sqlite.c when
-- missing, as migrate-20.sql's columns are), so that the next import
-- tells a task moved there (the reminder moves) from one snoozed or
-- done here (its due stays): lib/remimport.c.
DROP INDEX IF EXISTS customers_org;
CREATE INDEX customers_org ON customers (org_id, name)
	WHERE org_id IS NOT NULL;
