-- crm schema version 5: undo.  Every change a crm program makes (one
-- write transaction that wrote an audit row) is a row of undo_changes;
-- what it replaced is kept by triggers in a shadow table undo_T for each
-- data table T, which lib/undo.c makes from the schema after every
-- migration (so a later migration that adds a column gets it there too).
-- Rows a change inserted are not copied one by one: undo_marks keeps,
-- for each table with rowids, the largest rowid before the change (lo)
-- and after it (hi); the rows in (lo, hi] are the ones it added.
CREATE TABLE IF NOT EXISTS undo_changes (
	id        INTEGER PRIMARY KEY,
	audit_id  INTEGER,                -- its first audit row: the id users see
	undone_by INTEGER,                -- the audit row of the undo
	blocked   INTEGER                 -- the change that erased a customer it
	                                  -- touched (its own id: it is the erase)
) STRICT;
CREATE INDEX IF NOT EXISTS undo_changes_audit ON undo_changes (audit_id);

CREATE TABLE IF NOT EXISTS undo_marks (
	change INTEGER NOT NULL,
	tbl    TEXT NOT NULL,
	lo     INTEGER NOT NULL,
	hi     INTEGER NOT NULL,
	PRIMARY KEY (change, tbl)
) STRICT, WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS undo_marks_tbl ON undo_marks (tbl, lo);
