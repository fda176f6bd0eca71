-- crm schema version 17 for PostgreSQL: the customers never contacted
-- (cust_never: people only), SQLite's schema 19 (share/crm/migrate-19.sql says why
-- and how it is kept).
--
-- The key takes a customer's row with them (a cascade is not held back
-- by row-level security, as a rep's trigger would be once the customer
-- is gone).  A customer a bulk load adds skips the trigger (WHEN, as
-- migrate-10.sql): lib/pg.c's bulk_end adds the load's customers in one
-- statement.  Under per-rep access (rls.sql) the table has the policy
-- of cust_totals: a rep sees the rows of their own customers.
CREATE TABLE IF NOT EXISTS cust_never (
	customer_id bigint PRIMARY KEY REFERENCES customers ON DELETE CASCADE
);

CREATE OR REPLACE FUNCTION never_customer() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO cust_never SELECT NEW.id WHERE NOT EXISTS (SELECT FROM
	    cust_totals t WHERE t.customer_id = NEW.id) ON CONFLICT DO NOTHING;
	RETURN NULL;
END$$;
DROP TRIGGER IF EXISTS never_customers ON customers;
CREATE TRIGGER never_customers AFTER INSERT ON customers FOR EACH ROW
	WHEN (NEW.id <= crm_bulk_lo('customers') AND NEW.type = 'person')
	EXECUTE FUNCTION never_customer();

-- A person made an organisation (cust.c) leaves the set, and back.
CREATE OR REPLACE FUNCTION never_customer_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM cust_never WHERE customer_id = OLD.id;
	IF NEW.type = 'person' THEN
		INSERT INTO cust_never SELECT NEW.id WHERE NOT EXISTS (SELECT
		    FROM cust_totals t WHERE t.customer_id = NEW.id)
		    ON CONFLICT DO NOTHING;
	END IF;
	RETURN NULL;
END$$;
DROP TRIGGER IF EXISTS never_customers_change ON customers;
CREATE TRIGGER never_customers_change AFTER UPDATE OF id, type ON customers
	FOR EACH ROW WHEN (OLD.id <> NEW.id OR OLD.type IS DISTINCT FROM
	    NEW.type)
	EXECUTE FUNCTION never_customer_change();

CREATE OR REPLACE FUNCTION never_totals() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		DELETE FROM cust_never WHERE customer_id = NEW.customer_id;
	ELSE
		INSERT INTO cust_never SELECT OLD.customer_id WHERE EXISTS
		    (SELECT FROM customers c WHERE c.id = OLD.customer_id AND
		    c.type = 'person')
		    ON CONFLICT DO NOTHING;
	END IF;
	RETURN NULL;
END$$;
DROP TRIGGER IF EXISTS never_totals ON cust_totals;
CREATE TRIGGER never_totals AFTER INSERT OR DELETE ON cust_totals
	FOR EACH ROW EXECUTE FUNCTION never_totals();

DELETE FROM cust_never;
INSERT INTO cust_never SELECT id FROM customers c WHERE type = 'person'
	AND NOT EXISTS (SELECT FROM cust_totals t WHERE t.customer_id = c.id);
