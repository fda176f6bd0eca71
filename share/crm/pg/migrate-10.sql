-- crm schema version 10 for PostgreSQL: an import's new rows skip the
-- per-row triggers of search and of the aggregates.
--
-- A bulk load (crm-add --import, crm-log --import: lib/pg.c's
-- bulk_begin) sets crm.bulk_customers or crm.bulk_interactions, local to
-- its transaction, to the largest id the table had before it.  A row
-- above that is the load's own: the search text of every such customer
-- is made at the load's end in one statement (bulk_end), and the load's
-- interactions are added up at its end by crm_agg_catch_up (lib/agg.c),
-- so their triggers have nothing to do.  Calling the plpgsql functions
-- to find that out cost a quarter of the server's time of an import of
-- 100,000 customers (bench/README.md); a trigger's WHEN clause is
-- evaluated without calling them.  Rows changed or deleted that were
-- there before the load, and every row outside one, fire as before.

-- The largest id of table t before the load in progress; without one,
-- the largest there is, so that every row's trigger fires.
CREATE OR REPLACE FUNCTION crm_bulk_lo(t text) RETURNS bigint
LANGUAGE sql STABLE AS $$
	SELECT coalesce(nullif(current_setting('crm.bulk_' || t, true), ''),
	    '9223372036854775807')::bigint
$$;

DROP TRIGGER fts_customers ON customers;
CREATE TRIGGER fts_customers AFTER INSERT ON customers FOR EACH ROW
	WHEN (NEW.id <= crm_bulk_lo('customers'))
	EXECUTE FUNCTION fts_customer_row();
CREATE TRIGGER fts_customers_change AFTER UPDATE OF id, name, company, email,
	phone, external_id ON customers FOR EACH ROW
	WHEN (OLD.id <= crm_bulk_lo('customers') OR
	    NEW.id <= crm_bulk_lo('customers'))
	EXECUTE FUNCTION fts_customer_row();
CREATE TRIGGER fts_customers_delete AFTER DELETE ON customers
	FOR EACH ROW EXECUTE FUNCTION fts_customer_row();
DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['customer_fields', 'tags', 'identities']
	    LOOP
		EXECUTE format($f$
		DROP TRIGGER fts_customers ON %1$I;
		CREATE TRIGGER fts_customers AFTER INSERT ON %1$I
			FOR EACH ROW
			WHEN (NEW.customer_id <= crm_bulk_lo('customers'))
			EXECUTE FUNCTION fts_customer_row();
		CREATE TRIGGER fts_customers_change AFTER UPDATE ON %1$I
			FOR EACH ROW
			WHEN (OLD.customer_id <= crm_bulk_lo('customers') OR
			    NEW.customer_id <= crm_bulk_lo('customers'))
			EXECUTE FUNCTION fts_customer_row();
		CREATE TRIGGER fts_customers_delete AFTER DELETE ON %1$I
			FOR EACH ROW EXECUTE FUNCTION fts_customer_row();$f$, t);
	END LOOP;
END$$;

DROP TRIGGER agg_interactions ON interactions;
CREATE TRIGGER agg_interactions AFTER INSERT ON interactions FOR EACH ROW
	WHEN (NEW.id <= crm_bulk_lo('interactions'))
	EXECUTE FUNCTION agg_interactions();
CREATE TRIGGER agg_interactions_change AFTER DELETE OR UPDATE
	ON interactions FOR EACH ROW EXECUTE FUNCTION agg_interactions();
