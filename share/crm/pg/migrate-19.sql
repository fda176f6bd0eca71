-- crm schema version 19 for PostgreSQL: each customer's totals and
-- months (cust_totals, cust_periods) kept once a statement for an UPDATE
-- or DELETE of interactions, as migrate-18.sql keeps cust_orders.
--
-- The row trigger's figures were right, but slow on a statement of many
-- rows: a merge's one UPDATE moving a duplicate's 2,000 purchases ran
-- agg_sub 2,000 times, each updating the duplicate's totals and month
-- again and looking their first and last dates up again in the rows, a
-- look-up that passes over the index entries of every row the UPDATE has
-- just moved away (the duplicate has none left): the look-ups grow with
-- the square of the rows moved (bench/README.md, PostgreSQL, *A merge's
-- aggregates*).  Here a statement's rows that went (deleted, or changed
-- in a figure) and came (as they are now) are added up by customer and
-- month first, and each customer and month concerned is written once.
-- A first or last date is looked up in the rows again only when a row
-- that went had it and the customer (or month) keeps rows; otherwise
-- the earliest and latest of those that came are enough.  An insert
-- keeps its row trigger (agg_interactions), as migrate-18.sql's: crm
-- inserts an interaction a statement, and the loads defer.  The rows a
-- load deferred (above agg_defer's lo) are left to its catch-up.
--
-- The figures the row trigger kept were right (its look-ups ran after
-- the statement's last row, on the rows as they ended), so nothing is
-- counted again here.

-- A statement's change to one customer's month: the sums of the rows
-- that came less those of the rows that went, and the extremes of each.
-- Made anew (with the two functions that take it, below) when the
-- migration runs again on a database set back to an older version.
DROP TYPE IF EXISTS agg_delta CASCADE;
CREATE TYPE agg_delta AS (
	customer_id     bigint,
	month           text COLLATE "C",
	n               bigint,
	purchases       bigint,
	units           bigint,
	revenue         bigint,
	returns         bigint,
	complaints      bigint,
	open_complaints bigint,
	rating_sum      bigint,
	rating_n        bigint,
	came_first      text COLLATE "C",
	came_last       text COLLATE "C",
	came_first_p    text COLLATE "C",
	came_last_p     text COLLATE "C",
	went_first      text COLLATE "C",
	went_last       text COLLATE "C",
	went_first_p    text COLLATE "C",
	went_last_p     text COLLATE "C"
);

-- The rows that went and came, folded by customer and month (each row's
-- figures as agg_add counts them, signed).
CREATE OR REPLACE FUNCTION agg_fold(went interactions[],
    came interactions[]) RETURNS agg_delta[]
LANGUAGE sql STABLE AS $$
	SELECT array_agg(ROW(g.*)::agg_delta ORDER BY customer_id, month)
	FROM (SELECT customer_id, month, sum(s)::bigint,
	    sum(s * p)::bigint, sum(s * u)::bigint, sum(s * v)::bigint,
	    sum(s * ret)::bigint, sum(s * com)::bigint, sum(s * op)::bigint,
	    sum(s * rs)::bigint, sum(s * rn)::bigint,
	    min(at) FILTER (WHERE s > 0), max(at) FILTER (WHERE s > 0),
	    min(at) FILTER (WHERE s > 0 AND p = 1),
	    max(at) FILTER (WHERE s > 0 AND p = 1),
	    min(at) FILTER (WHERE s < 0), max(at) FILTER (WHERE s < 0),
	    min(at) FILTER (WHERE s < 0 AND p = 1),
	    max(at) FILTER (WHERE s < 0 AND p = 1)
	    FROM (SELECT s, r.customer_id, substr(r.at, 1, 7) AS month, r.at,
	    (r.kind = 'purchase')::int AS p,
	    CASE WHEN r.kind = 'purchase' THEN coalesce(r.quantity, 0)
	    ELSE 0 END AS u,
	    CASE r.kind WHEN 'purchase' THEN coalesce(r.amount, 0)
	    WHEN 'return' THEN -abs(coalesce(r.amount, 0)) ELSE 0 END AS v,
	    (r.kind = 'return')::int AS ret,
	    (r.kind = 'complaint')::int AS com,
	    (r.kind = 'complaint' AND r.resolved IS NULL)::int AS op,
	    coalesce(r.rating, 0) AS rs, (r.rating IS NOT NULL)::int AS rn
	    FROM (SELECT -1 AS s, w.* FROM unnest(went) w UNION ALL
	    SELECT 1, c.* FROM unnest(came) c) r) x
	    GROUP BY customer_id, month) g
$$;

-- The folded change written: each customer's totals and each month once.
-- An existing row is changed by its sums (and its extremes, looked up
-- again when one went and rows stay), a customer or month new to the
-- figures gets its row, and a row left with no interactions goes.
CREATE OR REPLACE FUNCTION agg_apply(ds agg_delta[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
	UPDATE cust_totals t SET n = t.n + d.n,
	    purchases = t.purchases + d.purchases,
	    units = t.units + d.units, revenue = t.revenue + d.revenue,
	    returns = t.returns + d.returns,
	    complaints = t.complaints + d.complaints,
	    open_complaints = t.open_complaints + d.open_complaints,
	    rating_sum = t.rating_sum + d.rating_sum,
	    rating_n = t.rating_n + d.rating_n,
	    first_at = CASE WHEN t.n + d.n > 0 AND d.went_first <= t.first_at
		THEN coalesce((SELECT min(at) FROM interactions i WHERE
		i.customer_id = t.customer_id), '')
		ELSE least(t.first_at, d.came_first) END,
	    last_at = CASE WHEN t.n + d.n > 0 AND d.went_last >= t.last_at
		THEN coalesce((SELECT max(at) FROM interactions i WHERE
		i.customer_id = t.customer_id), '')
		ELSE greatest(t.last_at, d.came_last) END,
	    first_purchase = CASE WHEN t.n + d.n > 0 AND
		d.went_first_p <= t.first_purchase
		THEN (SELECT min(at) FROM interactions i WHERE
		i.kind = 'purchase' AND i.customer_id = t.customer_id)
		ELSE least(t.first_purchase, d.came_first_p) END,
	    last_purchase = CASE WHEN t.n + d.n > 0 AND
		d.went_last_p >= t.last_purchase
		THEN (SELECT max(at) FROM interactions i WHERE
		i.kind = 'purchase' AND i.customer_id = t.customer_id)
		ELSE greatest(t.last_purchase, d.came_last_p) END
	FROM (SELECT customer_id, sum(n) AS n, sum(purchases) AS purchases,
	    sum(units) AS units, sum(revenue) AS revenue,
	    sum(returns) AS returns, sum(complaints) AS complaints,
	    sum(open_complaints) AS open_complaints,
	    sum(rating_sum) AS rating_sum, sum(rating_n) AS rating_n,
	    min(came_first) AS came_first, max(came_last) AS came_last,
	    min(came_first_p) AS came_first_p, max(came_last_p) AS came_last_p,
	    min(went_first) AS went_first, max(went_last) AS went_last,
	    min(went_first_p) AS went_first_p, max(went_last_p) AS went_last_p
	    FROM unnest(ds) GROUP BY customer_id) d
	WHERE t.customer_id = d.customer_id;
	-- A customer without totals before: what came is all they have.
	INSERT INTO cust_totals SELECT customer_id, sum(n), min(came_first),
	    max(came_last), sum(purchases), sum(units), sum(revenue),
	    min(came_first_p), max(came_last_p), sum(returns),
	    sum(complaints), sum(open_complaints), sum(rating_sum),
	    sum(rating_n)
	    FROM unnest(ds) GROUP BY customer_id
	    HAVING min(came_first) IS NOT NULL AND sum(n) > 0
	    ORDER BY customer_id
	    ON CONFLICT (customer_id) DO NOTHING;
	DELETE FROM cust_totals t USING unnest(ds) d
	    WHERE t.customer_id = d.customer_id AND t.n <= 0;

	UPDATE cust_periods t SET n = t.n + d.n,
	    purchases = t.purchases + d.purchases,
	    units = t.units + d.units, revenue = t.revenue + d.revenue,
	    returns = t.returns + d.returns,
	    complaints = t.complaints + d.complaints,
	    open_complaints = t.open_complaints + d.open_complaints,
	    rating_sum = t.rating_sum + d.rating_sum,
	    rating_n = t.rating_n + d.rating_n,
	    last_at = CASE WHEN t.n + d.n > 0 AND d.went_last >= t.last_at
		THEN coalesce((SELECT max(at) FROM interactions i WHERE
		i.customer_id = t.customer_id AND i.at >= t.month AND
		i.at < t.month || '.'), '')
		ELSE greatest(t.last_at, d.came_last) END,
	    last_purchase = CASE WHEN t.n + d.n > 0 AND
		d.went_last_p >= t.last_purchase
		THEN (SELECT max(at) FROM interactions i WHERE
		i.kind = 'purchase' AND i.customer_id = t.customer_id AND
		i.at >= t.month AND i.at < t.month || '.')
		ELSE greatest(t.last_purchase, d.came_last_p) END
	FROM unnest(ds) d
	WHERE t.customer_id = d.customer_id AND t.month = d.month;
	INSERT INTO cust_periods SELECT d.customer_id, d.month, d.n,
	    d.came_last, d.purchases, d.units, d.revenue, d.came_last_p,
	    d.returns, d.complaints, d.open_complaints, d.rating_sum,
	    d.rating_n
	    FROM unnest(ds) d WHERE d.came_last IS NOT NULL AND d.n > 0
	    ORDER BY d.customer_id, d.month
	    ON CONFLICT (customer_id, month) DO NOTHING;
	DELETE FROM cust_periods t USING unnest(ds) d
	    WHERE t.customer_id = d.customer_id AND t.month = d.month AND
	    t.n <= 0;
END$$;

-- An UPDATE's rows paired by id: a row went and came when a figure of
-- it changed (or its id did: then it has no pair); as the row trigger,
-- a row a load deferred is left to the load.  A DELETE's rows all went.
CREATE OR REPLACE FUNCTION agg_interactions_rows() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	lim bigint := coalesce((SELECT min(d.lo) FROM agg_defer d),
	    9223372036854775807);
	went interactions[];
	came interactions[];
BEGIN
	IF TG_OP = 'DELETE' THEN
		SELECT array_agg(o) INTO went FROM o WHERE o.id <= lim;
	ELSE
		SELECT array_agg(o) FILTER (WHERE o.id <= lim),
		    array_agg(n) FILTER (WHERE n.id <= lim)
		    INTO went, came
		    FROM o FULL JOIN n ON n.id = o.id
		    WHERE (o.customer_id, o.at, o.kind, o.quantity, o.amount,
		    o.rating, o.resolved) IS DISTINCT FROM (n.customer_id,
		    n.at, n.kind, n.quantity, n.amount, n.rating, n.resolved);
	END IF;
	IF went IS NOT NULL OR came IS NOT NULL THEN
		PERFORM agg_apply(agg_fold(went, came));
	END IF;
	RETURN NULL;
END$$;

DROP TRIGGER IF EXISTS agg_interactions_change ON interactions;
DROP TRIGGER IF EXISTS agg_interactions_update ON interactions;
CREATE TRIGGER agg_interactions_update AFTER UPDATE ON interactions
	REFERENCING OLD TABLE AS o NEW TABLE AS n
	FOR EACH STATEMENT EXECUTE FUNCTION agg_interactions_rows();
DROP TRIGGER IF EXISTS agg_interactions_delete ON interactions;
CREATE TRIGGER agg_interactions_delete AFTER DELETE ON interactions
	REFERENCING OLD TABLE AS o
	FOR EACH STATEMENT EXECUTE FUNCTION agg_interactions_rows();

-- The insert's trigger only, now; agg_sub has no caller left.
CREATE OR REPLACE FUNCTION agg_interactions() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF NOT EXISTS (SELECT FROM agg_defer) THEN
		PERFORM agg_add(NEW);
	END IF;
	RETURN NULL;
END$$;
DROP FUNCTION IF EXISTS agg_sub(interactions);
