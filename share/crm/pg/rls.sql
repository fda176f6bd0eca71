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

-- BLAKE2b-256 keyed with key (RFC 7693), as libsodium's
-- crypto_generichash (crypt.c's crm_crypt_mac_hex): the erased list's
-- hash, worked out on the server for a login that may not read the key.
-- 64-bit words as two 32-bit halves in bigint (PostgreSQL has no
-- unsigned 64-bit arithmetic): hi[i], lo[i].
CREATE OR REPLACE FUNCTION crm_blake2b_mac(key bytea, msg bytea)
RETURNS text LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
	M constant bigint := 4294967295;
	iv_hi constant bigint[] := ARRAY[1779033703, 3144134277, 1013904242,
	    2773480762, 1359893119, 2600822924, 528734635, 1541459225];
	iv_lo constant bigint[] := ARRAY[4089235720, 2227873595, 4271175723,
	    1595750129, 2917565137, 725511199, 4215389547, 327033209];
	sigma constant int[] := ARRAY[
	    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
	    14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3,
	    11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4,
	    7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8,
	    9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13,
	    2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9,
	    12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11,
	    13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10,
	    6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5,
	    10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0];
	-- G's four words, eight times a round (1-based)
	gw constant int[] := ARRAY[1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15,
	    4, 8, 12, 16, 1, 6, 11, 16, 2, 7, 12, 13, 3, 8, 9, 14,
	    4, 5, 10, 15];
	data bytea;
	hh bigint[];
	hl bigint[];
	vh bigint[];
	vl bigint[];
	mh bigint[];
	ml bigint[];
	n int;
	nblocks int;
	blk int;
	t bigint;
	r int;
	g int;
	j int;
	o int;
	a int; b int; c int; d int; x int; y int;
	h bigint; l bigint;
	out text := '';
BEGIN
	IF length(key) <> 32 THEN
		RAISE EXCEPTION 'the erased list''s key is damaged';
	END IF;
	-- the key padded to a block, then the message
	data := key || decode(repeat('00', 96), 'hex') || msg;
	n := length(data);
	nblocks := (n + 127) / 128;
	data := data || decode(repeat('00', nblocks * 128 - n), 'hex');
	hh := iv_hi;
	hl := iv_lo;
	hl[1] := hl[1] # 16850976;	-- 0x01012020: key 32 bytes, hash 32
	FOR blk IN 0 .. nblocks - 1 LOOP
		t := least((blk + 1)::bigint * 128, n);
		mh := '{}';
		ml := '{}';
		FOR j IN 0 .. 15 LOOP
			o := blk * 128 + j * 8;
			ml[j + 1] := get_byte(data, o)::bigint |
			    (get_byte(data, o + 1)::bigint << 8) |
			    (get_byte(data, o + 2)::bigint << 16) |
			    (get_byte(data, o + 3)::bigint << 24);
			mh[j + 1] := get_byte(data, o + 4)::bigint |
			    (get_byte(data, o + 5)::bigint << 8) |
			    (get_byte(data, o + 6)::bigint << 16) |
			    (get_byte(data, o + 7)::bigint << 24);
		END LOOP;
		vh := hh || iv_hi;
		vl := hl || iv_lo;
		vl[13] := vl[13] # (t & M);
		vh[13] := vh[13] # (t >> 32);
		IF blk = nblocks - 1 THEN
			vh[15] := vh[15] # M;
			vl[15] := vl[15] # M;
		END IF;
		FOR r IN 0 .. 11 LOOP
			FOR g IN 0 .. 7 LOOP
				a := gw[g * 4 + 1]; b := gw[g * 4 + 2];
				c := gw[g * 4 + 3]; d := gw[g * 4 + 4];
				x := sigma[(r % 10) * 16 + g * 2 + 1] + 1;
				y := sigma[(r % 10) * 16 + g * 2 + 2] + 1;
				-- a := a + b + x; d := (d ^ a) >>> 32
				l := vl[a] + vl[b] + ml[x];
				vh[a] := (vh[a] + vh[b] + mh[x] + (l >> 32)) & M;
				vl[a] := l & M;
				l := vl[d] # vl[a];
				vl[d] := vh[d] # vh[a];
				vh[d] := l;
				-- c := c + d; b := (b ^ c) >>> 24
				l := vl[c] + vl[d];
				vh[c] := (vh[c] + vh[d] + (l >> 32)) & M;
				vl[c] := l & M;
				l := vl[b] # vl[c];
				h := vh[b] # vh[c];
				vl[b] := (l >> 24) | ((h << 8) & M);
				vh[b] := (h >> 24) | ((l << 8) & M);
				-- a := a + b + y; d := (d ^ a) >>> 16
				l := vl[a] + vl[b] + ml[y];
				vh[a] := (vh[a] + vh[b] + mh[y] + (l >> 32)) & M;
				vl[a] := l & M;
				l := vl[d] # vl[a];
				h := vh[d] # vh[a];
				vl[d] := (l >> 16) | ((h << 16) & M);
				vh[d] := (h >> 16) | ((l << 16) & M);
				-- c := c + d; b := (b ^ c) >>> 63
				l := vl[c] + vl[d];
				vh[c] := (vh[c] + vh[d] + (l >> 32)) & M;
				vl[c] := l & M;
				l := vl[b] # vl[c];
				h := vh[b] # vh[c];
				vl[b] := ((l << 1) & M) | (h >> 31);
				vh[b] := ((h << 1) & M) | (l >> 31);
			END LOOP;
		END LOOP;
		FOR j IN 1 .. 8 LOOP
			hh[j] := hh[j] # vh[j] # vh[j + 8];
			hl[j] := hl[j] # vl[j] # vl[j + 8];
		END LOOP;
	END LOOP;
	-- the first 32 bytes, little-endian
	FOR j IN 1 .. 4 LOOP
		FOR o IN 0 .. 3 LOOP
			out := out || lpad(to_hex((hl[j] >> (8 * o)) & 255), 2, '0');
		END LOOP;
		FOR o IN 0 .. 3 LOOP
			out := out || lpad(to_hex((hh[j] >> (8 * o)) & 255), 2, '0');
		END LOOP;
	END LOOP;
	RETURN out;
END$$;

-- Is the text crm hashes for a key (erase.c's erased_text: kind, system
-- and value, 0x1f between) on the erased list?  When it went on it (its
-- "at"), or NULL.  Run as the owner (below): a rep's import asks the
-- list without reading its key, which the policy on settings keeps from
-- reps; with the key and the hashes one could test every address of a
-- leaked list offline.  It answers one key a call, as the list is for.
CREATE OR REPLACE FUNCTION crm_erased_at(what text) RETURNS text
LANGUAGE sql STABLE AS $$
	SELECT e.at FROM erased e, settings s WHERE s.key = 'erased_key'
	    AND e.hash = crm_blake2b_mac(decode(s.value, 'hex'),
	    convert_to(what, 'UTF8'))
$$;

-- Has customer id been erased: gone, and the trail's erase row names it
-- (erase.c writes it before scrubbing)?  What the scrubs below ask
-- first: the trail is append-only but for an erase.
CREATE OR REPLACE FUNCTION crm_erased_customer(cust bigint) RETURNS boolean
LANGUAGE sql STABLE AS $$
	SELECT NOT EXISTS (SELECT FROM customers WHERE id = cust) AND
	    EXISTS (SELECT FROM audit WHERE action = 'erase' AND customer_id
	    IS NULL AND detail LIKE '{"customer":' || cust || ',%')
$$;

-- Who may scrub: a manager or the tables' owner (EXECUTE is granted to
-- managers only; this says why to anyone else).
CREATE OR REPLACE FUNCTION crm_scrub_check(cust bigint) RETURNS void
LANGUAGE plpgsql STABLE AS $$
BEGIN
	IF crm_my_owner() IS NOT NULL THEN
		RAISE EXCEPTION 'erasing a customer is a manager''s (crm grant '
		    'manager): a rep does not scrub the audit trail'
		    USING ERRCODE = '42501';
	END IF;
	IF NOT crm_erased_customer(cust) THEN
		RAISE EXCEPTION 'the audit trail is append-only: customer % '
		    'is not erased', cust USING ERRCODE = '42501';
	END IF;
END$$;

-- An erase's scrub of the rows of the erased customer or of one of its
-- former ids (a customer merged into it, or into those): their detail
-- and customer_id blanked, nothing else.  Which ids were hers is read
-- from the trail's merge rows, as erase.c's merged_into does (a former
-- id given to a new customer since: only its rows before that merge);
-- so erase.c blanks the formers before her own rows, whose merge rows
-- say who they were.  How many rows.
CREATE OR REPLACE FUNCTION crm_audit_blank(erased bigint, former bigint)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
	before bigint;
	n bigint;
BEGIN
	PERFORM crm_scrub_check(erased);
	WITH RECURSIVE f(id, before) AS (
		VALUES (erased, 0::bigint)
		UNION
		SELECT (CASE WHEN a.action = 'merge' THEN a.detail ->>
		    '$.merged.id' END)::bigint, a.id FROM audit a JOIN f ON
		    a.customer_id = f.id WHERE a.action = 'merge')
	SELECT min(f.before) INTO before FROM f WHERE f.id = former;
	IF before IS NULL THEN
		RAISE EXCEPTION 'the audit trail is append-only: customer % '
		    'was never merged into customer %', former, erased
		    USING ERRCODE = '42501';
	END IF;
	IF NOT EXISTS (SELECT FROM customers WHERE id = former) THEN
		before := 0;
	END IF;
	UPDATE audit SET detail = NULL, customer_id = NULL WHERE
	    customer_id = former AND (before = 0 OR id < before);
	GET DIAGNOSTICS n = ROW_COUNT;
	RETURN n;
END$$;

-- An erase's scrub of another row that quotes her values: its detail
-- becomes scrubbed, which must be the detail with parts of it replaced
-- by "[erased]" (erase.c's scrub_text, scrub_words) and nothing else
-- written.  1, or 0 when the row has no detail.
CREATE OR REPLACE FUNCTION crm_audit_redact(erased bigint, row_id bigint,
    scrubbed text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
	old text;
	parts text[];
	k int;
	i int;
	pos int;
	at int;
BEGIN
	PERFORM crm_scrub_check(erased);
	SELECT detail INTO old FROM audit WHERE id = row_id;
	IF old IS NULL THEN
		RETURN 0;
	END IF;
	parts := string_to_array(scrubbed, '[erased]');
	k := coalesce(array_length(parts, 1), 0);
	-- the first part begins it, the last ends it, the others in
	-- between in order, what is between them replaced
	IF k < 2 OR left(old, length(parts[1])) <> parts[1] OR
	    right(old, length(parts[k])) <> parts[k] THEN
		k := 0;
	END IF;
	pos := length(parts[1]) + 1;
	FOR i IN 2 .. k - 1 LOOP
		at := strpos(substr(old, pos), parts[i]);
		IF at = 0 THEN
			k := 0;
			EXIT;
		END IF;
		pos := pos + at - 1 + length(parts[i]);
	END LOOP;
	IF k = 0 OR length(old) - length(parts[k]) + 1 < pos THEN
		RAISE EXCEPTION 'the audit trail is append-only: an erase '
		    'replaces values by [erased], and writes nothing else'
		    USING ERRCODE = '42501';
	END IF;
	UPDATE audit SET detail = scrubbed WHERE id = row_id;
	RETURN 1;
END$$;

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
	    'crm_keep_top_customers()', 'crm_erased_at(text)',
	    'crm_erased_customer(bigint)', 'crm_scrub_check(bigint)',
	    'crm_audit_blank(bigint, bigint)',
	    'crm_audit_redact(bigint, bigint, text)'] LOOP
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
-- or removes one; nor does a manager: an erase's scrub goes through
-- crm_audit_blank and crm_audit_redact (crm_audit_rights).  A rep adds
-- only what crm's programs write for a rep's own work (not an erase,
-- an unerase, a grant, a setting, the stages, a copy or an undo's rows),
-- about nobody or a customer of theirs.
CREATE POLICY crm_rep_read ON audit FOR SELECT USING ((SELECT crm_manager())
	OR actor = session_user OR
	EXISTS (SELECT FROM customers k WHERE k.id = customer_id));
CREATE POLICY crm_rep_add ON audit FOR INSERT WITH CHECK
	((SELECT crm_manager()) OR (action IN ('add', 'update', 'merge',
	'reassign', 'export', 'import', 'log', 'log-import', 'resolve',
	'credit', 'remind', 'remind-done', 'remind-snooze', 'remind-rm',
	'remind-import', 'rule-add', 'rule-rm', 'deal add', 'deal history',
	'deal move', 'deal update', 'deal-import') AND (customer_id IS NULL
	OR EXISTS (SELECT FROM customers k WHERE k.id = customer_id))));

-- The erased list's key (erase.c) is a manager's: a rep's import asks
-- the list through crm_erased_at, which hashes on the server.
ALTER TABLE settings ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS crm_rep ON settings;
CREATE POLICY crm_rep ON settings USING (key <> 'erased_key' OR
	(SELECT crm_my_owner()) IS NULL);

-- A login's rights on the audit trail: read and add rows, never UPDATE
-- or DELETE (an erase's scrub is crm_audit_blank's and
-- crm_audit_redact's, which a manager may run).  Revoked first: a grant
-- by an older crm gave UPDATE and DELETE, or UPDATE of detail and
-- customer_id, and a table's revoke takes its columns' grants with it.
-- The erased list: read by all (an import asks crm_erased_at), changed
-- by managers (an erase, crm-add --unerase).
CREATE OR REPLACE FUNCTION crm_audit_rights(who text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	mgr boolean := EXISTS (SELECT FROM crm_access WHERE login = who AND
	    level = 'manager');
	f text;
BEGIN
	EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON audit FROM %I',
	    who);
	EXECUTE format('GRANT SELECT, INSERT ON audit TO %I', who);
	EXECUTE format('GRANT EXECUTE ON FUNCTION crm_erased_at(text) TO %I',
	    who);
	EXECUTE format('GRANT SELECT ON erased TO %I', who);
	EXECUTE format('%s INSERT, UPDATE, DELETE ON erased %s %I',
	    CASE WHEN mgr THEN 'GRANT' ELSE 'REVOKE' END,
	    CASE WHEN mgr THEN 'TO' ELSE 'FROM' END, who);
	FOREACH f IN ARRAY ARRAY['crm_audit_blank(bigint, bigint)',
	    'crm_audit_redact(bigint, bigint, text)'] LOOP
		EXECUTE format('%s EXECUTE ON FUNCTION %s %s %I',
		    CASE WHEN mgr THEN 'GRANT' ELSE 'REVOKE' END, f,
		    CASE WHEN mgr THEN 'TO' ELSE 'FROM' END, who);
	END LOOP;
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
	    'undo_customers, undo_customer_fields, undo_identities';
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
	EXECUTE format('REVOKE ALL ON FUNCTION crm_erased_at(text), '
	    'crm_audit_blank(bigint, bigint), crm_audit_redact(bigint, '
	    'bigint, text) FROM %I', who);
	RETURN known;
END$$;
REVOKE ALL ON FUNCTION crm_grant(text, text, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION crm_revoke(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION crm_audit_rights(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION crm_erased_at(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION crm_audit_blank(bigint, bigint) FROM PUBLIC;
REVOKE ALL ON FUNCTION crm_audit_redact(bigint, bigint, text) FROM PUBLIC;
-- (asked by those two, as the owner: whether a customer another rep had
-- was erased is none of a rep's business)
REVOKE ALL ON FUNCTION crm_erased_customer(bigint) FROM PUBLIC;
REVOKE ALL ON FUNCTION crm_scrub_check(bigint) FROM PUBLIC;

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
