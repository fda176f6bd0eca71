-- crm schema version 18 for PostgreSQL: each customer's orders
-- (cust_orders, migrate-12.sql) kept right by a statement that moves,
-- changes or deletes many purchases at once (qa27 F1).
--
-- PostgreSQL runs an AFTER ... FOR EACH ROW trigger once the statement
-- has changed all its rows; SQLite runs it as each row changes.
-- agg_orders asked of one row whether another line of its order was
-- under the customer: after a merge's one UPDATE had moved both lines of
-- a duplicate's order, each line's trigger found none left under the
-- duplicate (an order less, twice) and the other already under the
-- customer kept (no order more), so the kept customer lost the order.
-- What a statement did to the orders is known from all its rows, before
-- and after (transition tables): an update and a delete are counted
-- once a statement, here.  An insert keeps its row trigger: crm inserts
-- an interaction a statement, and the loads that insert many (imports,
-- crm copy) defer the aggregates and add them up at their end
-- (agg_defer, lib/agg.c).  As migrate-12.sql, the rows a load deferred
-- (above agg_defer's lo) are left to that catch-up.

-- The insert's trigger only, now.
CREATE OR REPLACE FUNCTION agg_orders() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.kind = 'purchase' AND NOT EXISTS (SELECT FROM agg_defer) AND
	    agg_order_alone(NEW, NEW.id) THEN
		INSERT INTO cust_orders AS t VALUES (NEW.customer_id, 1)
		ON CONFLICT (customer_id) DO UPDATE SET orders = t.orders + 1;
	END IF;
	RETURN NULL;
END$$;
DROP TRIGGER IF EXISTS agg_orders_change ON interactions;

-- A statement's purchases that went (as they were: deleted, or changed
-- in customer, kind or ref) and came (as they are now).  A customer's
-- order, a ref, is one more when it has lines now and had none before,
-- one less the other way; its lines before are its lines now, less those
-- that came, plus those that went (moved).  The lines now are counted
-- in one pass over the purchases of the customers concerned, not a look-up
-- an order: merging a customer of 1,000 orders of two lines, the look-ups
-- took 2.4 s of the server's time, mostly passing over the index entries
-- of the rows the UPDATE had just moved away.  A purchase without a ref
-- is an order of its own.
CREATE OR REPLACE FUNCTION agg_orders_rows() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	lim bigint := coalesce((SELECT min(d.lo) FROM agg_defer d),
	    9223372036854775807);
	gid bigint[];
	gc bigint[];
	gr text[];
	cid bigint[];
	cc bigint[];
	cr text[];
	who bigint[];
	delta bigint[];
BEGIN
	IF TG_OP = 'DELETE' THEN
		SELECT array_agg(id), array_agg(customer_id), array_agg(ref)
		    INTO gid, gc, gr FROM o
		    WHERE kind = 'purchase' AND id <= lim;
	ELSE
		SELECT array_agg(id), array_agg(customer_id), array_agg(ref)
		    INTO gid, gc, gr FROM (SELECT id, customer_id, ref FROM o
		    WHERE kind = 'purchase' AND id <= lim EXCEPT SELECT id,
		    customer_id, ref FROM n WHERE kind = 'purchase' AND
		    id <= lim) x;
		SELECT array_agg(id), array_agg(customer_id), array_agg(ref)
		    INTO cid, cc, cr FROM (SELECT id, customer_id, ref FROM n
		    WHERE kind = 'purchase' AND id <= lim EXCEPT SELECT id,
		    customer_id, ref FROM o WHERE kind = 'purchase' AND
		    id <= lim) x;
	END IF;
	IF gid IS NULL AND cid IS NULL THEN
		RETURN NULL;
	END IF;
	WITH went AS (SELECT * FROM unnest(gid, gc, gr) AS w (id,
	    customer_id, ref)),
	came AS (SELECT * FROM unnest(cid, cc, cr) AS c (id, customer_id,
	    ref)),
	keys AS (SELECT customer_id, ref, sum(m) AS moved FROM (SELECT
	    customer_id, ref, 1 AS m FROM went UNION ALL SELECT customer_id,
	    ref, -1 FROM came) x WHERE ref IS NOT NULL
	    GROUP BY customer_id, ref),
	now AS (SELECT customer_id, ref, count(*) AS n FROM interactions
	    WHERE kind = 'purchase' AND customer_id IN (SELECT customer_id
	    FROM keys) AND ref IS NOT NULL AND id <= lim
	    GROUP BY customer_id, ref),
	d AS (SELECT k.customer_id, (coalesce(f.n, 0) > 0)::int -
	    (coalesce(f.n, 0) + k.moved > 0)::int AS d FROM keys k
	    LEFT JOIN now f ON f.customer_id = k.customer_id AND f.ref = k.ref
	    UNION ALL SELECT customer_id, 1 FROM came WHERE ref IS NULL
	    UNION ALL SELECT customer_id, -1 FROM went WHERE ref IS NULL)
	SELECT array_agg(customer_id), array_agg(s) INTO who, delta FROM
	    (SELECT customer_id, sum(d) AS s FROM d GROUP BY customer_id
	    HAVING sum(d) <> 0) x;
	-- No row is made for a customer who has fewer (an erase's
	-- cascade: they are gone).
	INSERT INTO cust_orders AS t SELECT c, s FROM unnest(who, delta) AS
	    x (c, s) WHERE s > 0 ORDER BY c
	    ON CONFLICT (customer_id) DO UPDATE SET orders = t.orders + excluded.orders;
	UPDATE cust_orders t SET orders = t.orders + x.s FROM unnest(who,
	    delta) AS x (c, s) WHERE x.s < 0 AND t.customer_id = x.c;
	DELETE FROM cust_orders t USING unnest(who, delta) AS x (c, s)
	    WHERE x.s < 0 AND t.customer_id = x.c AND t.orders <= 0;
	RETURN NULL;
END$$;
DROP TRIGGER IF EXISTS agg_orders_update ON interactions;
CREATE TRIGGER agg_orders_update AFTER UPDATE ON interactions
	REFERENCING OLD TABLE AS o NEW TABLE AS n
	FOR EACH STATEMENT EXECUTE FUNCTION agg_orders_rows();
DROP TRIGGER IF EXISTS agg_orders_delete ON interactions;
CREATE TRIGGER agg_orders_delete AFTER DELETE ON interactions
	REFERENCING OLD TABLE AS o
	FOR EACH STATEMENT EXECUTE FUNCTION agg_orders_rows();

-- A database a merge has already miscounted: its orders from its rows,
-- as lib/agg.c's ORDERS_RAW counts them (crm check's figure).
DELETE FROM cust_orders;
INSERT INTO cust_orders SELECT customer_id, count(DISTINCT ref) +
    count(*) FILTER (WHERE ref IS NULL) FROM interactions
    WHERE kind = 'purchase' GROUP BY customer_id;
