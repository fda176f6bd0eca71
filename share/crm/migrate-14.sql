-- crm schema version 14: each customer's figures per year, so that a
-- report over whole years (`crm-report summary`, `owners`) reads one
-- row per customer and year rather than one per month (cust_periods)
-- and per month and product (cust_sales): bench/README.md.
--	cust_years	one row per customer and year ('YYYY' of at, UTC)
--			with interactions
-- The figures, of the interactions of the year:
--	n		interactions
--	revenue		net revenue, as cust_periods' (returns taken off)
--	orders		the orders of each of its months added up, as
--			cust_sales' month_orders: an order with lines in
--			two months counts in each (such customers are in
--			cust_split, and the reports read them raw)
--	rating_sum, rating_n	the ratings' sum, how many
--
-- As migrate-10.sql: agg_put_row keeps the table in the same
-- transaction as every write (log, import, resolve, merge, erase,
-- undo), agg_fix_row deletes a row left with nothing; an import defers
-- it with the rest (lib/agg.c catches up), and lib/agg.c fills it after
-- the migration (crm_agg_fill_years), whose SQL `crm check` compares
-- with.  Only what adds up is kept (no extremes): a row taken away is
-- its figures with the sign turned.  Re-runnable: the table IF NOT
-- EXISTS, the triggers dropped and made again, the rows filled anew.
-- The triggers are migrate-10.sql's with the statement on cust_years
-- added; comments stay outside them (their text is parsed every run).
CREATE TABLE IF NOT EXISTS cust_years (
	customer_id  INTEGER NOT NULL REFERENCES customers ON DELETE CASCADE,
	year         TEXT NOT NULL,
	n            INTEGER NOT NULL,
	revenue      INTEGER NOT NULL,
	orders       INTEGER NOT NULL,
	rating_sum   INTEGER NOT NULL,
	rating_n     INTEGER NOT NULL,
	PRIMARY KEY (customer_id, year)
) STRICT, WITHOUT ROWID;

-- The year's statement: its orders, as month_orders in agg_put_row's
-- cust_sales statement, are one more when no other purchase of the
-- row's order (its ref) is in its month; a purchase without a ref is an
-- order of its own (ref = NULL is never true).
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
END;

-- A year left with no interactions goes, as its months do.
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
END;

DELETE FROM cust_years;
