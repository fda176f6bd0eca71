-- Per-rep access on PostgreSQL (doc/scale.md, "Per-rep access").
--
-- Run by the database's owner (the role that made crm's schema), by
-- `crm grant` before each grant, or by hand: psql -f rls.sql, then
--   SELECT crm_grant('rep', 'ann', 'Ann Smith');  -- owner name, or NULL
--   SELECT crm_grant('manager', 'boss', NULL);
--   SELECT crm_revoke('ann');
-- It can be run again (after an upgrade of crm) and changes nothing twice.
--
-- Who is who comes from the server, never from the client: session_user
-- (the login the connection authenticated as; only a superuser can change
-- it in a session).  A rep sees and changes the customers whose owner is
-- the owner name crm_access gives their login (their login, unless
-- granted another), and those customers' rows; organisations are shared;
-- a manager sees and changes everything.  The table owner and superusers
-- are not limited by row-level security at all (PostgreSQL's rule), so
-- reps and managers must be other logins.

-- Logins crm knows: a rep's owner name is what customers.owner holds for
-- their customers (a mapping, so data written before the logins existed,
-- with owner names such as 'Ann Smith', needs no rewrite).
CREATE TABLE IF NOT EXISTS crm_access (
	login text COLLATE "C" PRIMARY KEY,
	level text COLLATE "C" NOT NULL CHECK (level IN ('rep', 'manager')),
	owner text COLLATE "C" CHECK ((level = 'rep') = (owner IS NOT NULL))
);
REVOKE ALL ON crm_access FROM PUBLIC;

-- Read as the owner (SECURITY DEFINER): reps cannot read crm_access.
-- Its search_path is set below: the schema's, then pg_temp.
CREATE OR REPLACE FUNCTION crm_manager() RETURNS boolean
LANGUAGE sql STABLE AS $$
	SELECT EXISTS (SELECT 1 FROM crm_access WHERE login = session_user
	    AND level = 'manager')
$$;
CREATE OR REPLACE FUNCTION crm_my_owner() RETURNS text
LANGUAGE sql STABLE AS $$
	SELECT owner FROM crm_access WHERE login = session_user
	    AND level = 'rep'
$$;

-- A new row's id is one more than the largest of ALL rows, not of those
-- the writer may see: run as the owner, whom row-level security does not
-- limit, or a rep's max(id) would repeat another rep's id.  The kept
-- aggregates likewise add to a customer's rows whoever writes.
--
-- Every function run as the owner names its schema and then pg_temp in
-- its search_path: pg_temp is otherwise searched FIRST, and a rep's
-- temporary table named crm_access (or customers) would be read instead
-- of crm's, making them a manager.
DO $$
DECLARE
	sp text := (SELECT format('%I, pg_temp', n.nspname) FROM pg_class c
	    JOIN pg_namespace n ON n.oid = c.relnamespace
	    WHERE c.oid = to_regclass('customers'));
	f text;
BEGIN
	FOREACH f IN ARRAY ARRAY['crm_manager()', 'crm_my_owner()',
	    'agg_interactions()', 'agg_add(interactions)',
	    'agg_interactions_rows()', 'agg_apply(agg_delta[])',
	    'agg_fold(interactions[], interactions[])', 'agg_orders()',
	    'agg_orders_rows()',
	    'agg_order_alone(interactions, bigint)', 'crm_next_id_customers()',
	    'crm_next_id_interactions()', 'crm_next_id_rules()',
	    'crm_next_id_reminders()', 'crm_next_id_audit()',
	    'crm_next_id_deals()', 'crm_next_id_deal_history()',
	    'crm_keep_top_customers()'] LOOP
		EXECUTE format('ALTER FUNCTION %s SECURITY DEFINER '
		    'SET search_path = %s', f, sp);
	END LOOP;
END$$;
-- Views read with the reader's rights, so the policies below apply.
ALTER VIEW agg_totals_raw SET (security_invoker = true);
ALTER VIEW agg_periods_raw SET (security_invoker = true);

-- The audit trail's actor (and a deal's move's) is the server's login,
-- whatever CRM_USER the client set, and stays what it was when a row is
-- changed (erasing scrubs details, never who did what).  Erasing a
-- customer is a manager's: it scrubs the whole trail, of which a rep
-- sees a part; a rep's erase is refused as a whole by its audit row
-- (42501, exit 77) rather than leaving values in rows they cannot see.
--
-- The trail is append-only (qa44 2): a row's id, at, actor and action
-- never change, for any login (no crm code changes them; an erase
-- changes only detail and customer_id), and a row a login crm granted
-- inserts is at the server's clock, not the client's, so it cannot be
-- backdated (nor moved by CRM_NOW).  The owner's rows keep the time it
-- sends: crm copy and a restore keep a trail's times.
CREATE OR REPLACE FUNCTION crm_actor_stamp() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'audit' THEN
		IF (NEW.id, NEW.at, NEW.actor, NEW.action) IS DISTINCT FROM
		    (OLD.id, OLD.at, OLD.actor, OLD.action) THEN
			RAISE EXCEPTION 'the audit trail is append-only: a '
			    'row''s id, at, actor and action never change'
			    USING ERRCODE = '42501';
		END IF;
		RETURN NEW;
	END IF;
	IF TG_OP = 'UPDATE' THEN
		NEW.actor := OLD.actor;
		RETURN NEW;
	END IF;
	NEW.actor := session_user;
	-- Nested: NEW of deal_history has no action to look at.
	IF TG_TABLE_NAME = 'audit' THEN
		IF NEW.action = 'erase' AND crm_my_owner() IS NOT NULL THEN
			RAISE EXCEPTION 'erasing a customer is a manager''s '
			    '(crm grant manager): it scrubs the whole audit '
			    'trail, and a rep sees only part of it'
			    USING ERRCODE = '42501';
		END IF;
		IF crm_manager() OR crm_my_owner() IS NOT NULL THEN
			NEW.at := to_char(now() AT TIME ZONE 'UTC',
			    'YYYY-MM-DD"T"HH24:MI:SS"Z"');
		END IF;
	END IF;
	RETURN NEW;
END$$;
DROP TRIGGER IF EXISTS crm_actor ON audit;
CREATE TRIGGER crm_actor BEFORE INSERT OR UPDATE ON audit
	FOR EACH ROW EXECUTE FUNCTION crm_actor_stamp();
DROP TRIGGER IF EXISTS crm_actor ON deal_history;
CREATE TRIGGER crm_actor BEFORE INSERT OR UPDATE OF actor ON deal_history
	FOR EACH ROW EXECUTE FUNCTION crm_actor_stamp();

-- A person a rep adds without an owner is theirs (else the policy would
-- refuse it as nobody's).
CREATE OR REPLACE FUNCTION crm_owner_stamp() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF coalesce(NEW.owner, '') = '' AND NEW.type = 'person' THEN
		NEW.owner := coalesce(crm_my_owner(), NEW.owner);
	END IF;
	RETURN NEW;
END$$;
DROP TRIGGER IF EXISTS crm_owner ON customers;
CREATE TRIGGER crm_owner BEFORE INSERT ON customers
	FOR EACH ROW EXECUTE FUNCTION crm_owner_stamp();

-- Organisations are shared (every rep reads and changes them, as the
-- policy below lets), but their owner is not (qa44 10): a rep gives an
-- organisation an owner only when it is theirs or nobody's, and only to
-- themselves or nobody, as a rep's person cannot be given to another
-- (the policy's check) nor taken from one (the rep cannot see it).  So a
-- rep who owns nothing cannot take another's organisation, nor add one
-- as another's.  Its name, domain and the rest stay shared: a rep may
-- correct them, and each change is in the audit trail.  A manager's
-- change stands, as does the table owner's.
CREATE OR REPLACE FUNCTION crm_org_owner_check() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	mine text := crm_my_owner();
BEGIN
	IF mine IS NULL OR NOT (NEW.type = 'org' OR (TG_OP = 'UPDATE' AND
	    OLD.type = 'org')) THEN
		RETURN NEW;
	END IF;
	IF TG_OP = 'UPDATE' AND NEW.owner IS NOT DISTINCT FROM OLD.owner
	    AND NEW.type = OLD.type THEN
		RETURN NEW;
	END IF;
	IF coalesce(NEW.owner, '') NOT IN ('', mine) OR (TG_OP = 'UPDATE'
	    AND coalesce(OLD.owner, '') NOT IN ('', mine)) THEN
		RAISE EXCEPTION 'a rep gives an organisation an owner only '
		    'when it is theirs or nobody''s, and only to themselves: '
		    'any other change of its owner is a manager''s'
		    USING ERRCODE = '42501';
	END IF;
	RETURN NEW;
END$$;
DROP TRIGGER IF EXISTS crm_org_owner ON customers;
CREATE TRIGGER crm_org_owner BEFORE INSERT OR UPDATE OF owner, type ON
	customers FOR EACH ROW EXECUTE FUNCTION crm_org_owner_check();

-- Who handles an interaction, a deal or a reminder (its owner) is, when
-- a rep writes it, that rep: their owner name, whatever CRM_USER or
-- --owner the client sent, on insert and on a change of owner; so a rep
-- cannot stamp work as another's.  A manager assigns work to others (and
-- may change any row anyway): what they send stands, as does the
-- table owner's.
CREATE OR REPLACE FUNCTION crm_handler_stamp() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	mine text := crm_my_owner();
BEGIN
	IF mine IS NOT NULL THEN
		NEW.owner := mine;
	END IF;
	RETURN NEW;
END$$;
DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['interactions', 'deals', 'reminders'] LOOP
		EXECUTE format('DROP TRIGGER IF EXISTS crm_handler ON %I', t);
		EXECUTE format('CREATE TRIGGER crm_handler BEFORE INSERT OR '
		    'UPDATE OF owner ON %I FOR EACH ROW EXECUTE FUNCTION '
		    'crm_handler_stamp()', t);
	END LOOP;
END$$;

-- The policies.  (SELECT f()) is worked out once a statement, not once
-- a row.  A child table's rows follow their customer's (or deal's,
-- interaction's): the subquery on customers is itself limited by its
-- policy.  EXISTS with the key, not IN (SELECT id ...): one index probe
-- a row, where IN hashes every customer again for each run of a
-- correlated subquery (a metric per customer), and its cost estimate
-- sets off the server's JIT compiler (0.3 s of a 0.05 s query).  One
-- policy for all commands: USING limits what is read, updated and
-- deleted, and as WITH CHECK what is written, so a row cannot be moved
-- to another rep's customer either.
DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['customers', 'customer_fields', 'tags',
	    'identities', 'interactions', 'interaction_fields', 'scores',
	    'reminders', 'deals', 'deal_history', 'deal_fields',
	    'cust_totals', 'cust_periods', 'cust_orders', 'cust_never',
	    'audit', 'fts_customers', 'fts_deals'] LOOP
		EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
		EXECUTE format('DROP POLICY IF EXISTS crm_rep ON %I', t);
		EXECUTE format('DROP POLICY IF EXISTS crm_rep_read ON %I', t);
		EXECUTE format('DROP POLICY IF EXISTS crm_rep_add ON %I', t);
		EXECUTE format('DROP POLICY IF EXISTS crm_rep_del ON %I', t);
	END LOOP;
END$$;

CREATE POLICY crm_rep ON customers USING ((SELECT crm_manager()) OR
	type = 'org' OR owner = (SELECT crm_my_owner()));
CREATE POLICY crm_rep ON customer_fields USING ((SELECT crm_manager()) OR
	EXISTS (SELECT FROM customers k WHERE k.id = customer_id));
CREATE POLICY crm_rep ON tags USING ((SELECT crm_manager()) OR
	EXISTS (SELECT FROM customers k WHERE k.id = customer_id));
CREATE POLICY crm_rep ON identities USING ((SELECT crm_manager()) OR
	EXISTS (SELECT FROM customers k WHERE k.id = customer_id));
CREATE POLICY crm_rep ON interactions USING ((SELECT crm_manager()) OR
	EXISTS (SELECT FROM customers k WHERE k.id = customer_id));
CREATE POLICY crm_rep ON reminders USING ((SELECT crm_manager()) OR
	EXISTS (SELECT FROM customers k WHERE k.id = customer_id));
CREATE POLICY crm_rep ON deals USING ((SELECT crm_manager()) OR
	EXISTS (SELECT FROM customers k WHERE k.id = customer_id));
CREATE POLICY crm_rep ON cust_totals USING ((SELECT crm_manager()) OR
	EXISTS (SELECT FROM customers k WHERE k.id = customer_id));
CREATE POLICY crm_rep ON cust_periods USING ((SELECT crm_manager()) OR
	EXISTS (SELECT FROM customers k WHERE k.id = customer_id));
CREATE POLICY crm_rep ON cust_orders USING ((SELECT crm_manager()) OR
	EXISTS (SELECT FROM customers k WHERE k.id = customer_id));
CREATE POLICY crm_rep ON cust_never USING ((SELECT crm_manager()) OR
	EXISTS (SELECT FROM customers k WHERE k.id = customer_id));
CREATE POLICY crm_rep ON interaction_fields USING ((SELECT crm_manager())
	OR EXISTS (SELECT FROM interactions k WHERE k.id = interaction_id));
CREATE POLICY crm_rep ON scores USING ((SELECT crm_manager()) OR
	EXISTS (SELECT FROM interactions k WHERE k.id = interaction_id));
CREATE POLICY crm_rep ON deal_history USING ((SELECT crm_manager()) OR
	EXISTS (SELECT FROM deals k WHERE k.id = deal_id));
CREATE POLICY crm_rep ON deal_fields USING ((SELECT crm_manager()) OR
	EXISTS (SELECT FROM deals k WHERE k.id = deal_id));
-- Search's kept texts (a customer's record, a deal's): a rep's own.
CREATE POLICY crm_rep ON fts_customers USING ((SELECT crm_manager()) OR
	EXISTS (SELECT FROM customers k WHERE k.id = rowid));
CREATE POLICY crm_rep ON fts_deals USING ((SELECT crm_manager()) OR
	EXISTS (SELECT FROM deals k WHERE k.id = rowid));
-- The audit trail: a rep reads what is about their customers and what
-- they did, adds rows (as themselves, by the trigger), and never changes
-- or removes one; a manager (erasing a customer scrubs it) may change
-- the columns an erase scrubs (crm_audit_rights), and removes none.
CREATE POLICY crm_rep_read ON audit FOR SELECT USING ((SELECT crm_manager())
	OR actor = session_user OR
	EXISTS (SELECT FROM customers k WHERE k.id = customer_id));
CREATE POLICY crm_rep_add ON audit FOR INSERT WITH CHECK (true);
CREATE POLICY crm_rep ON audit FOR UPDATE USING ((SELECT crm_manager()));

-- A login's rights on the audit trail: read and add rows, UPDATE only
-- detail and customer_id (lib/erase.c's scrub), never DELETE.  Revoked
-- first: a grant by an older crm gave UPDATE of every column and
-- DELETE, and a table's revoke takes its columns' grants with it.
CREATE OR REPLACE FUNCTION crm_audit_rights(who text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON audit FROM %I',
	    who);
	EXECUTE format('GRANT SELECT, INSERT ON audit TO %I', who);
	EXECUTE format('GRANT UPDATE (detail, customer_id) ON audit TO %I',
	    who);
END$$;

-- The tables a login gets rights on: those with customers' rows (under
-- the policies above), shared ones (rules: cadence rules are the team's)
-- and crm's bookkeeping.  Stages and settings are read by all and set by
-- managers.  A table added by a later schema is in none of these lists,
-- so a rep is refused it (77) until it is judged and listed here.
CREATE OR REPLACE FUNCTION crm_grant(lvl text, who text, own text)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	rw text := 'customers, customer_fields, tags, identities, '
	    'interactions, interaction_fields, scores, reminders, deals, '
	    'deal_history, deal_fields, rules, cust_totals, '
	    'cust_periods, cust_orders, cust_never, fts_defer, fts_dirty, '
	    'agg_defer, '
	    'fts_customers, fts_deals, fts_interactions, undo_changes, '
	    'undo_customers, undo_customer_fields, undo_identities, erased';
	-- cust_sales and cust_split stay empty here (crm_db_cells): the
	-- reports name them, and read the raw rows.
	ro text := 'crm_schema, stages, settings, agg_totals_raw, '
	    'agg_periods_raw, fts_customer_text, fts_interaction_text, '
	    'fts_deal_text, cust_sales, cust_split, sqlite_sequence';
BEGIN
	INSERT INTO crm_access (login, level, owner) VALUES (who, lvl,
	    CASE WHEN lvl = 'rep' THEN coalesce(nullif(own, ''), who) END)
	    ON CONFLICT (login) DO UPDATE SET level = excluded.level,
	    owner = excluded.owner;
	EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO %I',
	    rw, who);
	EXECUTE format('GRANT SELECT ON %s TO %I', ro, who);
	PERFORM crm_audit_rights(who);
	IF lvl = 'manager' THEN
		EXECUTE format('GRANT INSERT, UPDATE, DELETE ON stages, '
		    'settings TO %I', who);
	ELSE
		EXECUTE format('REVOKE INSERT, UPDATE, DELETE ON stages, '
		    'settings FROM %I', who);
	END IF;
END$$;

CREATE OR REPLACE FUNCTION crm_revoke(who text) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
	known boolean;
BEGIN
	DELETE FROM crm_access WHERE login = who;
	known := FOUND;
	EXECUTE format('REVOKE ALL ON customers, customer_fields, tags, '
	    'identities, interactions, interaction_fields, scores, '
	    'reminders, deals, deal_history, deal_fields, audit, rules, '
	    'cust_totals, cust_periods, cust_orders, cust_never, fts_defer, '
	    'fts_dirty, '
	    'agg_defer, fts_customers, fts_deals, fts_interactions, '
	    'undo_changes, undo_customers, undo_customer_fields, '
	    'undo_identities, erased, '
	    'crm_schema, stages, settings, agg_totals_raw, agg_periods_raw, '
	    'fts_customer_text, fts_interaction_text, fts_deal_text, '
	    'cust_sales, cust_split, sqlite_sequence FROM %I',
	    who);
	RETURN known;
END$$;
REVOKE ALL ON FUNCTION crm_grant(text, text, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION crm_revoke(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION crm_audit_rights(text) FROM PUBLIC;

-- Logins an older crm granted lose what crm_audit_rights does not give,
-- whichever login this run of the script is for.
DO $$
DECLARE
	a record;
BEGIN
	FOR a IN SELECT login FROM crm_access WHERE login IN (SELECT rolname
	    FROM pg_roles) ORDER BY login LOOP
		PERFORM crm_audit_rights(a.login);
	END LOOP;
END$$;
