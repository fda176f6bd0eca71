-- crm schema version 13: each customer's orders, as crm-report counts
-- them, so that RFM's frequency and the filter's `orders` read one row
-- per customer (lib/agg.c, bench/README.md's issue 16).
--	cust_orders	one row per customer with a purchase
--	orders		the customer's orders: the purchases with one ref
--			are one order (Shopify's #1001 of three lines), a
--			purchase without a ref an order of its own
--			(ORDERS in lib/report.c, ORDERS_RAW in lib/agg.c)
-- A purchase is one line of an order: `purchases` counts lines, this
-- counts orders.
--
-- Triggers of its own on interactions keep it in the same transaction as
-- every write (log, import, merge, erase, undo), beside migrate-10.sql's
-- agg_put_row rather than in it: an insert is an order more when no other
-- purchase of the customer has its ref, a delete an order less when none
-- is left; an update (a merge, undo) both.  The other purchases are
-- looked up through the (kind, customer_id, at) index, as agg_put_row's
-- cust_split does.  An import defers it with the rest (agg_defer;
-- lib/agg.c catches up), and it is no part of undo (lib/undo.c).  A
-- customer's deletion takes the row (ON DELETE CASCADE); the delete
-- trigger only updates, so it leaves no row against the foreign key.
-- Re-runnable: IF NOT EXISTS, the triggers dropped and made again; the
-- rows are filled after the migration by lib/agg.c (crm_agg_fill_orders),
-- whose SQL `crm check` compares with.  Comments stay outside the
-- triggers: their text is parsed every run.
CREATE TABLE IF NOT EXISTS cust_orders (
	customer_id INTEGER PRIMARY KEY REFERENCES customers ON DELETE CASCADE,
	orders      INTEGER NOT NULL
) STRICT;

DROP TRIGGER IF EXISTS agg_orders_ai;
CREATE TRIGGER agg_orders_ai AFTER INSERT ON interactions
    WHEN new.kind = 'purchase' AND NOT EXISTS (SELECT 1 FROM agg_defer)
    BEGIN
	INSERT INTO cust_orders SELECT new.customer_id, 1 WHERE
	    new.ref IS NULL OR NOT EXISTS (SELECT 1 FROM interactions WHERE
	    kind = 'purchase' AND customer_id = new.customer_id AND
	    ref = new.ref AND id <> new.id)
	    ON CONFLICT (customer_id) DO UPDATE SET orders = orders + 1;
END;

DROP TRIGGER IF EXISTS agg_orders_ad;
CREATE TRIGGER agg_orders_ad AFTER DELETE ON interactions
    WHEN old.kind = 'purchase' AND
    old.id <= coalesce((SELECT min(lo) FROM agg_defer), old.id) BEGIN
	UPDATE cust_orders SET orders = orders - 1 WHERE
	    customer_id = old.customer_id AND (old.ref IS NULL OR NOT EXISTS
	    (SELECT 1 FROM interactions WHERE kind = 'purchase' AND
	    customer_id = old.customer_id AND ref = old.ref));
	DELETE FROM cust_orders WHERE customer_id = old.customer_id AND
	    orders <= 0;
END;

DROP TRIGGER IF EXISTS agg_orders_au;
CREATE TRIGGER agg_orders_au AFTER UPDATE OF id, customer_id, kind, ref
    ON interactions
    WHEN (old.kind = 'purchase' OR new.kind = 'purchase') AND
    old.id <= coalesce((SELECT min(lo) FROM agg_defer), old.id) BEGIN
	UPDATE cust_orders SET orders = orders - 1 WHERE
	    old.kind = 'purchase' AND customer_id = old.customer_id AND
	    (old.ref IS NULL OR NOT EXISTS (SELECT 1 FROM interactions WHERE
	    kind = 'purchase' AND customer_id = old.customer_id AND
	    ref = old.ref AND id <> new.id));
	DELETE FROM cust_orders WHERE customer_id = old.customer_id AND
	    orders <= 0;
	INSERT INTO cust_orders SELECT new.customer_id, 1 WHERE
	    new.kind = 'purchase' AND (new.ref IS NULL OR NOT EXISTS
	    (SELECT 1 FROM interactions WHERE kind = 'purchase' AND
	    customer_id = new.customer_id AND ref = new.ref AND
	    id <> new.id))
	    ON CONFLICT (customer_id) DO UPDATE SET orders = orders + 1;
END;
