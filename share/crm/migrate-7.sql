-- crm schema version 7: receivables and credit.
--
-- Invoices and payments are interactions of their own kinds:
--	invoice	amount: what is owed; ref: the invoice number; due: when
--		it is to be paid (at + the customer's terms when not given)
--	payment	amount: what was paid; ref: the invoice it settles (a
--		part of it, or the whole); several payments may settle one
-- A customer may have a credit limit (minor units, NULL: none) and
-- payment terms (a duration such as 30d, NULL: the setting's default).
--
-- The kinds are a closed set, kept by a CHECK on interactions.  Widening
-- that set changes no stored row, so the table's SQL is edited in place,
-- as SQLite's ALTER TABLE page allows for changes "that do not affect the
-- on-disk content in any way", instead of copying every interaction into
-- a new table (minutes, and twice the file, at ten million rows).
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql, '''feedback'', ''note'')',
    '''feedback'', ''note'', ''invoice'', ''payment'')')
    WHERE type = 'table' AND name = 'interactions'
    AND instr(sql, '''invoice''') = 0;
PRAGMA writable_schema = RESET;

ALTER TABLE interactions ADD COLUMN due TEXT;
ALTER TABLE customers ADD COLUMN credit_limit INTEGER;
ALTER TABLE customers ADD COLUMN terms TEXT;
