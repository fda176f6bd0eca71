-- crm schema version 8: per-customer aggregates (lib/agg.c).
--
-- What every analytic question asks of a customer's history, kept at
-- write time so a question reads one row per customer instead of its
-- interactions:
--	cust_totals	one row per customer with interactions, over all
--			of them
--	cust_periods	one row per customer per month ('YYYY-MM' of at,
--			UTC) with interactions, the same additive figures
--			and the last contact and purchase in the month
-- The figures are those the readers worked out from the raw rows:
--	n		interactions, of every kind (invoices and payments
--			too: they are contacts, as last_contact always
--			counted them)
--	first_at, last_at	first and last contact (min and max at)
--	purchases, units	purchases, and the sum of their quantities
--	revenue		net revenue: purchases' amounts less returns'
--			(CRM_NET_AMOUNT in crm.h); invoices and payments
--			are no revenue
--	first_purchase, last_purchase
--	returns, complaints
--	open_complaints	complaints with resolved NULL
--	rating_sum, rating_n	the ratings given, to average
-- The interactions stay the truth: triggers keep these tables in step
-- with every write (log, import, resolve, merge, erase, undo), in the
-- same transaction; `crm check` recomputes every figure from the raw
-- rows and reports each difference.  The tables are no part of undo
-- (lib/undo.c): undo writes the interactions and the triggers follow.
--
-- An insert adds its figures; a delete or update takes them away again,
-- and looks the minima and maxima up again through the indexes on
-- (customer_id, at) and (kind, customer_id, at), since a maximum cannot
-- be subtracted: a few index probes per row, whatever the history's
-- length.  An import defers them (agg_defer has a row, in its
-- transaction only): the rows after agg_defer.lo are left to one
-- set-based statement at its end, which works out again every customer
-- they are about (crm_agg_defer, crm_agg_catch_up in lib/agg.c).
--
-- This file may run again on a database that has it (t/710-undo.bats
-- puts the version back and migrates again): every CREATE says IF NOT
-- EXISTS and the tables are emptied before they are filled.
CREATE TABLE IF NOT EXISTS cust_totals (
	customer_id     INTEGER PRIMARY KEY REFERENCES customers ON DELETE CASCADE,
	n               INTEGER NOT NULL,
	first_at        TEXT NOT NULL,
	last_at         TEXT NOT NULL,
	purchases       INTEGER NOT NULL,
	units           INTEGER NOT NULL,
	revenue         INTEGER NOT NULL,
	first_purchase  TEXT,
	last_purchase   TEXT,
	returns         INTEGER NOT NULL,
	complaints      INTEGER NOT NULL,
	open_complaints INTEGER NOT NULL,
	rating_sum      INTEGER NOT NULL,
	rating_n        INTEGER NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS cust_periods (
	customer_id     INTEGER NOT NULL REFERENCES customers ON DELETE CASCADE,
	month           TEXT NOT NULL,
	n               INTEGER NOT NULL,
	last_at         TEXT NOT NULL,
	purchases       INTEGER NOT NULL,
	units           INTEGER NOT NULL,
	revenue         INTEGER NOT NULL,
	last_purchase   TEXT,
	returns         INTEGER NOT NULL,
	complaints      INTEGER NOT NULL,
	open_complaints INTEGER NOT NULL,
	rating_sum      INTEGER NOT NULL,
	rating_n        INTEGER NOT NULL,
	PRIMARY KEY (customer_id, month)
) STRICT, WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS agg_defer (lo INTEGER NOT NULL) STRICT;

-- A row's figures, added (agg_add) and taken away (agg_sub): each once,
-- as the trigger of a view that takes a row's seven columns, so that the
-- triggers on interactions say only which rows: an insert adds the new
-- one, a delete takes the old one away, an update does both.  The
-- extremes (first and last) cannot be taken away: a row going looks
-- them up again through the (customer_id, at) and (kind, ...) indexes.
CREATE VIEW IF NOT EXISTS agg_add (customer_id, at, kind, quantity, amount, rating, resolved) AS
	SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL WHERE 0;
CREATE VIEW IF NOT EXISTS agg_sub (customer_id, at, kind, quantity, amount, rating, resolved) AS
	SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL WHERE 0;

CREATE TRIGGER IF NOT EXISTS agg_add_row INSTEAD OF INSERT ON agg_add BEGIN
	INSERT INTO cust_totals VALUES (new.customer_id, 1, new.at, new.at,
	    new.kind = 'purchase',
	    CASE WHEN new.kind = 'purchase' THEN coalesce(new.quantity, 0)
	    ELSE 0 END,
	    CASE new.kind WHEN 'purchase' THEN coalesce(new.amount, 0)
	    WHEN 'return' THEN -abs(coalesce(new.amount, 0)) ELSE 0 END,
	    CASE WHEN new.kind = 'purchase' THEN new.at END,
	    CASE WHEN new.kind = 'purchase' THEN new.at END,
	    new.kind = 'return', new.kind = 'complaint',
	    new.kind = 'complaint' AND new.resolved IS NULL,
	    coalesce(new.rating, 0), new.rating IS NOT NULL)
	ON CONFLICT (customer_id) DO UPDATE SET n = n + 1,
	    first_at = min(first_at, excluded.first_at),
	    last_at = max(last_at, excluded.last_at),
	    purchases = purchases + excluded.purchases,
	    units = units + excluded.units,
	    revenue = revenue + excluded.revenue,
	    first_purchase = CASE WHEN excluded.first_purchase IS NULL OR
	    first_purchase <= excluded.first_purchase THEN first_purchase
	    ELSE excluded.first_purchase END,
	    last_purchase = CASE WHEN excluded.last_purchase IS NULL OR
	    last_purchase >= excluded.last_purchase THEN last_purchase
	    ELSE excluded.last_purchase END,
	    returns = returns + excluded.returns,
	    complaints = complaints + excluded.complaints,
	    open_complaints = open_complaints + excluded.open_complaints,
	    rating_sum = rating_sum + excluded.rating_sum,
	    rating_n = rating_n + excluded.rating_n;
	INSERT INTO cust_periods VALUES (new.customer_id, substr(new.at, 1, 7),
	    1, new.at,
	    new.kind = 'purchase',
	    CASE WHEN new.kind = 'purchase' THEN coalesce(new.quantity, 0)
	    ELSE 0 END,
	    CASE new.kind WHEN 'purchase' THEN coalesce(new.amount, 0)
	    WHEN 'return' THEN -abs(coalesce(new.amount, 0)) ELSE 0 END,
	    CASE WHEN new.kind = 'purchase' THEN new.at END,
	    new.kind = 'return', new.kind = 'complaint',
	    new.kind = 'complaint' AND new.resolved IS NULL,
	    coalesce(new.rating, 0), new.rating IS NOT NULL)
	ON CONFLICT (customer_id, month) DO UPDATE SET n = n + 1,
	    last_at = max(last_at, excluded.last_at),
	    purchases = purchases + excluded.purchases,
	    units = units + excluded.units,
	    revenue = revenue + excluded.revenue,
	    last_purchase = CASE WHEN excluded.last_purchase IS NULL OR
	    last_purchase >= excluded.last_purchase THEN last_purchase
	    ELSE excluded.last_purchase END,
	    returns = returns + excluded.returns,
	    complaints = complaints + excluded.complaints,
	    open_complaints = open_complaints + excluded.open_complaints,
	    rating_sum = rating_sum + excluded.rating_sum,
	    rating_n = rating_n + excluded.rating_n;
END;

CREATE TRIGGER IF NOT EXISTS agg_sub_row INSTEAD OF INSERT ON agg_sub BEGIN
	UPDATE cust_totals SET n = n - 1,
	    purchases = purchases - (new.kind = 'purchase'),
	    units = units - CASE WHEN new.kind = 'purchase' THEN
	    coalesce(new.quantity, 0) ELSE 0 END,
	    revenue = revenue - CASE new.kind WHEN 'purchase' THEN
	    coalesce(new.amount, 0) WHEN 'return' THEN
	    -abs(coalesce(new.amount, 0)) ELSE 0 END,
	    returns = returns - (new.kind = 'return'),
	    complaints = complaints - (new.kind = 'complaint'),
	    open_complaints = open_complaints - (new.kind = 'complaint' AND
	    new.resolved IS NULL),
	    rating_sum = rating_sum - coalesce(new.rating, 0),
	    rating_n = rating_n - (new.rating IS NOT NULL),
	    first_at = coalesce((SELECT min(at) FROM interactions WHERE
	    customer_id = new.customer_id), ''),
	    last_at = coalesce((SELECT max(at) FROM interactions WHERE
	    customer_id = new.customer_id), ''),
	    first_purchase = (SELECT min(at) FROM interactions WHERE
	    kind = 'purchase' AND customer_id = new.customer_id),
	    last_purchase = (SELECT max(at) FROM interactions WHERE
	    kind = 'purchase' AND customer_id = new.customer_id)
	    WHERE customer_id = new.customer_id;
	DELETE FROM cust_totals WHERE customer_id = new.customer_id AND n = 0;
	UPDATE cust_periods SET n = n - 1,
	    purchases = purchases - (new.kind = 'purchase'),
	    units = units - CASE WHEN new.kind = 'purchase' THEN
	    coalesce(new.quantity, 0) ELSE 0 END,
	    revenue = revenue - CASE new.kind WHEN 'purchase' THEN
	    coalesce(new.amount, 0) WHEN 'return' THEN
	    -abs(coalesce(new.amount, 0)) ELSE 0 END,
	    returns = returns - (new.kind = 'return'),
	    complaints = complaints - (new.kind = 'complaint'),
	    open_complaints = open_complaints - (new.kind = 'complaint' AND
	    new.resolved IS NULL),
	    rating_sum = rating_sum - coalesce(new.rating, 0),
	    rating_n = rating_n - (new.rating IS NOT NULL),
	    last_at = coalesce((SELECT max(at) FROM interactions WHERE
	    customer_id = new.customer_id AND at >= month AND
	    at < month || '.'), ''),
	    last_purchase = (SELECT max(at) FROM interactions WHERE
	    kind = 'purchase' AND customer_id = new.customer_id AND
	    at >= month AND at < month || '.')
	    WHERE customer_id = new.customer_id AND
	    month = substr(new.at, 1, 7);
	DELETE FROM cust_periods WHERE customer_id = new.customer_id AND
	    month = substr(new.at, 1, 7) AND n = 0;
END;

CREATE TRIGGER IF NOT EXISTS agg_interactions_ai AFTER INSERT ON interactions
    WHEN NOT EXISTS (SELECT 1 FROM agg_defer) BEGIN
	INSERT INTO agg_add VALUES (new.customer_id, new.at, new.kind,
	    new.quantity, new.amount, new.rating, new.resolved);
END;

CREATE TRIGGER IF NOT EXISTS agg_interactions_ad AFTER DELETE ON interactions
    WHEN old.id <= coalesce((SELECT min(lo) FROM agg_defer), old.id) BEGIN
	INSERT INTO agg_sub VALUES (old.customer_id, old.at, old.kind,
	    old.quantity, old.amount, old.rating, old.resolved);
END;

-- An update: the old row's figures taken away (whose look-ups already
-- see the new row), the new row's added.  Resolving a complaint, a merge
-- (a new customer_id) and undo come through here.
CREATE TRIGGER IF NOT EXISTS agg_interactions_au AFTER UPDATE OF id,
    customer_id, at, kind, quantity, amount, rating, resolved ON interactions
    WHEN old.id <= coalesce((SELECT min(lo) FROM agg_defer), old.id) BEGIN
	INSERT INTO agg_sub VALUES (old.customer_id, old.at, old.kind,
	    old.quantity, old.amount, old.rating, old.resolved);
	INSERT INTO agg_add VALUES (new.customer_id, new.at, new.kind,
	    new.quantity, new.amount, new.rating, new.resolved);
END;

-- What the figures are, worked out from the raw rows: what the
-- migration fills the tables with, what an import's end puts back for
-- the customers it touched, and what `crm check` compares with.
CREATE VIEW IF NOT EXISTS agg_totals_raw AS
	SELECT customer_id, count(*) AS n, min(at) AS first_at,
	    max(at) AS last_at,
	    count(*) FILTER (WHERE kind = 'purchase') AS purchases,
	    coalesce(sum(quantity) FILTER (WHERE kind = 'purchase'), 0)
	    AS units,
	    coalesce(sum(CASE kind WHEN 'purchase' THEN amount WHEN 'return'
	    THEN -abs(amount) END), 0) AS revenue,
	    min(at) FILTER (WHERE kind = 'purchase') AS first_purchase,
	    max(at) FILTER (WHERE kind = 'purchase') AS last_purchase,
	    count(*) FILTER (WHERE kind = 'return') AS returns,
	    count(*) FILTER (WHERE kind = 'complaint') AS complaints,
	    count(*) FILTER (WHERE kind = 'complaint' AND resolved IS NULL)
	    AS open_complaints,
	    coalesce(sum(rating), 0) AS rating_sum,
	    count(rating) AS rating_n
	FROM interactions GROUP BY customer_id;
CREATE VIEW IF NOT EXISTS agg_periods_raw AS
	SELECT customer_id, substr(at, 1, 7) AS month, count(*) AS n,
	    max(at) AS last_at,
	    count(*) FILTER (WHERE kind = 'purchase') AS purchases,
	    coalesce(sum(quantity) FILTER (WHERE kind = 'purchase'), 0)
	    AS units,
	    coalesce(sum(CASE kind WHEN 'purchase' THEN amount WHEN 'return'
	    THEN -abs(amount) END), 0) AS revenue,
	    max(at) FILTER (WHERE kind = 'purchase') AS last_purchase,
	    count(*) FILTER (WHERE kind = 'return') AS returns,
	    count(*) FILTER (WHERE kind = 'complaint') AS complaints,
	    count(*) FILTER (WHERE kind = 'complaint' AND resolved IS NULL)
	    AS open_complaints,
	    coalesce(sum(rating), 0) AS rating_sum,
	    count(rating) AS rating_n
	FROM interactions GROUP BY customer_id, substr(at, 1, 7);

-- What is already there (again, when the migration is run again).
DELETE FROM agg_defer;
DELETE FROM cust_totals;
DELETE FROM cust_periods;
INSERT INTO cust_totals SELECT * FROM agg_totals_raw;
INSERT INTO cust_periods SELECT * FROM agg_periods_raw;
