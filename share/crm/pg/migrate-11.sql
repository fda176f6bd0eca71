-- crm schema version 11 for PostgreSQL: a bulk load's own rows, their
-- ids given, skip the id trigger.
--
-- A bulk load that numbers its rows itself (lib/pg.c's bulk_begin:
-- crm_bulk's next) gives every new customer or interaction its id, and
-- sends them as COPY (lib/pg.c's copy_send).  The id trigger
-- (crm_next_id_TABLE, schema.sql) then had nothing to do but move the
-- transaction's count (crm.next_TABLE) past the row: a plpgsql call a
-- row, 20 us of a customer's 119 (doc/scale.md).  A row above the
-- load's starting id (crm_bulk_lo, migrate-10.sql) whose id is given
-- skips it, and the client moves the count past the rows it sent, once
-- for all of them (lib/pg.c's setnext_send), so that a row after them
-- without an id (an organisation made by its name) does not take one of
-- theirs.  A row without an id, a row outside a load and a row of a
-- load that does not number its rows (a rep's) fire as before.
DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['customers', 'interactions'] LOOP
		EXECUTE format($f$
		DROP TRIGGER crm_next_id ON %1$I;
		CREATE TRIGGER crm_next_id BEFORE INSERT ON %1$I FOR EACH ROW
			WHEN (NEW.id IS NULL OR NEW.id <= crm_bulk_lo(%1$L))
			EXECUTE FUNCTION crm_next_id_%1$s();$f$, t);
	END LOOP;
END$$;
