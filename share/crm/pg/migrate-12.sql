-- crm schema version 12 for PostgreSQL: each customer's orders
-- (cust_orders), SQLite's schema 13 (share/crm/migrate-13.sql says what
-- the figure is and how it is kept).
--
-- A function of its own, beside agg_interactions rather than in it: an
-- insert is an order more when no other purchase of the customer has its
-- ref, a delete an order less when none is left, an update (merge, undo)
-- both.  As agg_interactions, it skips a bulk load's own rows (WHEN, as
-- migrate-10.sql) and what an import defers (agg_defer): lib/agg.c adds
-- them up at the load's end.
CREATE TABLE cust_orders (
	customer_id bigint PRIMARY KEY REFERENCES customers ON DELETE CASCADE,
	orders      bigint NOT NULL
);

-- Whether r is an order of its own among its customer's purchases: no
-- other purchase (not the row numbered self) has its ref.
CREATE OR REPLACE FUNCTION agg_order_alone(r interactions, self bigint)
RETURNS boolean LANGUAGE sql STABLE AS $$
	SELECT r.ref IS NULL OR NOT EXISTS (SELECT 1 FROM interactions i
	    WHERE i.kind = 'purchase' AND i.customer_id = r.customer_id AND
	    i.ref = r.ref AND i.id <> self)
$$;

CREATE OR REPLACE FUNCTION agg_orders() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	lo bigint := (SELECT min(d.lo) FROM agg_defer d);
BEGIN
	IF TG_OP = 'INSERT' THEN
		IF lo IS NULL AND NEW.kind = 'purchase' AND
		    agg_order_alone(NEW, NEW.id) THEN
			INSERT INTO cust_orders AS t VALUES (NEW.customer_id, 1)
			ON CONFLICT (customer_id) DO UPDATE
			    SET orders = t.orders + 1;
		END IF;
		RETURN NULL;
	END IF;
	IF OLD.id > coalesce(lo, OLD.id) THEN
		RETURN NULL;
	END IF;
	IF TG_OP = 'UPDATE' AND (OLD.id, OLD.customer_id, OLD.kind, OLD.ref)
	    IS NOT DISTINCT FROM (NEW.id, NEW.customer_id, NEW.kind,
	    NEW.ref) THEN
		RETURN NULL;
	END IF;
	IF OLD.kind = 'purchase' AND agg_order_alone(OLD, CASE TG_OP WHEN
	    'UPDATE' THEN NEW.id ELSE -1 END) THEN
		UPDATE cust_orders SET orders = orders - 1
		    WHERE customer_id = OLD.customer_id;
		DELETE FROM cust_orders WHERE customer_id = OLD.customer_id
		    AND orders <= 0;
	END IF;
	IF TG_OP = 'UPDATE' AND NEW.kind = 'purchase' AND
	    agg_order_alone(NEW, NEW.id) THEN
		INSERT INTO cust_orders AS t VALUES (NEW.customer_id, 1)
		ON CONFLICT (customer_id) DO UPDATE SET orders = t.orders + 1;
	END IF;
	RETURN NULL;
END$$;
CREATE TRIGGER agg_orders AFTER INSERT ON interactions FOR EACH ROW
	WHEN (NEW.id <= crm_bulk_lo('interactions') AND NEW.kind = 'purchase')
	EXECUTE FUNCTION agg_orders();
CREATE TRIGGER agg_orders_change AFTER DELETE OR UPDATE ON interactions
	FOR EACH ROW EXECUTE FUNCTION agg_orders();

-- An existing database's orders, as lib/agg.c's ORDERS_RAW counts them.
INSERT INTO cust_orders SELECT customer_id, count(DISTINCT ref) +
    count(*) FILTER (WHERE ref IS NULL) FROM interactions
    WHERE kind = 'purchase' GROUP BY customer_id;
