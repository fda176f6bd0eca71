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
-- interaction: the aggregates' triggers, below, or an import's catch-up)
-- takes them out, one taken away (the last interaction undone, erased or
-- moved by a merge) puts them back, while they are there; a person made an
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
-- migrate-14.sql's agg_put_row and agg_fix_row, each with one statement
-- more at its end: a row added takes the customer out of the set, and a
-- customer left with no cust_totals row goes back in.  In them rather
-- than in triggers on cust_totals: a row trigger on a table makes
-- SQLite write every INSERT ... SELECT into it through a temporary
-- table first, and an import's catch-up inserts each customer's totals
-- so (lib/agg.c): it cost an import of 2,000 interactions into history
-- 60 M instructions (5%).  The catch-up, which the triggers do not see,
-- puts the set right for its customers in two statements.
DROP TRIGGER IF EXISTS agg_put_row;
CREATE TRIGGER agg_put_row INSTEAD OF INSERT ON agg_put BEGIN
	INSERT INTO cust_totals VALUES (new.customer_id, new.sign, new.at,
	    new.at, new.sign * (new.kind = 'purchase'),
	    new.sign * (new.kind = 'purchase') * coalesce(new.quantity, 0),
	    new.sign * CASE new.kind WHEN 'purchase' THEN
	    coalesce(new.amount, 0) WHEN 'return' THEN
	    -abs(coalesce(new.amount, 0)) ELSE 0 END,
	    CASE WHEN new.kind = 'purchase' THEN new.at END,
	    CASE WHEN new.kind = 'purchase' THEN new.at END,
	    new.sign * (new.kind = 'return'),
	    new.sign * (new.kind = 'complaint'),
	    new.sign * (new.kind = 'complaint' AND new.resolved IS NULL),
	    new.sign * coalesce(new.rating, 0),
	    new.sign * (new.rating IS NOT NULL))
	    ON CONFLICT (customer_id) DO UPDATE SET n = n + excluded.n,
	    first_at = min(first_at, excluded.first_at),
	    last_at = max(last_at, excluded.last_at),
	    purchases = purchases + excluded.purchases,
	    units = units + excluded.units,
	    revenue = revenue + excluded.revenue,
	    first_purchase = coalesce(min(first_purchase,
	    excluded.first_purchase), first_purchase, excluded.first_purchase),
	    last_purchase = coalesce(max(last_purchase, excluded.last_purchase),
	    last_purchase, excluded.last_purchase),
	    returns = returns + excluded.returns,
	    complaints = complaints + excluded.complaints,
	    open_complaints = open_complaints + excluded.open_complaints,
	    rating_sum = rating_sum + excluded.rating_sum,
	    rating_n = rating_n + excluded.rating_n;
	INSERT INTO cust_periods VALUES (new.customer_id,
	    substr(new.at, 1, 7), new.sign, new.at, new.sign * (new.kind = 'purchase'),
	    new.sign * (new.kind = 'purchase') * coalesce(new.quantity, 0),
	    new.sign * CASE new.kind WHEN 'purchase' THEN
	    coalesce(new.amount, 0) WHEN 'return' THEN
	    -abs(coalesce(new.amount, 0)) ELSE 0 END,
	    CASE WHEN new.kind = 'purchase' THEN new.at END,
	    new.sign * (new.kind = 'return'),
	    new.sign * (new.kind = 'complaint'),
	    new.sign * (new.kind = 'complaint' AND new.resolved IS NULL),
	    new.sign * coalesce(new.rating, 0),
	    new.sign * (new.rating IS NOT NULL))
	    ON CONFLICT (customer_id, month) DO UPDATE SET n = n + excluded.n,
	    last_at = max(last_at, excluded.last_at),
	    purchases = purchases + excluded.purchases,
	    units = units + excluded.units,
	    revenue = revenue + excluded.revenue,
	    last_purchase = coalesce(max(last_purchase, excluded.last_purchase),
	    last_purchase, excluded.last_purchase),
	    returns = returns + excluded.returns,
	    complaints = complaints + excluded.complaints,
	    open_complaints = open_complaints + excluded.open_complaints,
	    rating_sum = rating_sum + excluded.rating_sum,
	    rating_n = rating_n + excluded.rating_n;
	INSERT INTO cust_years SELECT new.customer_id, substr(new.at, 1, 4),
	    new.sign, new.sign * CASE new.kind WHEN 'purchase' THEN
	    coalesce(new.amount, 0) WHEN 'return' THEN
	    -abs(coalesce(new.amount, 0)) ELSE 0 END,
	    new.sign * (new.kind = 'purchase' AND NOT EXISTS (SELECT 1 FROM
	    interactions WHERE kind = 'purchase' AND
	    customer_id = new.customer_id AND ref = new.ref AND id <> new.id AND
	    at >= substr(new.at, 1, 7) AND at < substr(new.at, 1, 7) || '.')),
	    new.sign * coalesce(new.rating, 0),
	    new.sign * (new.rating IS NOT NULL) WHERE 1
	    ON CONFLICT (customer_id, year) DO UPDATE SET n = n + excluded.n,
	    revenue = revenue + excluded.revenue,
	    orders = orders + excluded.orders,
	    rating_sum = rating_sum + excluded.rating_sum,
	    rating_n = rating_n + excluded.rating_n;
	INSERT INTO cust_split SELECT new.customer_id, new.sign WHERE
	    new.kind = 'purchase' AND (SELECT min(substr(at, 1, 7)) =
	    max(substr(at, 1, 7)) AND substr(min(at), 1, 7) <>
	    substr(new.at, 1, 7) FROM interactions WHERE kind = 'purchase' AND
	    customer_id = new.customer_id AND ref = new.ref AND id <> new.id)
	    ON CONFLICT (customer_id) DO UPDATE SET refs = refs + excluded.refs;
	UPDATE cust_sales SET month_orders = month_orders - new.sign
	    WHERE new.kind = 'purchase' AND customer_id = new.customer_id AND
	    month = substr(new.at, 1, 7) AND product = (SELECT
	    min(coalesce(product, X'')) FROM interactions WHERE
	    kind = 'purchase' AND customer_id = new.customer_id AND
	    ref = new.ref AND id <> new.id AND at >= substr(new.at, 1, 7) AND
	    at < substr(new.at, 1, 7) || '.') AND
	    product > coalesce(new.product, X'');
	INSERT INTO cust_sales SELECT new.customer_id, substr(new.at, 1, 7),
	    coalesce(new.product, X''), new.sign * (new.kind = 'purchase'),
	    new.sign * (new.kind = 'purchase') * coalesce(new.quantity, 0),
	    new.sign * (new.kind = 'purchase') * coalesce(new.amount, 0),
	    new.sign * (new.amount IS NOT NULL),
	    new.sign * (new.kind = 'return'),
	    new.sign * (new.kind = 'return') * abs(coalesce(new.amount, 0)),
	    new.sign * (new.kind = 'purchase' AND count(*) FILTER (WHERE
	    product IS new.product) = 0),
	    new.sign * (new.kind = 'purchase' AND
	    coalesce(coalesce(new.product, X'') < min(coalesce(product, X'')),
	    1)) FROM interactions WHERE kind = 'purchase' AND
	    customer_id = new.customer_id AND ref = new.ref AND id <> new.id AND
	    at >= substr(new.at, 1, 7) AND at < substr(new.at, 1, 7) || '.'
	    HAVING new.kind IN ('purchase', 'return')
	    ON CONFLICT (customer_id, month, product) DO UPDATE SET
	    purchases = purchases + excluded.purchases,
	    units = units + excluded.units,
	    amount = amount + excluded.amount,
	    priced = priced + excluded.priced,
	    returns = returns + excluded.returns,
	    returned = returned + excluded.returned,
	    orders = orders + excluded.orders,
	    month_orders = month_orders + excluded.month_orders;
	DELETE FROM cust_never WHERE customer_id = new.customer_id;
END;

DROP TRIGGER IF EXISTS agg_fix_row;
CREATE TRIGGER agg_fix_row INSTEAD OF INSERT ON agg_fix BEGIN
	UPDATE cust_totals SET
	    first_at = coalesce((SELECT min(at) FROM interactions WHERE
	    customer_id = new.customer_id), ''),
	    last_at = coalesce((SELECT max(at) FROM interactions WHERE
	    customer_id = new.customer_id), ''),
	    first_purchase = (SELECT min(at) FROM interactions WHERE
	    kind = 'purchase' AND customer_id = new.customer_id),
	    last_purchase = (SELECT max(at) FROM interactions WHERE
	    kind = 'purchase' AND customer_id = new.customer_id)
	    WHERE customer_id = new.customer_id;
	UPDATE cust_periods SET
	    last_at = coalesce((SELECT max(at) FROM interactions WHERE
	    customer_id = new.customer_id AND at >= month AND
	    at < month || '.'), ''),
	    last_purchase = (SELECT max(at) FROM interactions WHERE
	    kind = 'purchase' AND customer_id = new.customer_id AND
	    at >= month AND at < month || '.')
	    WHERE customer_id = new.customer_id AND
	    month = substr(new.at, 1, 7);
	DELETE FROM cust_totals WHERE customer_id = new.customer_id AND n <= 0;
	DELETE FROM cust_periods WHERE customer_id = new.customer_id AND
	    month = substr(new.at, 1, 7) AND n <= 0;
	DELETE FROM cust_years WHERE customer_id = new.customer_id AND
	    year = substr(new.at, 1, 4) AND n <= 0;
	DELETE FROM cust_split WHERE customer_id = new.customer_id AND
	    refs <= 0;
	DELETE FROM cust_sales WHERE customer_id = new.customer_id AND
	    month = substr(new.at, 1, 7) AND
	    product = coalesce(new.product, X'') AND purchases <= 0 AND
	    returns <= 0;
	INSERT OR IGNORE INTO cust_never SELECT new.customer_id WHERE NOT EXISTS
	    (SELECT 1 FROM cust_totals WHERE customer_id = new.customer_id) AND
	    EXISTS (SELECT 1 FROM customers WHERE id = new.customer_id AND
	    type = 'person');
END;

DELETE FROM cust_never;
INSERT INTO cust_never SELECT id FROM customers c WHERE type = 'person'
	AND NOT EXISTS (SELECT 1 FROM cust_totals t WHERE t.customer_id = c.id);
