-- crm schema for PostgreSQL, version 8: equal to SQLite's version 8
-- (schema.sql and migrate-2..8.sql) but for the full-text search of
-- version 6, which is made with pg_trgm by migrate-9.sql (doc/scale.md).
-- Made with its migrations in one transaction on the first write
-- (lib/pg.c), compiled in as lib/pgschema.c.
--
-- The programs' SQL is SQLite's, one copy for both engines: what it
-- needs that PostgreSQL lacks is here under SQLite's names and with its
-- meanings, what can be rewritten mechanically is rewritten by lib/pg.c.
-- Text columns collate "C": bytes, as SQLite's BINARY, so lists sort
-- the same whatever the server's locale.

-- SQLite's functions

-- SQLite's NOCASE (ASCII only there; Unicode here).
CREATE COLLATION IF NOT EXISTS nocase (provider = icu,
	locale = 'und-u-ks-level2', deterministic = false);

-- crm's now: the programs set crm.now for the session (CRM_NOW in tests).
CREATE OR REPLACE FUNCTION crm_now() RETURNS text LANGUAGE sql STABLE AS
	$$SELECT current_setting('crm.now')$$;

-- A time as SQLite reads one: ISO 8601, "now"; NULL when not a time.
CREATE OR REPLACE FUNCTION crm_ts(t text) RETURNS timestamp
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
	IF t IS NULL THEN
		RETURN NULL;
	END IF;
	IF t !~ '^\d{4}-\d\d-\d\d([T ]\d\d:\d\d(:\d\d(\.\d+)?)?)?(Z|[+-]\d\d:\d\d)?$' THEN
		RETURN NULL;
	END IF;
	RETURN (t::timestamptz AT TIME ZONE 'UTC');
EXCEPTION WHEN others THEN
	RETURN NULL;
END$$;

-- One of SQLite's date modifiers: '+3 days', '-6 days', '+1 month',
-- 'start of month', 'weekday N', 'utc'.
CREATE OR REPLACE FUNCTION crm_ts_mod(ts timestamp, m text) RETURNS timestamp
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
	n numeric;
	u text;
	d int;
BEGIN
	IF ts IS NULL OR m IS NULL THEN
		RETURN NULL;
	END IF;
	m := lower(trim(m));
	IF m = 'start of month' THEN
		RETURN date_trunc('month', ts);
	ELSIF m = 'start of year' THEN
		RETURN date_trunc('year', ts);
	ELSIF m = 'start of day' THEN
		RETURN date_trunc('day', ts);
	ELSIF m = 'utc' OR m = 'localtime' THEN
		RETURN ts;
	ELSIF m ~ '^weekday [0-6]$' THEN
		d := substr(m, 9)::int;
		RETURN ts + ((d - extract(dow FROM ts)::int + 7) % 7) * interval '1 day';
	ELSIF m ~ '^[+-]?\d+(\.\d+)? *(day|hour|minute|second|month|year)s?$' THEN
		n := substring(m FROM '^[+-]?\d+(?:\.\d+)?')::numeric;
		u := substring(m FROM '(day|hour|minute|second|month|year)');
		RETURN ts + n * ('1 ' || u)::interval;
	END IF;
	RETURN NULL;
END$$;

CREATE OR REPLACE FUNCTION crm_ts(t text, mods text[]) RETURNS timestamp
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
	ts timestamp := CASE WHEN lower(t) = 'now' THEN crm_ts(crm_now()) ELSE crm_ts(t) END;
	m text;
BEGIN
	FOREACH m IN ARRAY coalesce(mods, '{}') LOOP
		ts := crm_ts_mod(ts, m);
	END LOOP;
	RETURN ts;
END$$;

CREATE OR REPLACE FUNCTION julianday(t text, VARIADIC mods text[] DEFAULT '{}')
RETURNS double precision LANGUAGE sql STABLE AS
	$$SELECT extract(epoch FROM crm_ts(t, mods))::float8 / 86400 + 2440587.5$$;

CREATE OR REPLACE FUNCTION date(t text, VARIADIC mods text[] DEFAULT '{}')
RETURNS text LANGUAGE sql STABLE AS
	$$SELECT to_char(crm_ts(t, mods), 'YYYY-MM-DD')$$;

-- strftime: %Y %m %d %H %M %S %s %j %w %f %%.
CREATE OR REPLACE FUNCTION strftime(fmt text, t text DEFAULT 'now',
    VARIADIC mods text[] DEFAULT '{}')
RETURNS text LANGUAGE plpgsql STABLE AS $$
DECLARE
	ts timestamp := crm_ts(t, mods);
	r text := '';
	i int := 1;
	c text;
BEGIN
	IF ts IS NULL OR fmt IS NULL THEN
		RETURN NULL;
	END IF;
	WHILE i <= length(fmt) LOOP
		c := substr(fmt, i, 1);
		IF c = '%' AND i < length(fmt) THEN
			i := i + 1;
			c := substr(fmt, i, 1);
			r := r || CASE c
			    WHEN 'Y' THEN to_char(ts, 'YYYY')
			    WHEN 'm' THEN to_char(ts, 'MM')
			    WHEN 'd' THEN to_char(ts, 'DD')
			    WHEN 'H' THEN to_char(ts, 'HH24')
			    WHEN 'M' THEN to_char(ts, 'MI')
			    WHEN 'S' THEN to_char(ts, 'SS')
			    WHEN 'f' THEN to_char(ts, 'SS.MS')
			    WHEN 'j' THEN to_char(ts, 'DDD')
			    WHEN 'w' THEN extract(dow FROM ts)::text
			    WHEN 's' THEN floor(extract(epoch FROM ts))::bigint::text
			    WHEN '%' THEN '%'
			    ELSE '%' || c END;
		ELSE
			r := r || c;
		END IF;
		i := i + 1;
	END LOOP;
	RETURN r;
END$$;

CREATE OR REPLACE FUNCTION instr(s text, x text) RETURNS bigint
LANGUAGE sql IMMUTABLE AS $$SELECT strpos(s, x)$$;

-- quote(x): x as an SQL literal, SQLite's: NULL, a number bare, text in
-- single quotes (doubled inside).  What the tests read NULLs apart with.
CREATE OR REPLACE FUNCTION quote(x text) RETURNS text
LANGUAGE sql IMMUTABLE AS
	$$SELECT coalesce(chr(39) || replace(x, chr(39), chr(39) || chr(39)) ||
	    chr(39), 'NULL')$$;
CREATE OR REPLACE FUNCTION quote(x bigint) RETURNS text
LANGUAGE sql IMMUTABLE AS $$SELECT coalesce(x::text, 'NULL')$$;

-- Scalar min and max of two to four, NULL if any is (SQLite's, not
-- least() and greatest(), which skip NULLs).
CREATE OR REPLACE FUNCTION min(a anycompatible, b anycompatible)
RETURNS anycompatible LANGUAGE sql IMMUTABLE AS
	$$SELECT CASE WHEN a IS NULL OR b IS NULL THEN NULL WHEN b < a THEN b ELSE a END$$;
CREATE OR REPLACE FUNCTION max(a anycompatible, b anycompatible)
RETURNS anycompatible LANGUAGE sql IMMUTABLE AS
	$$SELECT CASE WHEN a IS NULL OR b IS NULL THEN NULL WHEN b > a THEN b ELSE a END$$;
CREATE OR REPLACE FUNCTION min(a anycompatible, b anycompatible,
    c anycompatible) RETURNS anycompatible LANGUAGE sql IMMUTABLE AS
	$$SELECT min(min(a, b), c)$$;
CREATE OR REPLACE FUNCTION max(a anycompatible, b anycompatible,
    c anycompatible) RETURNS anycompatible LANGUAGE sql IMMUTABLE AS
	$$SELECT max(max(a, b), c)$$;
CREATE OR REPLACE FUNCTION min(a anycompatible, b anycompatible,
    c anycompatible, d anycompatible) RETURNS anycompatible
LANGUAGE sql IMMUTABLE AS $$SELECT min(min(a, b), min(c, d))$$;
CREATE OR REPLACE FUNCTION max(a anycompatible, b anycompatible,
    c anycompatible, d anycompatible) RETURNS anycompatible
LANGUAGE sql IMMUTABLE AS $$SELECT max(max(a, b), max(c, d))$$;

-- group_concat(x [, sep]): NULLs skipped, ',' by default.
CREATE OR REPLACE FUNCTION crm_gc(acc text, v anyelement, sep text)
RETURNS text LANGUAGE sql IMMUTABLE AS
	$$SELECT CASE WHEN v IS NULL THEN acc WHEN acc IS NULL THEN v::text
	ELSE acc || sep || v::text END$$;
CREATE OR REPLACE FUNCTION crm_gc(acc text, v anyelement)
RETURNS text LANGUAGE sql IMMUTABLE AS $$SELECT crm_gc(acc, v, ',')$$;
DROP AGGREGATE IF EXISTS group_concat(anyelement, text);
CREATE AGGREGATE group_concat(anyelement, text) (sfunc = crm_gc, stype = text);
DROP AGGREGATE IF EXISTS group_concat(anyelement);
CREATE AGGREGATE group_concat(anyelement) (sfunc = crm_gc, stype = text);

-- sum, max and min of comparisons: SQLite's are of 0s and 1s (NULL over
-- no rows).
CREATE OR REPLACE FUNCTION crm_bool_sum(acc bigint, v boolean)
RETURNS bigint LANGUAGE sql IMMUTABLE AS
	$$SELECT CASE WHEN v IS NULL THEN acc ELSE coalesce(acc, 0) + v::int END$$;
DROP AGGREGATE IF EXISTS sum(boolean);
CREATE AGGREGATE sum(boolean) (sfunc = crm_bool_sum, stype = bigint);
-- max and min of comparisons stay booleans, so that they may be tested
-- (CASE WHEN max(k = 1)), and read as 1 and 0 as SQLite's.
CREATE OR REPLACE FUNCTION crm_bool_max(acc boolean, v boolean)
RETURNS boolean LANGUAGE sql IMMUTABLE AS
	$$SELECT CASE WHEN v IS NULL THEN acc WHEN acc IS NULL THEN v ELSE acc OR v END$$;
CREATE OR REPLACE FUNCTION crm_bool_min(acc boolean, v boolean)
RETURNS boolean LANGUAGE sql IMMUTABLE AS
	$$SELECT CASE WHEN v IS NULL THEN acc WHEN acc IS NULL THEN v ELSE acc AND v END$$;
DROP AGGREGATE IF EXISTS max(boolean);
CREATE AGGREGATE max(boolean) (sfunc = crm_bool_max, stype = boolean);
DROP AGGREGATE IF EXISTS min(boolean);
CREATE AGGREGATE min(boolean) (sfunc = crm_bool_min, stype = boolean);

-- total(x): a real sum, 0.0 over no rows.
DROP AGGREGATE IF EXISTS total(float8);
CREATE AGGREGATE total(float8) (sfunc = float8pl, stype = float8, initcond = '0');

-- CAST (x AS INTEGER) and AS REAL as SQLite casts: toward zero, and text
-- by its leading number (lib/pg.c rewrites the casts to these).
CREATE OR REPLACE FUNCTION crm_int(x float8) RETURNS bigint
LANGUAGE sql IMMUTABLE AS $$SELECT trunc(x)::bigint$$;
CREATE OR REPLACE FUNCTION crm_int(x numeric) RETURNS bigint
LANGUAGE sql IMMUTABLE AS $$SELECT trunc(x)::bigint$$;
CREATE OR REPLACE FUNCTION crm_int(x bigint) RETURNS bigint
LANGUAGE sql IMMUTABLE AS $$SELECT x$$;
CREATE OR REPLACE FUNCTION crm_int(x boolean) RETURNS bigint
LANGUAGE sql IMMUTABLE AS $$SELECT x::int::bigint$$;
CREATE OR REPLACE FUNCTION crm_int(x text) RETURNS bigint
LANGUAGE sql IMMUTABLE AS
	$$SELECT CASE WHEN x IS NULL THEN NULL ELSE coalesce(trunc(substring(
	trim(x) FROM '^[+-]?\d+(?:\.\d*)?(?:[eE][+-]?\d+)?')::numeric)::bigint, 0) END$$;
CREATE OR REPLACE FUNCTION crm_real(x float8) RETURNS float8
LANGUAGE sql IMMUTABLE AS $$SELECT x$$;
CREATE OR REPLACE FUNCTION crm_real(x text) RETURNS float8
LANGUAGE sql IMMUTABLE AS
	$$SELECT CASE WHEN x IS NULL THEN NULL ELSE coalesce(substring(trim(x)
	FROM '^[+-]?\d+(?:\.\d*)?(?:[eE][+-]?\d+)?')::float8, 0) END$$;

-- x [NOT] GLOB pattern (lib/pg.c writes x ~# pattern, x !~# pattern): *, ?, [...], [^...].
CREATE OR REPLACE FUNCTION crm_glob(s text, pat text) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
	r text := '^';
	i int := 1;
	c text;
	inset boolean := false;
BEGIN
	IF s IS NULL OR pat IS NULL THEN
		RETURN NULL;
	END IF;
	WHILE i <= length(pat) LOOP
		c := substr(pat, i, 1);
		IF inset THEN
			IF c = ']' THEN
				inset := false;
			ELSIF c = '\' THEN
				c := '\\';
			END IF;
			r := r || c;
		ELSIF c = '*' THEN
			r := r || '.*';
		ELSIF c = '?' THEN
			r := r || '.';
		ELSIF c = '[' THEN
			inset := true;
			r := r || '[';
			IF substr(pat, i + 1, 1) = '^' THEN
				r := r || '^';
				i := i + 1;
			END IF;
			IF substr(pat, i + 1, 1) = ']' THEN
				r := r || '\]';
				i := i + 1;
			END IF;
		ELSE
			r := r || regexp_replace(c, '([.^$|()\[\]{}+\\-])', '\\\1');
		END IF;
		i := i + 1;
	END LOOP;
	RETURN s ~ (r || '$');
END$$;
DROP OPERATOR IF EXISTS ~# (text, text);
CREATE OPERATOR ~# (leftarg = text, rightarg = text, function = crm_glob);
CREATE OR REPLACE FUNCTION crm_not_glob(s text, pat text) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$SELECT NOT crm_glob(s, pat)$$;
DROP OPERATOR IF EXISTS !~# (text, text);
CREATE OPERATOR !~# (leftarg = text, rightarg = text, function = crm_not_glob);

-- %.Nf as SQLite's printf writes it: rounded half away from zero, and a
-- negative value that rounds to nothing keeps its sign (-0.00).
CREATE OR REPLACE FUNCTION crm_fixed(x float8, prec int) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN x < 0 AND round(x::numeric, prec) = 0
	    THEN '-' ELSE '' END || round(coalesce(x, 0)::numeric, prec)::text
$$;
-- printf: SQLite's, for the conversions crm uses (%s %d %Nd %0Nd %.Nf
-- %%); lib/pg.c makes printf(f, a, b) crm_printf(f, ARRAY[a::text, b::text]).
CREATE OR REPLACE FUNCTION crm_printf(fmt text, args text[]) RETURNS text
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
	r text := '';
	i int := 1;
	k int := 1;
	spec text;
	conv text;
	flags text;
	width int;
	prec int;
	v text;
BEGIN
	IF fmt IS NULL THEN
		RETURN NULL;
	END IF;
	-- The two formats of every figure a report prints, without the
	-- parsing below (a tenth of its time).
	IF fmt = '%.2f' THEN
		RETURN crm_fixed(crm_real(args[1]), 2);
	ELSIF fmt = '%s%d.%02d' THEN
		v := coalesce(crm_int(args[3]), 0)::text;
		RETURN coalesce(args[1], '') || coalesce(crm_int(args[2]), 0) ||
		    '.' || CASE WHEN length(v) < 2 THEN lpad(v, 2, '0') ELSE v END;
	END IF;
	WHILE i <= length(fmt) LOOP
		IF substr(fmt, i, 1) <> '%' THEN
			r := r || substr(fmt, i, 1);
			i := i + 1;
			CONTINUE;
		END IF;
		spec := substring(substr(fmt, i) FROM '^%[-0]*\d*(?:\.\d+)?[sdfi%]');
		IF spec IS NULL THEN
			r := r || '%';
			i := i + 1;
			CONTINUE;
		END IF;
		i := i + length(spec);
		conv := right(spec, 1);
		IF conv = '%' THEN
			r := r || '%';
			CONTINUE;
		END IF;
		flags := substring(spec FROM '^%([-0]*)');
		width := nullif(substring(spec FROM '^%[-0]*(\d+)'), '')::int;
		prec := substring(spec FROM '\.(\d+)')::int;
		v := args[k];
		k := k + 1;
		IF conv IN ('d', 'i') THEN
			v := coalesce(crm_int(v), 0)::text;
		ELSIF conv = 'f' THEN
			v := crm_fixed(crm_real(v), coalesce(prec, 6));
		ELSE
			v := coalesce(v, '');
			IF prec IS NOT NULL THEN
				v := left(v, prec);
			END IF;
		END IF;
		IF width IS NOT NULL AND length(v) < width THEN
			IF position('-' IN flags) > 0 THEN
				v := rpad(v, width);
			ELSIF position('0' IN flags) > 0 AND conv <> 's' THEN
				v := CASE WHEN left(v, 1) = '-' THEN '-' ||
				    lpad(substr(v, 2), width - 1, '0')
				    ELSE lpad(v, width, '0') END;
			ELSE
				v := lpad(v, width);
			END IF;
		END IF;
		r := r || v;
	END LOOP;
	RETURN r;
END$$;
-- text ->> '$.a.b' (or 'a'): SQLite's JSON extraction, as text; NULL
-- where the path is not there.
CREATE OR REPLACE FUNCTION crm_json_text(j text, path text) RETURNS text
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
	IF j IS NULL OR path IS NULL THEN
		RETURN NULL;
	END IF;
	IF left(path, 2) = '$.' THEN
		path := substr(path, 3);
	END IF;
	RETURN j::json #>> string_to_array(path, '.');
END$$;
DROP OPERATOR IF EXISTS ->> (text, text);
CREATE OPERATOR ->> (leftarg = text, rightarg = text, function = crm_json_text);

-- fixed(x, n): x with n decimals (crm_fmt_fixed in lib/util.c: the
-- product to 15 significant digits, then half away from zero).
CREATE OR REPLACE FUNCTION fixed(x float8, n int) RETURNS text
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
	p int := least(greatest(n, 0), 9);
	q numeric;
BEGIN
	IF x IS NULL THEN
		RETURN NULL;
	END IF;
	q := round((x * (10::float8 ^ p))::numeric);
	RETURN round(q / (10::numeric ^ p), p)::text;
END$$;

-- crm_sample(seed, id): splitmix64 as crm_sample_hash (lib/util.c), in
-- 64-bit unsigned arithmetic done in numeric.
CREATE OR REPLACE FUNCTION crm_u64(x numeric) RETURNS bigint
LANGUAGE sql IMMUTABLE AS
	$$SELECT (CASE WHEN m >= 9223372036854775808 THEN m - 18446744073709551616
	ELSE m END)::bigint FROM (SELECT mod(mod(x, 18446744073709551616) +
	18446744073709551616, 18446744073709551616) AS m) s$$;
CREATE OR REPLACE FUNCTION crm_unsigned(x bigint) RETURNS numeric
LANGUAGE sql IMMUTABLE AS
	$$SELECT CASE WHEN x < 0 THEN x + 18446744073709551616 ELSE x END$$;
CREATE OR REPLACE FUNCTION crm_xorshr(z bigint, k int) RETURNS bigint
LANGUAGE sql IMMUTABLE AS $$SELECT z # ((z::bit(64) >> k)::bigint)$$;
CREATE OR REPLACE FUNCTION crm_sample(seed bigint, id bigint) RETURNS bigint
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
	z bigint;
BEGIN
	z := crm_u64(crm_unsigned(seed) * 11400714819323198485 + crm_unsigned(id));
	z := crm_u64(crm_unsigned(crm_xorshr(z, 30)) * 13787848793156543929);
	z := crm_u64(crm_unsigned(crm_xorshr(z, 27)) * 10723151780598845931);
	z := crm_xorshr(z, 31);
	RETURN (z::bit(64) >> 1)::bigint;
END$$;

-- The schema's version (SQLite keeps it in user_version).
CREATE TABLE crm_schema (version integer NOT NULL);

-- The tables: share/crm/schema.sql and migrate-2..8.sql, in their order.
-- INTEGER is bigint; an id column is SQLite's rowid (crm_next_id below).

CREATE TABLE customers (
	id          bigint PRIMARY KEY,
	external_id text COLLATE "C" UNIQUE,
	name        text COLLATE "C" NOT NULL DEFAULT '',
	company     text COLLATE "C",
	email       text COLLATE "C" UNIQUE,
	phone       text COLLATE "C",
	industry    text COLLATE "C",
	tier        text COLLATE "C",
	owner       text COLLATE "C",
	status      text COLLATE "C" NOT NULL DEFAULT 'active'
	            CHECK (status IN ('lead', 'prospect', 'active', 'inactive', 'lost')),
	created     text COLLATE "C" NOT NULL,
	updated     text COLLATE "C" NOT NULL,
	type        text COLLATE "C" NOT NULL DEFAULT 'person'
	            CHECK (type IN ('person', 'org')),
	org_id      bigint REFERENCES customers ON DELETE SET NULL,
	role        text COLLATE "C",
	domain      text COLLATE "C",
	org_key     text COLLATE "C",
	credit_limit bigint,
	terms       text COLLATE "C"
);
CREATE INDEX customers_name ON customers (name)
	WHERE email IS NULL AND external_id IS NULL;
CREATE INDEX customers_org ON customers (org_id) WHERE org_id IS NOT NULL;
CREATE INDEX customers_org_key ON customers (org_key)
	WHERE org_key IS NOT NULL;
CREATE UNIQUE INDEX customers_domain ON customers (domain)
	WHERE domain IS NOT NULL;

CREATE TABLE customer_fields (
	customer_id bigint NOT NULL REFERENCES customers ON DELETE CASCADE,
	key         text COLLATE "C" NOT NULL,
	value       text COLLATE "C" NOT NULL,
	PRIMARY KEY (customer_id, key)
);

CREATE TABLE tags (
	customer_id bigint NOT NULL REFERENCES customers ON DELETE CASCADE,
	tag         text COLLATE "C" NOT NULL,
	PRIMARY KEY (customer_id, tag)
);
CREATE INDEX tags_tag ON tags (tag);

CREATE TABLE stages (
	name        text COLLATE "C" PRIMARY KEY,
	position    bigint NOT NULL UNIQUE,
	probability bigint NOT NULL CHECK (probability BETWEEN 0 AND 100)
);
INSERT INTO stages (name, position, probability) VALUES
	('lead', 1, 10), ('qualified', 2, 25), ('proposal', 3, 50),
	('negotiation', 4, 75), ('won', 5, 100), ('lost', 6, 0);

CREATE TABLE deals (
	id          bigint PRIMARY KEY,
	customer_id bigint NOT NULL REFERENCES customers ON DELETE CASCADE,
	title       text COLLATE "C" NOT NULL,
	amount      bigint NOT NULL DEFAULT 0,
	stage       text COLLATE "C" NOT NULL,
	probability bigint CHECK (probability BETWEEN 0 AND 100),
	close       text COLLATE "C",
	owner       text COLLATE "C",
	product     text COLLATE "C",
	reason      text COLLATE "C",
	source      text COLLATE "C" NOT NULL DEFAULT '',
	ref         text COLLATE "C",
	created     text COLLATE "C" NOT NULL,
	updated     text COLLATE "C" NOT NULL,
	closed      text COLLATE "C"
);
CREATE INDEX deals_customer ON deals (customer_id);
CREATE INDEX deals_stage ON deals (stage, close);
CREATE UNIQUE INDEX deals_ref ON deals (source, ref) WHERE ref IS NOT NULL;

CREATE TABLE deal_history (
	id         bigint PRIMARY KEY,
	deal_id    bigint NOT NULL REFERENCES deals ON DELETE CASCADE,
	at         text COLLATE "C" NOT NULL,
	from_stage text COLLATE "C",
	stage      text COLLATE "C" NOT NULL,
	note       text COLLATE "C",
	actor      text COLLATE "C" NOT NULL
);
CREATE INDEX deal_history_deal ON deal_history (deal_id, at);

CREATE TABLE deal_fields (
	deal_id bigint NOT NULL REFERENCES deals ON DELETE CASCADE,
	key     text COLLATE "C" NOT NULL,
	value   text COLLATE "C" NOT NULL,
	PRIMARY KEY (deal_id, key)
);

CREATE TABLE interactions (
	id          bigint PRIMARY KEY,
	customer_id bigint NOT NULL REFERENCES customers ON DELETE CASCADE,
	at          text COLLATE "C" NOT NULL,
	kind        text COLLATE "C" NOT NULL CHECK (kind IN ('call', 'email',
	            'fax', 'meeting', 'visit', 'web', 'chat', 'purchase',
	            'return', 'complaint', 'inquiry', 'feedback', 'note',
	            'invoice', 'payment')),
	channel     text COLLATE "C",
	product     text COLLATE "C",
	quantity    bigint,
	amount      bigint,
	rating      bigint CHECK (rating BETWEEN 1 AND 5),
	summary     text COLLATE "C",
	ref         text COLLATE "C",
	owner       text COLLATE "C",
	resolved    text COLLATE "C",
	resolution  text COLLATE "C",
	created     text COLLATE "C" NOT NULL,
	item        bigint,
	deal_id     bigint REFERENCES deals ON DELETE SET NULL,
	due         text COLLATE "C"
);
CREATE INDEX interactions_customer ON interactions (customer_id, at);
CREATE INDEX interactions_kind ON interactions (kind, customer_id, at, amount);
CREATE INDEX interactions_deal ON interactions (deal_id)
	WHERE deal_id IS NOT NULL;

CREATE TABLE interaction_fields (
	interaction_id bigint NOT NULL REFERENCES interactions ON DELETE CASCADE,
	key            text COLLATE "C" NOT NULL,
	value          text COLLATE "C" NOT NULL,
	PRIMARY KEY (interaction_id, key)
);

CREATE TABLE scores (
	interaction_id bigint NOT NULL REFERENCES interactions ON DELETE CASCADE,
	indicator      text COLLATE "C" NOT NULL,
	score          bigint NOT NULL CHECK (score BETWEEN 1 AND 5),
	PRIMARY KEY (interaction_id, indicator)
);

CREATE TABLE rules (
	id      bigint PRIMARY KEY,
	expr    text COLLATE "C" NOT NULL,
	every   text COLLATE "C" NOT NULL,
	note    text COLLATE "C" NOT NULL,
	owner   text COLLATE "C",
	created text COLLATE "C" NOT NULL
);

CREATE TABLE reminders (
	id          bigint PRIMARY KEY,
	customer_id bigint NOT NULL REFERENCES customers ON DELETE CASCADE,
	due         text COLLATE "C" NOT NULL,
	every       text COLLATE "C",
	note        text COLLATE "C" NOT NULL,
	owner       text COLLATE "C",
	done        text COLLATE "C",
	created     text COLLATE "C" NOT NULL,
	first_due   text COLLATE "C"
);
CREATE INDEX reminders_due ON reminders (done, due);
CREATE INDEX reminders_customer ON reminders (customer_id);

CREATE TABLE audit (
	id          bigint PRIMARY KEY,
	at          text COLLATE "C" NOT NULL,
	actor       text COLLATE "C" NOT NULL,
	action      text COLLATE "C" NOT NULL,
	customer_id bigint,
	detail      text COLLATE "C"
);
CREATE INDEX audit_customer ON audit (customer_id);

CREATE TABLE settings (
	key   text COLLATE "C" PRIMARY KEY,
	value text COLLATE "C" NOT NULL
);

CREATE TABLE identities (
	customer_id bigint NOT NULL REFERENCES customers ON DELETE CASCADE,
	kind        text COLLATE "C" NOT NULL CHECK (kind IN ('id', 'email')),
	value       text COLLATE "C" NOT NULL,
	source      text COLLATE "C" NOT NULL DEFAULT '',
	PRIMARY KEY (kind, value, source)
);
CREATE INDEX identities_customer ON identities (customer_id);

-- Full-text search (schema 6, FTS5) as version 8 had it: the
-- bookkeeping an import does for it, and placeholders where it would
-- index; version 9 (migrate-9.sql) makes it with pg_trgm.
CREATE TABLE fts_defer (lo bigint NOT NULL);
CREATE TABLE fts_dirty (id bigint PRIMARY KEY);
-- The column named as the table takes FTS5's commands ('optimize').
CREATE VIEW fts_customers AS SELECT NULL::bigint AS rowid,
	NULL::text AS body, NULL::text AS fts_customers WHERE false;
CREATE VIEW fts_deals AS SELECT NULL::bigint AS rowid,
	NULL::text AS body, NULL::text AS fts_deals WHERE false;
CREATE VIEW fts_interactions AS SELECT NULL::bigint AS rowid,
	NULL::text AS summary, NULL::text AS resolution,
	NULL::text AS fts_interactions WHERE false;
DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['fts_customers', 'fts_deals',
	    'fts_interactions'] LOOP
		EXECUTE format('CREATE RULE %1$s_insert AS ON INSERT TO %1$I '
		    'DO INSTEAD NOTHING', t);
		EXECUTE format('CREATE RULE %1$s_delete AS ON DELETE TO %1$I '
		    'DO INSTEAD NOTHING', t);
	END LOOP;
END$$;
CREATE VIEW fts_customer_text AS
	SELECT NULL::bigint AS id, NULL::text AS body WHERE false;
-- What schema 9 (SQLite's) indexes of an interaction.
CREATE VIEW fts_interaction_text AS
	SELECT NULL::bigint AS id, NULL::text AS summary,
	NULL::text AS resolution WHERE false;

-- Undo (schema 5) is SQLite's only: its shadow tables and triggers are
-- made from SQLite's schema (lib/undo.c).  What erasing reads of them to
-- scrub old values is here, always empty.
CREATE TABLE undo_changes (id bigint PRIMARY KEY, audit_id bigint,
	undone_by bigint, blocked bigint);
CREATE TABLE undo_customers (undo_rid bigint, undo_change bigint,
	external_id text, name text, email text, phone text);
CREATE TABLE undo_customer_fields (customer_id bigint, undo_change bigint,
	value text);
CREATE TABLE undo_identities (customer_id bigint, undo_change bigint,
	value text);

-- A new row's id as SQLite gives a rowid: one more than the largest, so
-- both engines number alike (a sequence would skip the ids of rolled
-- back inserts and never reuse the top one).  Writers hold crm's lock
-- (lib/pg.c), so two cannot take one id.  Row by row, so an INSERT ...
-- SELECT of many numbers them in order.
--
-- The largest id is looked up once a transaction and then counted in a
-- setting local to it (crm.next_TABLE), which a rolled-back statement or
-- savepoint puts back as it does the row.  Looking it up at every row
-- made imports quadratic: the function's plan is made once a session,
-- and for a table still small (a new database) it is a scan of the whole
-- table, which the import then grows (50,000 interactions took 150 s;
-- forced onto the index, 3 times the count's cost).  An id given (crm
-- copy) moves the count past it; a DELETE makes it forgotten (SQLite
-- gives a deleted largest id again), and so does lib/pg.c after an
-- INSERT ... ON CONFLICT whose row was not inserted after all (SQLite
-- gives its id to the next row).  Not customers' since schema 15
-- (migrate-15.sql): as SQLite's AUTOINCREMENT, an id is never given again.
CREATE FUNCTION crm_next_id_forget() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	PERFORM set_config('crm.next_' || TG_TABLE_NAME, '', true);
	RETURN NULL;
END$$;
DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['customers', 'interactions', 'rules',
	    'reminders', 'audit', 'deals', 'deal_history'] LOOP
		EXECUTE format($f$
		CREATE OR REPLACE FUNCTION crm_next_id_%1$s() RETURNS trigger
		LANGUAGE plpgsql AS $b$
		DECLARE
			next bigint := nullif(current_setting('crm.next_%1$s',
			    true), '')::bigint;
		BEGIN
			IF NEW.id IS NULL THEN
				NEW.id := coalesce(next, coalesce((SELECT max(id)
				    FROM %1$I), 0) + 1);
			ELSIF next IS NULL OR NEW.id < next THEN
				RETURN NEW;
			END IF;
			PERFORM set_config('crm.next_%1$s', (NEW.id + 1)::text,
			    true);
			RETURN NEW;
		END$b$;
		CREATE TRIGGER crm_next_id BEFORE INSERT ON %1$I FOR EACH ROW
			EXECUTE FUNCTION crm_next_id_%1$s();
		CREATE TRIGGER crm_next_id_forget AFTER DELETE ON %1$I
			FOR EACH STATEMENT EXECUTE FUNCTION
			crm_next_id_forget();$f$, t);
	END LOOP;
END$$;

-- Schema 8: per-customer aggregates (migrate-8.sql says what each figure
-- is).  SQLite's views with INSTEAD OF triggers become two functions; the
-- triggers on interactions call them, row by row, unless an import
-- defers them (agg_defer, lib/agg.c).
CREATE TABLE cust_totals (
	customer_id     bigint PRIMARY KEY REFERENCES customers ON DELETE CASCADE,
	n               bigint NOT NULL,
	first_at        text COLLATE "C" NOT NULL,
	last_at         text COLLATE "C" NOT NULL,
	purchases       bigint NOT NULL,
	units           bigint NOT NULL,
	revenue         bigint NOT NULL,
	first_purchase  text COLLATE "C",
	last_purchase   text COLLATE "C",
	returns         bigint NOT NULL,
	complaints      bigint NOT NULL,
	open_complaints bigint NOT NULL,
	rating_sum      bigint NOT NULL,
	rating_n        bigint NOT NULL
);
CREATE TABLE cust_periods (
	customer_id     bigint NOT NULL REFERENCES customers ON DELETE CASCADE,
	month           text COLLATE "C" NOT NULL,
	n               bigint NOT NULL,
	last_at         text COLLATE "C" NOT NULL,
	purchases       bigint NOT NULL,
	units           bigint NOT NULL,
	revenue         bigint NOT NULL,
	last_purchase   text COLLATE "C",
	returns         bigint NOT NULL,
	complaints      bigint NOT NULL,
	open_complaints bigint NOT NULL,
	rating_sum      bigint NOT NULL,
	rating_n        bigint NOT NULL,
	PRIMARY KEY (customer_id, month)
);
-- SQLite's schema 10 keeps sales cells by triggers; here the reports
-- read the raw rows instead (crm_db_cells in lib/db.c), and these stay
-- empty: the reports' SQL names them.
CREATE TABLE cust_sales (customer_id bigint NOT NULL, month text NOT NULL,
	product text NOT NULL, purchases bigint NOT NULL, units bigint NOT NULL,
	amount bigint NOT NULL, priced bigint NOT NULL, returns bigint NOT NULL,
	returned bigint NOT NULL, orders bigint NOT NULL,
	month_orders bigint NOT NULL);
CREATE TABLE cust_split (customer_id bigint PRIMARY KEY,
	refs bigint NOT NULL);
CREATE TABLE agg_defer (lo bigint NOT NULL);

CREATE OR REPLACE FUNCTION agg_add(r interactions) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	p int := (r.kind = 'purchase')::int;
	u bigint := CASE WHEN r.kind = 'purchase' THEN coalesce(r.quantity, 0) ELSE 0 END;
	v bigint := CASE r.kind WHEN 'purchase' THEN coalesce(r.amount, 0)
	    WHEN 'return' THEN -abs(coalesce(r.amount, 0)) ELSE 0 END;
	pat text := CASE WHEN r.kind = 'purchase' THEN r.at END;
	ret int := (r.kind = 'return')::int;
	com int := (r.kind = 'complaint')::int;
	op int := (r.kind = 'complaint' AND r.resolved IS NULL)::int;
	rs bigint := coalesce(r.rating, 0);
	rn int := (r.rating IS NOT NULL)::int;
BEGIN
	INSERT INTO cust_totals AS t VALUES (r.customer_id, 1, r.at, r.at, p, u,
	    v, pat, pat, ret, com, op, rs, rn)
	ON CONFLICT (customer_id) DO UPDATE SET n = t.n + 1,
	    first_at = least(t.first_at, excluded.first_at),
	    last_at = greatest(t.last_at, excluded.last_at),
	    purchases = t.purchases + excluded.purchases,
	    units = t.units + excluded.units,
	    revenue = t.revenue + excluded.revenue,
	    first_purchase = least(t.first_purchase, excluded.first_purchase),
	    last_purchase = greatest(t.last_purchase, excluded.last_purchase),
	    returns = t.returns + excluded.returns,
	    complaints = t.complaints + excluded.complaints,
	    open_complaints = t.open_complaints + excluded.open_complaints,
	    rating_sum = t.rating_sum + excluded.rating_sum,
	    rating_n = t.rating_n + excluded.rating_n;
	INSERT INTO cust_periods AS t VALUES (r.customer_id, substr(r.at, 1, 7),
	    1, r.at, p, u, v, pat, ret, com, op, rs, rn)
	ON CONFLICT (customer_id, month) DO UPDATE SET n = t.n + 1,
	    last_at = greatest(t.last_at, excluded.last_at),
	    purchases = t.purchases + excluded.purchases,
	    units = t.units + excluded.units,
	    revenue = t.revenue + excluded.revenue,
	    last_purchase = greatest(t.last_purchase, excluded.last_purchase),
	    returns = t.returns + excluded.returns,
	    complaints = t.complaints + excluded.complaints,
	    open_complaints = t.open_complaints + excluded.open_complaints,
	    rating_sum = t.rating_sum + excluded.rating_sum,
	    rating_n = t.rating_n + excluded.rating_n;
END$$;

CREATE OR REPLACE FUNCTION agg_sub(r interactions) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	p int := (r.kind = 'purchase')::int;
	u bigint := CASE WHEN r.kind = 'purchase' THEN coalesce(r.quantity, 0) ELSE 0 END;
	v bigint := CASE r.kind WHEN 'purchase' THEN coalesce(r.amount, 0)
	    WHEN 'return' THEN -abs(coalesce(r.amount, 0)) ELSE 0 END;
	ret int := (r.kind = 'return')::int;
	com int := (r.kind = 'complaint')::int;
	op int := (r.kind = 'complaint' AND r.resolved IS NULL)::int;
	rs bigint := coalesce(r.rating, 0);
	rn int := (r.rating IS NOT NULL)::int;
	mon text := substr(r.at, 1, 7);
BEGIN
	UPDATE cust_totals SET n = n - 1, purchases = purchases - p,
	    units = units - u, revenue = revenue - v, returns = returns - ret,
	    complaints = complaints - com,
	    open_complaints = open_complaints - op,
	    rating_sum = rating_sum - rs, rating_n = rating_n - rn,
	    first_at = coalesce((SELECT min(at) FROM interactions WHERE
	    customer_id = r.customer_id), ''),
	    last_at = coalesce((SELECT max(at) FROM interactions WHERE
	    customer_id = r.customer_id), ''),
	    first_purchase = (SELECT min(at) FROM interactions WHERE
	    kind = 'purchase' AND customer_id = r.customer_id),
	    last_purchase = (SELECT max(at) FROM interactions WHERE
	    kind = 'purchase' AND customer_id = r.customer_id)
	    WHERE customer_id = r.customer_id;
	DELETE FROM cust_totals WHERE customer_id = r.customer_id AND n = 0;
	UPDATE cust_periods SET n = n - 1, purchases = purchases - p,
	    units = units - u, revenue = revenue - v, returns = returns - ret,
	    complaints = complaints - com,
	    open_complaints = open_complaints - op,
	    rating_sum = rating_sum - rs, rating_n = rating_n - rn,
	    last_at = coalesce((SELECT max(at) FROM interactions WHERE
	    customer_id = r.customer_id AND at >= mon AND at < mon || '.'), ''),
	    last_purchase = (SELECT max(at) FROM interactions WHERE
	    kind = 'purchase' AND customer_id = r.customer_id AND
	    at >= mon AND at < mon || '.')
	    WHERE customer_id = r.customer_id AND month = mon;
	DELETE FROM cust_periods WHERE customer_id = r.customer_id AND
	    month = mon AND n = 0;
END$$;

CREATE OR REPLACE FUNCTION agg_interactions() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	lo bigint := (SELECT min(d.lo) FROM agg_defer d);
BEGIN
	IF TG_OP = 'INSERT' THEN
		IF lo IS NULL THEN
			PERFORM agg_add(NEW);
		END IF;
		RETURN NULL;
	END IF;
	IF OLD.id > coalesce(lo, OLD.id) THEN
		RETURN NULL;
	END IF;
	IF TG_OP = 'DELETE' THEN
		PERFORM agg_sub(OLD);
	ELSIF (OLD.id, OLD.customer_id, OLD.at, OLD.kind, OLD.quantity,
	    OLD.amount, OLD.rating, OLD.resolved) IS DISTINCT FROM (NEW.id,
	    NEW.customer_id, NEW.at, NEW.kind, NEW.quantity, NEW.amount,
	    NEW.rating, NEW.resolved) THEN
		PERFORM agg_sub(OLD);
		PERFORM agg_add(NEW);
	END IF;
	RETURN NULL;
END$$;
CREATE TRIGGER agg_interactions AFTER INSERT OR DELETE OR UPDATE
	ON interactions FOR EACH ROW EXECUTE FUNCTION agg_interactions();

CREATE VIEW agg_totals_raw AS
	SELECT customer_id, count(*) AS n, min(at) AS first_at,
	    max(at) AS last_at,
	    count(*) FILTER (WHERE kind = 'purchase') AS purchases,
	    coalesce(sum(quantity) FILTER (WHERE kind = 'purchase'), 0)::bigint
	    AS units,
	    coalesce(sum(CASE kind WHEN 'purchase' THEN amount WHEN 'return'
	    THEN -abs(amount) END), 0)::bigint AS revenue,
	    min(at) FILTER (WHERE kind = 'purchase') AS first_purchase,
	    max(at) FILTER (WHERE kind = 'purchase') AS last_purchase,
	    count(*) FILTER (WHERE kind = 'return') AS returns,
	    count(*) FILTER (WHERE kind = 'complaint') AS complaints,
	    count(*) FILTER (WHERE kind = 'complaint' AND resolved IS NULL)
	    AS open_complaints,
	    coalesce(sum(rating), 0)::bigint AS rating_sum,
	    count(rating) AS rating_n
	FROM interactions GROUP BY customer_id;
CREATE VIEW agg_periods_raw AS
	SELECT customer_id, substr(at, 1, 7) AS month, count(*) AS n,
	    max(at) AS last_at,
	    count(*) FILTER (WHERE kind = 'purchase') AS purchases,
	    coalesce(sum(quantity) FILTER (WHERE kind = 'purchase'), 0)::bigint
	    AS units,
	    coalesce(sum(CASE kind WHEN 'purchase' THEN amount WHEN 'return'
	    THEN -abs(amount) END), 0)::bigint AS revenue,
	    max(at) FILTER (WHERE kind = 'purchase') AS last_purchase,
	    count(*) FILTER (WHERE kind = 'return') AS returns,
	    count(*) FILTER (WHERE kind = 'complaint') AS complaints,
	    count(*) FILTER (WHERE kind = 'complaint' AND resolved IS NULL)
	    AS open_complaints,
	    coalesce(sum(rating), 0)::bigint AS rating_sum,
	    count(rating) AS rating_n
	FROM interactions GROUP BY customer_id, substr(at, 1, 7);
