-- crm schema version 9 for PostgreSQL: full-text search.
--
-- Full-text search (SQLite's schemas 6 and 9: FTS5 trigram indexes;
-- lib/search.c, doc/scale.md) with pg_trgm's GIN trigram indexes over
-- the same texts: a customer's record and a deal's (tables kept by
-- triggers, as SQLite's indexes are), an interaction's summary and
-- resolution (an index on the table's expression: nothing kept twice).
-- A row matches when its text in lower case holds every term in lower
-- case (LIKE), both lowered in the collation crm_search (ICU's root:
-- Unicode's case, where "C" has ASCII's only); the trigram index finds
-- the rows, LIKE checks them.  A customer's and a deal's text are kept
-- lowered too (folded), so a check or a scan compares bytes: 0.07 s for
-- 100,000 customers' texts, where lowering each again took 0.45 s.
-- pg_trgm is a trusted extension (PostgreSQL 13 on): the database's
-- owner may make it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE COLLATION IF NOT EXISTS crm_search (provider = icu, locale = 'und');
-- Version 8's placeholders (schema.sql) make way; fts_defer and fts_dirty
-- stay as they are.
DROP VIEW fts_customers, fts_deals, fts_interactions, fts_customer_text,
	fts_interaction_text;

CREATE TABLE fts_customers (
	rowid  bigint PRIMARY KEY,	-- the customer's id
	body   text COLLATE "C" NOT NULL,
	folded text COLLATE "C" GENERATED ALWAYS AS
	    (lower(body COLLATE crm_search)) STORED
);
CREATE INDEX fts_customers_folded ON fts_customers
	USING gin (folded gin_trgm_ops);
CREATE TABLE fts_deals (
	rowid  bigint PRIMARY KEY,	-- the deal's id
	body   text COLLATE "C" NOT NULL,
	folded text COLLATE "C" GENERATED ALWAYS AS
	    (lower(body COLLATE crm_search)) STORED
);
CREATE INDEX fts_deals_folded ON fts_deals USING gin (folded gin_trgm_ops);
-- An interaction's text as SQLite's index has it (schema 9: each column
-- ends with two newlines), read through this view; the index is on the
-- table, over the text lib/search.c asks for lowered (its IA_FOLD),
-- written alike so the planner knows it (not kept: the table is
-- crm copy's and the import's).  Writes to the view (an import's
-- catch-up, for FTS5) are nothing: the table's index is always in step.
CREATE VIEW fts_interactions WITH (security_invoker = true) AS
	SELECT id AS rowid, customer_id, summary || chr(10) || chr(10) AS summary,
	    resolution || chr(10) || chr(10) AS resolution,
	    NULL::text AS fts_interactions
	FROM interactions;
CREATE RULE fts_interactions_insert AS ON INSERT TO fts_interactions
	DO INSTEAD NOTHING;
CREATE RULE fts_interactions_delete AS ON DELETE TO fts_interactions
	DO INSTEAD NOTHING;
CREATE INDEX interactions_search ON interactions USING gin
	((lower((coalesce(summary || chr(10) || chr(10), '') || chr(10) ||
	coalesce(resolution || chr(10) || chr(10), '')) COLLATE crm_search))
	COLLATE "C" gin_trgm_ops);
CREATE VIEW fts_interaction_text AS
	SELECT NULL::bigint AS id, NULL::text AS summary,
	NULL::text AS resolution WHERE false;

-- What is indexed of a customer and of a deal: SQLite's views (schema
-- 9), their lists in the order SQLite reads them (by each table's key),
-- so snippets are the same bytes.
CREATE VIEW fts_customer_text WITH (security_invoker = true) AS
	SELECT c.id, c.name || chr(10) || coalesce(c.company, '') ||
	    chr(10) || coalesce(c.email, '') || chr(10) ||
	    coalesce(c.phone, '') || chr(10) ||
	    coalesce(c.external_id, '') || chr(10) ||
	    coalesce((SELECT string_agg(value, chr(10) ORDER BY key) FROM
	    customer_fields WHERE customer_id = c.id), '') || chr(10) ||
	    coalesce((SELECT string_agg(value, chr(10) ORDER BY kind, value,
	    source) FROM identities WHERE customer_id = c.id), '') ||
	    chr(10) || coalesce((SELECT string_agg(tag, ' ' ORDER BY tag)
	    FROM tags WHERE customer_id = c.id), '') || chr(10) || chr(10)
	    AS body
	FROM customers c;
CREATE VIEW fts_deal_text WITH (security_invoker = true) AS
	SELECT d.id, d.title || chr(10) || coalesce((SELECT
	    string_agg(note, chr(10) ORDER BY id) FROM deal_history WHERE
	    deal_id = d.id AND note IS NOT NULL), '') || chr(10) || chr(10)
	    AS body
	FROM deals d;

-- A customer's text made again when it changes, or, while an import
-- defers it, the customer marked to be made again at its end (SQLite's
-- triggers of schemas 6 and 9, once).
CREATE FUNCTION fts_customer_redo(who bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
	IF who IS NULL THEN
		RETURN;
	ELSIF EXISTS (SELECT 1 FROM fts_defer) THEN
		INSERT INTO fts_dirty (id) VALUES (who) ON CONFLICT DO NOTHING;
	ELSE
		DELETE FROM fts_customers WHERE rowid = who;
		INSERT INTO fts_customers (rowid, body) SELECT id, body
		    FROM fts_customer_text WHERE id = who;
	END IF;
END$$;
CREATE FUNCTION fts_customer_row() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	o bigint;
	n bigint;
BEGIN
	IF TG_TABLE_NAME = 'customers' THEN
		IF TG_OP <> 'INSERT' THEN o := OLD.id; END IF;
		IF TG_OP <> 'DELETE' THEN n := NEW.id; END IF;
	ELSE
		IF TG_OP <> 'INSERT' THEN o := OLD.customer_id; END IF;
		IF TG_OP <> 'DELETE' THEN n := NEW.customer_id; END IF;
	END IF;
	PERFORM fts_customer_redo(o);
	IF n IS DISTINCT FROM o THEN
		PERFORM fts_customer_redo(n);
	END IF;
	RETURN NULL;
END$$;
CREATE TRIGGER fts_customers AFTER INSERT OR DELETE OR UPDATE OF id, name,
	company, email, phone, external_id ON customers
	FOR EACH ROW EXECUTE FUNCTION fts_customer_row();
CREATE TRIGGER fts_customers AFTER INSERT OR DELETE OR UPDATE
	ON customer_fields FOR EACH ROW EXECUTE FUNCTION fts_customer_row();
CREATE TRIGGER fts_customers AFTER INSERT OR DELETE OR UPDATE
	ON tags FOR EACH ROW EXECUTE FUNCTION fts_customer_row();
CREATE TRIGGER fts_customers AFTER INSERT OR DELETE OR UPDATE
	ON identities FOR EACH ROW EXECUTE FUNCTION fts_customer_row();

-- A deal's text made again when it or its history changes.
CREATE FUNCTION fts_deal_redo(d bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM fts_deals WHERE rowid = d;
	INSERT INTO fts_deals (rowid, body) SELECT id, body FROM fts_deal_text
	    WHERE id = d;
END$$;
CREATE FUNCTION fts_deal_row() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	o bigint;
	n bigint;
BEGIN
	IF TG_TABLE_NAME = 'deals' THEN
		IF TG_OP <> 'INSERT' THEN o := OLD.id; END IF;
		IF TG_OP <> 'DELETE' THEN n := NEW.id; END IF;
	ELSE
		IF TG_OP <> 'INSERT' THEN o := OLD.deal_id; END IF;
		IF TG_OP <> 'DELETE' THEN n := NEW.deal_id; END IF;
	END IF;
	IF o IS NOT NULL THEN
		PERFORM fts_deal_redo(o);
	END IF;
	IF n IS DISTINCT FROM o THEN
		PERFORM fts_deal_redo(n);
	END IF;
	RETURN NULL;
END$$;
CREATE TRIGGER fts_deals AFTER INSERT OR DELETE OR UPDATE OF id, title
	ON deals FOR EACH ROW EXECUTE FUNCTION fts_deal_row();
CREATE TRIGGER fts_deals AFTER INSERT OR DELETE OR UPDATE ON deal_history
	FOR EACH ROW EXECUTE FUNCTION fts_deal_row();

-- What is there already.
INSERT INTO fts_customers (rowid, body) SELECT id, body FROM fts_customer_text;
INSERT INTO fts_deals (rowid, body) SELECT id, body FROM fts_deal_text;
