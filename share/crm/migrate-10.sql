-- crm schema version 10: sales per customer, month and product
-- (lib/agg.c), what `crm-report summary` and `sales` read for whole
-- months instead of the interactions.
--	cust_sales	one row per customer, month ('YYYY-MM' of at, UTC)
--			and product with purchases or returns; a purchase
--			without a product under X'' (a blob, which no text
--			equals: the key cannot be NULL)
--	cust_split	the customers with an order (a ref of their
--			purchases) in more than one month, and how many
-- The figures, of the purchases and returns of the cell:
--	purchases, units	purchases, the sum of their quantities
--	amount		the purchases' amounts (gross)
--	priced		purchases and returns with an amount: none, and
--			the net revenue is NULL, as SQL's sum() says
--	returns, returned	returns, their amounts taken as positive
--	orders		orders (CRM_SQL in report.c: a ref of the
--			customer's purchases once, a purchase without a
--			ref one of its own) with a purchase in the cell
--	month_orders	the same, each order of the customer's month
--			counted once, in the cell of its least product:
--			summed over products, the month's orders
-- Orders are distinct refs, which add across products (month_orders)
-- but not across months when an order's lines were logged in two: a
-- customer in cust_split is read from the raw rows by the reports.
--
-- As migrate-8.sql: triggers on interactions keep the tables in the same
-- transaction as every write (log, import, resolve, merge, erase, undo),
-- and the tables are no part of undo.  An import defers them with the
-- rest (agg_defer; lib/agg.c catches up).  Re-runnable: IF NOT EXISTS,
-- the tables emptied here and filled after the migration by lib/agg.c's
-- crm_agg_fill, whose SQL `crm check` compares with too.
CREATE TABLE IF NOT EXISTS cust_sales (
	customer_id  INTEGER NOT NULL REFERENCES customers ON DELETE CASCADE,
	month        TEXT NOT NULL,
	product      ANY NOT NULL,
	purchases    INTEGER NOT NULL,
	units        INTEGER NOT NULL,
	amount       INTEGER NOT NULL,
	priced       INTEGER NOT NULL,
	returns      INTEGER NOT NULL,
	returned     INTEGER NOT NULL,
	orders       INTEGER NOT NULL,
	month_orders INTEGER NOT NULL,
	PRIMARY KEY (customer_id, month, product)
) STRICT, WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS cust_split (
	customer_id INTEGER PRIMARY KEY REFERENCES customers ON DELETE CASCADE,
	refs        INTEGER NOT NULL
) STRICT;

-- A row's figures added (sign 1) or taken away (-1), in every table, once:
-- the trigger of one view, which replaces schema 8's agg_add and agg_sub
-- and its three triggers on interactions, so that a write compiles one
-- program, not two.  Every run parses the schema's text and a write
-- compiles its triggers: what is written here costs each crm-log call
-- (bench/README.md).  A row taken away leaves to agg_fix what a sign
-- cannot take back (the extremes, the rows left at zero).  id: the row
-- left out of "the other purchases of its order" (the customer's with
-- its ref), which decide its orders; in its month, through the
-- (kind, customer_id, at) index.
DROP VIEW IF EXISTS agg_add;
DROP VIEW IF EXISTS agg_sub;
DROP TRIGGER IF EXISTS agg_interactions_ai;
DROP TRIGGER IF EXISTS agg_interactions_ad;
DROP TRIGGER IF EXISTS agg_interactions_au;
CREATE VIEW IF NOT EXISTS agg_put (sign, id, customer_id, at, kind, product,
    quantity, amount, rating, resolved, ref) AS SELECT NULL, NULL, NULL,
    NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL WHERE 0;
-- Its statements: the totals, the month, the customer's orders in two
-- months (an order in one month now in two when added, or back in one
-- when taken away), an order of the month counted under a greater
-- product (it goes to this row's when added, comes back when taken
-- away), and the row's cell, where the other purchases of its order in
-- its month say whether it is an order more in the cell and in the
-- month.  Comments outside the trigger: its text is parsed every run.
CREATE TRIGGER IF NOT EXISTS agg_put_row INSTEAD OF INSERT ON agg_put BEGIN
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
END;

-- After a row is taken away (a delete, an update): what a sign cannot
-- take back, for its customer, month and product.  The extremes looked
-- up again through the (customer_id, at) and (kind, customer_id, at)
-- indexes (a maximum cannot be subtracted), and the rows left with
-- nothing to count deleted: also those a sign made below zero where
-- the row was gone, its customer's deletion having taken it with its
-- interactions (ON DELETE CASCADE), which leaves no row against the
-- foreign key at the statement's end.  Apart from agg_put_row, so that
-- an insert does not compile it.
CREATE VIEW IF NOT EXISTS agg_fix (customer_id, at, product) AS
	SELECT NULL, NULL, NULL WHERE 0;
CREATE TRIGGER IF NOT EXISTS agg_fix_row INSTEAD OF INSERT ON agg_fix BEGIN
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
	DELETE FROM cust_split WHERE customer_id = new.customer_id AND
	    refs <= 0;
	DELETE FROM cust_sales WHERE customer_id = new.customer_id AND
	    month = substr(new.at, 1, 7) AND
	    product = coalesce(new.product, X'') AND purchases <= 0 AND
	    returns <= 0;
END;

CREATE TRIGGER IF NOT EXISTS agg_interactions_ai AFTER INSERT ON interactions
    WHEN NOT EXISTS (SELECT 1 FROM agg_defer) BEGIN
	INSERT INTO agg_put VALUES (1, new.id, new.customer_id, new.at,
	    new.kind, new.product, new.quantity, new.amount, new.rating,
	    new.resolved, new.ref);
END;

CREATE TRIGGER IF NOT EXISTS agg_interactions_ad AFTER DELETE ON interactions
    WHEN old.id <= coalesce((SELECT min(lo) FROM agg_defer), old.id) BEGIN
	INSERT INTO agg_put VALUES (-1, old.id, old.customer_id, old.at,
	    old.kind, old.product, old.quantity, old.amount, old.rating,
	    old.resolved, old.ref);
	INSERT INTO agg_fix VALUES (old.customer_id, old.at, old.product);
END;

-- An update: the old row taken away and the new one added, each
-- compared with the other rows as they are now, less the new one.
-- Resolving a complaint, a merge (a new customer_id) and undo come
-- through here.
CREATE TRIGGER IF NOT EXISTS agg_interactions_au AFTER UPDATE OF id,
    customer_id, at, kind, product, quantity, amount, rating, resolved, ref
    ON interactions
    WHEN old.id <= coalesce((SELECT min(lo) FROM agg_defer), old.id) BEGIN
	INSERT INTO agg_put VALUES (-1, new.id, old.customer_id, old.at,
	    old.kind, old.product, old.quantity, old.amount, old.rating,
	    old.resolved, old.ref);
	INSERT INTO agg_put VALUES (1, new.id, new.customer_id, new.at,
	    new.kind, new.product, new.quantity, new.amount, new.rating,
	    new.resolved, new.ref);
	INSERT INTO agg_fix VALUES (old.customer_id, old.at, old.product);
END;

-- The figures worked out from the raw rows are lib/agg.c's (crm_agg_fill:
-- the migration's filling, an import's catch-up, `crm check`), not
-- views: every run parses the schema's text, and a write compiles the
-- triggers, so what the schema holds costs every crm-log call.
DELETE FROM cust_sales;
DELETE FROM cust_split;
