-- crm schema version 2: a recurring reminder remembers its first due date,
-- so that "every 1m" from January 31st stays on the last day of the month
-- instead of drifting to the 28th after February.
ALTER TABLE reminders ADD COLUMN first_due TEXT;
UPDATE reminders SET first_due = due WHERE every IS NOT NULL;
