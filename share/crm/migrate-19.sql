-- crm schema version 19: the customers never contacted, kept at write
-- time, so that the morning list (crm-remind, lib/remind.c) finds a
-- cadence rule's never contacted customers without reading every
-- customer.
--	cust_never	one row per person with no interactions (no
--			cust_totals row); organisations are left out, as
--			a rule's filter takes people only (expr.c's scope)
-- Before it, each rule read every customer of its filter and looked
-- their totals up to find those with none: at 1,000,000 customers, 96%
-- of a kept-up morning (bench/README.md, "A kept-up morning").
--
-- Kept by triggers, in the same transaction as every write: a new
-- person is never contacted; a cust_totals row made (the first
-- interaction, by agg.c's triggers or an import's catch-up) takes them
-- out, one taken away (the last interaction undone, erased or moved by a
-- merge) puts them back, while they are there; a person made an
-- organisation (cust.c) goes, and back.  A customer who goes takes their
-- row (the key, and a trigger for when a load has foreign keys off).
-- At 100,000 customers the 5,000 organisations, every one of them never
-- contacted, were 32 M of a kept-up morning's 56 M instructions when
-- they were in the set.  No part of undo (lib/undo.c): undo
-- writes customers and interactions, and these triggers follow.  `crm
-- check` works the set out from the raw rows (lib/agg.c).
--
-- Re-runnable (t/710-undo.bats migrates again): IF NOT EXISTS, the
-- triggers made again, the rows filled anew.  Comments stay outside the
-- triggers (their text is parsed every run).
CREATE TABLE IF NOT EXISTS cust_never (
	customer_id INTEGER PRIMARY KEY REFERENCES customers ON DELETE CASCADE
) STRICT;

DROP TRIGGER IF EXISTS never_customers_ai;
CREATE TRIGGER never_customers_ai AFTER INSERT ON customers
    WHEN new.type = 'person' BEGIN
	INSERT OR IGNORE INTO cust_never SELECT new.id WHERE NOT EXISTS
	    (SELECT 1 FROM cust_totals WHERE customer_id = new.id);
END;
DROP TRIGGER IF EXISTS never_customers_au;
CREATE TRIGGER never_customers_au AFTER UPDATE OF id, type ON customers
    WHEN old.id <> new.id OR old.type IS NOT new.type BEGIN
	DELETE FROM cust_never WHERE customer_id = old.id;
	INSERT OR IGNORE INTO cust_never SELECT new.id WHERE
	    new.type = 'person' AND NOT EXISTS (SELECT 1 FROM cust_totals
	    WHERE customer_id = new.id);
END;
DROP TRIGGER IF EXISTS never_customers_ad;
CREATE TRIGGER never_customers_ad AFTER DELETE ON customers BEGIN
	DELETE FROM cust_never WHERE customer_id = old.id;
END;
DROP TRIGGER IF EXISTS never_totals_ai;
CREATE TRIGGER never_totals_ai AFTER INSERT ON cust_totals BEGIN
	DELETE FROM cust_never WHERE customer_id = new.customer_id;
END;
DROP TRIGGER IF EXISTS never_totals_ad;
CREATE TRIGGER never_totals_ad AFTER DELETE ON cust_totals BEGIN
	INSERT OR IGNORE INTO cust_never SELECT old.customer_id WHERE EXISTS
	    (SELECT 1 FROM customers WHERE id = old.customer_id AND
	    type = 'person');
END;

DELETE FROM cust_never;
INSERT INTO cust_never SELECT id FROM customers c WHERE type = 'person'
	AND NOT EXISTS (SELECT 1 FROM cust_totals t WHERE t.customer_id = c.id);
