-- crm schema version 6: full-text search (lib/search.c).
--
-- Three FTS5 indexes, each with the trigram tokenizer, so any run of 3
-- or more characters is found wherever it stands in a word, Latin or
-- Chinese alike (a query shorter than that is answered by a scan, see
-- lib/search.c):
--	fts_customers	a customer's record: name, company, e-mail, phone,
--			the values of its extra fields and its tags
--			(rowid: the customer's id)
--	fts_deals	a deal's title and the notes of its history
--			(rowid: the deal's id)
--	fts_interactions an interaction's summary and resolution, on the
--			interactions table itself (external content: the text
--			is not stored twice; rowid: the interaction's id)
-- Triggers on the data tables keep them in step with every write, so
-- imports, merges, erasure and undo (which write the data tables) keep
-- them right too.  The fts_ tables are no part of undo (lib/undo.c).
CREATE VIRTUAL TABLE IF NOT EXISTS fts_customers USING fts5(body, tokenize = 'trigram');
CREATE VIRTUAL TABLE IF NOT EXISTS fts_deals USING fts5(body, tokenize = 'trigram');
CREATE VIRTUAL TABLE IF NOT EXISTS fts_interactions USING fts5(summary, resolution,
	content = 'interactions', content_rowid = 'id', tokenize = 'trigram');

-- While an import defers indexing (100,000 customers: 13.4 s indexed a
-- row at a time, 4.0 s at the end, 0.9 s with no index): the largest
-- interaction id before it,
-- and the customers whose text it changed (lib/search.c).
CREATE TABLE IF NOT EXISTS fts_defer (lo INTEGER NOT NULL) STRICT;
CREATE TABLE IF NOT EXISTS fts_dirty (id INTEGER PRIMARY KEY) STRICT;

-- What is indexed of a customer and of a deal.
CREATE VIEW IF NOT EXISTS fts_customer_text (id, body) AS
	SELECT c.id, c.name || char(10) || coalesce(c.company, '') ||
	    char(10) || coalesce(c.email, '') || char(10) ||
	    coalesce(c.phone, '') || char(10) ||
	    coalesce((SELECT group_concat(value, char(10)) FROM
	    customer_fields WHERE customer_id = c.id), '') || char(10) ||
	    coalesce((SELECT group_concat(tag, ' ') FROM tags WHERE
	    customer_id = c.id), '')
	FROM customers c;
CREATE VIEW IF NOT EXISTS fts_deal_text (id, body) AS
	SELECT d.id, d.title || char(10) || coalesce((SELECT
	    group_concat(note, char(10)) FROM deal_history WHERE
	    deal_id = d.id AND note IS NOT NULL), '')
	FROM deals d;

-- A customer's text is made again whenever it changes, or, while an
-- import defers it (fts_defer has its row), the customer is marked in
-- fts_dirty and made again at the import's end (lib/search.c).  Each
-- has two triggers, the one or the other running by its WHEN: one
-- trigger of two statements, each asking fts_defer, cost an import of
-- 20,000 customers 1.66 G instructions (83,000 a customer, more than the
-- import itself); these cost it 0.54 G.  (DROP: a database made before
-- has the one trigger.)
DROP TRIGGER IF EXISTS fts_customers_ai;
CREATE TRIGGER fts_customers_ai AFTER INSERT ON customers
    WHEN NOT EXISTS (SELECT 1 FROM fts_defer) BEGIN
	DELETE FROM fts_customers WHERE rowid = new.id;
	INSERT INTO fts_customers (rowid, body) SELECT id, body FROM
	    fts_customer_text WHERE id = new.id;
END;
DROP TRIGGER IF EXISTS fts_customers_ai_later;
CREATE TRIGGER fts_customers_ai_later AFTER INSERT ON customers
    WHEN EXISTS (SELECT 1 FROM fts_defer) BEGIN
	INSERT OR IGNORE INTO fts_dirty (id) SELECT new.id;
END;
DROP TRIGGER IF EXISTS fts_customers_au;
CREATE TRIGGER fts_customers_au AFTER UPDATE OF id, name, company, email,
    phone ON customers
    WHEN NOT EXISTS (SELECT 1 FROM fts_defer) BEGIN
	DELETE FROM fts_customers WHERE rowid IN (old.id, new.id);
	INSERT INTO fts_customers (rowid, body) SELECT id, body FROM
	    fts_customer_text WHERE id IN (old.id, new.id);
END;
DROP TRIGGER IF EXISTS fts_customers_au_later;
CREATE TRIGGER fts_customers_au_later AFTER UPDATE OF id, name, company,
    email, phone ON customers
    WHEN EXISTS (SELECT 1 FROM fts_defer) BEGIN
	INSERT OR IGNORE INTO fts_dirty (id) SELECT old.id UNION SELECT new.id;
END;
CREATE TRIGGER IF NOT EXISTS fts_customers_ad AFTER DELETE ON customers BEGIN
	DELETE FROM fts_customers WHERE rowid = old.id;
END;

DROP TRIGGER IF EXISTS fts_fields_ai;
CREATE TRIGGER fts_fields_ai AFTER INSERT ON customer_fields
    WHEN NOT EXISTS (SELECT 1 FROM fts_defer) BEGIN
	DELETE FROM fts_customers WHERE rowid = new.customer_id;
	INSERT INTO fts_customers (rowid, body) SELECT id, body FROM
	    fts_customer_text WHERE id = new.customer_id;
END;
DROP TRIGGER IF EXISTS fts_fields_ai_later;
CREATE TRIGGER fts_fields_ai_later AFTER INSERT ON customer_fields
    WHEN EXISTS (SELECT 1 FROM fts_defer) BEGIN
	INSERT OR IGNORE INTO fts_dirty (id) SELECT new.customer_id;
END;
DROP TRIGGER IF EXISTS fts_fields_au;
CREATE TRIGGER fts_fields_au AFTER UPDATE ON customer_fields
    WHEN NOT EXISTS (SELECT 1 FROM fts_defer) BEGIN
	DELETE FROM fts_customers WHERE rowid IN (old.customer_id, new.customer_id);
	INSERT INTO fts_customers (rowid, body) SELECT id, body FROM
	    fts_customer_text WHERE id IN (old.customer_id, new.customer_id);
END;
DROP TRIGGER IF EXISTS fts_fields_au_later;
CREATE TRIGGER fts_fields_au_later AFTER UPDATE ON customer_fields
    WHEN EXISTS (SELECT 1 FROM fts_defer) BEGIN
	INSERT OR IGNORE INTO fts_dirty (id) SELECT old.customer_id UNION
	    SELECT new.customer_id;
END;
DROP TRIGGER IF EXISTS fts_fields_ad;
CREATE TRIGGER fts_fields_ad AFTER DELETE ON customer_fields
    WHEN NOT EXISTS (SELECT 1 FROM fts_defer) BEGIN
	DELETE FROM fts_customers WHERE rowid = old.customer_id;
	INSERT INTO fts_customers (rowid, body) SELECT id, body FROM
	    fts_customer_text WHERE id = old.customer_id;
END;
DROP TRIGGER IF EXISTS fts_fields_ad_later;
CREATE TRIGGER fts_fields_ad_later AFTER DELETE ON customer_fields
    WHEN EXISTS (SELECT 1 FROM fts_defer) BEGIN
	INSERT OR IGNORE INTO fts_dirty (id) SELECT old.customer_id;
END;
DROP TRIGGER IF EXISTS fts_tags_ai;
CREATE TRIGGER fts_tags_ai AFTER INSERT ON tags
    WHEN NOT EXISTS (SELECT 1 FROM fts_defer) BEGIN
	DELETE FROM fts_customers WHERE rowid = new.customer_id;
	INSERT INTO fts_customers (rowid, body) SELECT id, body FROM
	    fts_customer_text WHERE id = new.customer_id;
END;
DROP TRIGGER IF EXISTS fts_tags_ai_later;
CREATE TRIGGER fts_tags_ai_later AFTER INSERT ON tags
    WHEN EXISTS (SELECT 1 FROM fts_defer) BEGIN
	INSERT OR IGNORE INTO fts_dirty (id) SELECT new.customer_id;
END;
DROP TRIGGER IF EXISTS fts_tags_au;
CREATE TRIGGER fts_tags_au AFTER UPDATE ON tags
    WHEN NOT EXISTS (SELECT 1 FROM fts_defer) BEGIN
	DELETE FROM fts_customers WHERE rowid IN (old.customer_id, new.customer_id);
	INSERT INTO fts_customers (rowid, body) SELECT id, body FROM
	    fts_customer_text WHERE id IN (old.customer_id, new.customer_id);
END;
DROP TRIGGER IF EXISTS fts_tags_au_later;
CREATE TRIGGER fts_tags_au_later AFTER UPDATE ON tags
    WHEN EXISTS (SELECT 1 FROM fts_defer) BEGIN
	INSERT OR IGNORE INTO fts_dirty (id) SELECT old.customer_id UNION
	    SELECT new.customer_id;
END;
DROP TRIGGER IF EXISTS fts_tags_ad;
CREATE TRIGGER fts_tags_ad AFTER DELETE ON tags
    WHEN NOT EXISTS (SELECT 1 FROM fts_defer) BEGIN
	DELETE FROM fts_customers WHERE rowid = old.customer_id;
	INSERT INTO fts_customers (rowid, body) SELECT id, body FROM
	    fts_customer_text WHERE id = old.customer_id;
END;
DROP TRIGGER IF EXISTS fts_tags_ad_later;
CREATE TRIGGER fts_tags_ad_later AFTER DELETE ON tags
    WHEN EXISTS (SELECT 1 FROM fts_defer) BEGIN
	INSERT OR IGNORE INTO fts_dirty (id) SELECT old.customer_id;
END;

-- Every interaction is in the index, with or without text, so that the
-- index's rows are always the table's (as 'rebuild' makes them).
--
-- An import of interactions indexes its rows at its end, in one
-- statement, rather than a row at a time (1,000,000 rows of 3 to 8
-- words: 88 s a row at a time, 43 s at the end, 30 s with no index; the
-- index adds 139 MB to 250): while fts_defer has
-- its row (in the import's transaction only), the interactions after
-- its lo are left to that statement (lib/search.c).
CREATE TRIGGER IF NOT EXISTS fts_interactions_ai AFTER INSERT ON interactions
    WHEN NOT EXISTS (SELECT 1 FROM fts_defer) BEGIN
	INSERT INTO fts_interactions (rowid, summary, resolution)
	    VALUES (new.id, new.summary, new.resolution);
END;
CREATE TRIGGER IF NOT EXISTS fts_interactions_au AFTER UPDATE OF id, summary, resolution
    ON interactions BEGIN
	INSERT INTO fts_interactions (fts_interactions, rowid, summary,
	    resolution) SELECT 'delete', old.id, old.summary, old.resolution
	    WHERE old.id <= coalesce((SELECT min(lo) FROM fts_defer), old.id);
	INSERT INTO fts_interactions (rowid, summary, resolution)
	    SELECT new.id, new.summary, new.resolution
	    WHERE new.id <= coalesce((SELECT min(lo) FROM fts_defer), new.id);
END;
CREATE TRIGGER IF NOT EXISTS fts_interactions_ad AFTER DELETE ON interactions BEGIN
	INSERT INTO fts_interactions (fts_interactions, rowid, summary,
	    resolution) SELECT 'delete', old.id, old.summary, old.resolution
	    WHERE old.id <= coalesce((SELECT min(lo) FROM fts_defer), old.id);
END;

CREATE TRIGGER IF NOT EXISTS fts_deals_ai AFTER INSERT ON deals BEGIN
	INSERT INTO fts_deals (rowid, body)
	    SELECT id, body FROM fts_deal_text WHERE id = new.id;
END;
CREATE TRIGGER IF NOT EXISTS fts_deals_au AFTER UPDATE OF id, title ON deals BEGIN
	DELETE FROM fts_deals WHERE rowid = old.id;
	INSERT INTO fts_deals (rowid, body)
	    SELECT id, body FROM fts_deal_text WHERE id = new.id;
END;
CREATE TRIGGER IF NOT EXISTS fts_deals_ad AFTER DELETE ON deals BEGIN
	DELETE FROM fts_deals WHERE rowid = old.id;
END;
CREATE TRIGGER IF NOT EXISTS fts_history_ai AFTER INSERT ON deal_history BEGIN
	DELETE FROM fts_deals WHERE rowid = new.deal_id;
	INSERT INTO fts_deals (rowid, body)
	    SELECT id, body FROM fts_deal_text WHERE id = new.deal_id;
END;
CREATE TRIGGER IF NOT EXISTS fts_history_au AFTER UPDATE ON deal_history BEGIN
	DELETE FROM fts_deals WHERE rowid IN (old.deal_id, new.deal_id);
	INSERT INTO fts_deals (rowid, body) SELECT id, body FROM
	    fts_deal_text WHERE id IN (old.deal_id, new.deal_id);
END;
CREATE TRIGGER IF NOT EXISTS fts_history_ad AFTER DELETE ON deal_history BEGIN
	DELETE FROM fts_deals WHERE rowid = old.deal_id;
	INSERT INTO fts_deals (rowid, body)
	    SELECT id, body FROM fts_deal_text WHERE id = old.deal_id;
END;

-- FTS5 gathers what it indexes in memory and writes it out as a segment
-- when that passes its hashsize (1 MB unless told), merging segments as
-- they pile up: an import writes its index in a few large segments
-- instead of hundreds of small ones merged again and again (50,000
-- interactions: 1.40 G instructions indexed, 1.16 G with 64 MB; 25,000
-- customers: 1.90 G, 1.48 G).  Only a transaction that indexes that
-- much holds that much memory.
INSERT INTO fts_customers (fts_customers, rank) VALUES ('hashsize', 67108864);
INSERT INTO fts_deals (fts_deals, rank) VALUES ('hashsize', 67108864);
INSERT INTO fts_interactions (fts_interactions, rank)
    VALUES ('hashsize', 67108864);

-- What is already there (again, when the migration is run again).
DELETE FROM fts_customers;
DELETE FROM fts_deals;
INSERT INTO fts_customers (rowid, body) SELECT id, body FROM fts_customer_text;
INSERT INTO fts_deals (rowid, body) SELECT id, body FROM fts_deal_text;
INSERT INTO fts_interactions (fts_interactions) VALUES ('rebuild');
