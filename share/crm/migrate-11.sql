-- crm schema version 11: a customer marked for re-indexing is marked
-- once, whatever conflict policy the write that marks them runs under.
--
-- While an import defers search indexing (fts_defer), the triggers of
-- migrate-6.sql and migrate-9.sql mark a customer whose text changed in
-- fts_dirty with INSERT OR IGNORE.  But a trigger's OR IGNORE gives way
-- to the conflict policy of the statement that fired it, and an upsert's
-- DO UPDATE (a changed extra field: CRM_FIELD_UPSERT) runs its triggers
-- under ABORT: a customer already marked (their name changed in the same
-- row, or another field) made the mark a UNIQUE failure, which undid the
-- field's new value, unseen.  These ask first instead.
--
-- This file may run again on a database that has it (t/710-undo.bats):
-- each trigger is dropped before it is made.
DROP TRIGGER IF EXISTS fts_customers_ai_later;
CREATE TRIGGER fts_customers_ai_later AFTER INSERT ON customers
    WHEN EXISTS (SELECT 1 FROM fts_defer) BEGIN
	INSERT INTO fts_dirty (id) SELECT new.id
	    WHERE new.id NOT IN (SELECT id FROM fts_dirty);
END;
DROP TRIGGER IF EXISTS fts_customers_au_later;
CREATE TRIGGER fts_customers_au_later AFTER UPDATE OF id, name, company,
    email, phone, external_id ON customers
    WHEN EXISTS (SELECT 1 FROM fts_defer) BEGIN
	INSERT INTO fts_dirty (id) SELECT x FROM (SELECT old.id AS x UNION
	    SELECT new.id) WHERE x NOT IN (SELECT id FROM fts_dirty);
END;
DROP TRIGGER IF EXISTS fts_fields_ai_later;
CREATE TRIGGER fts_fields_ai_later AFTER INSERT ON customer_fields
    WHEN EXISTS (SELECT 1 FROM fts_defer) BEGIN
	INSERT INTO fts_dirty (id) SELECT new.customer_id
	    WHERE new.customer_id NOT IN (SELECT id FROM fts_dirty);
END;
DROP TRIGGER IF EXISTS fts_fields_au_later;
CREATE TRIGGER fts_fields_au_later AFTER UPDATE ON customer_fields
    WHEN EXISTS (SELECT 1 FROM fts_defer) BEGIN
	INSERT INTO fts_dirty (id) SELECT x FROM (SELECT old.customer_id AS x
	    UNION SELECT new.customer_id) WHERE x NOT IN (SELECT id FROM
	    fts_dirty);
END;
DROP TRIGGER IF EXISTS fts_fields_ad_later;
CREATE TRIGGER fts_fields_ad_later AFTER DELETE ON customer_fields
    WHEN EXISTS (SELECT 1 FROM fts_defer) BEGIN
	INSERT INTO fts_dirty (id) SELECT old.customer_id
	    WHERE old.customer_id NOT IN (SELECT id FROM fts_dirty);
END;
DROP TRIGGER IF EXISTS fts_tags_ai_later;
CREATE TRIGGER fts_tags_ai_later AFTER INSERT ON tags
    WHEN EXISTS (SELECT 1 FROM fts_defer) BEGIN
	INSERT INTO fts_dirty (id) SELECT new.customer_id
	    WHERE new.customer_id NOT IN (SELECT id FROM fts_dirty);
END;
DROP TRIGGER IF EXISTS fts_tags_au_later;
CREATE TRIGGER fts_tags_au_later AFTER UPDATE ON tags
    WHEN EXISTS (SELECT 1 FROM fts_defer) BEGIN
	INSERT INTO fts_dirty (id) SELECT x FROM (SELECT old.customer_id AS x
	    UNION SELECT new.customer_id) WHERE x NOT IN (SELECT id FROM
	    fts_dirty);
END;
DROP TRIGGER IF EXISTS fts_tags_ad_later;
CREATE TRIGGER fts_tags_ad_later AFTER DELETE ON tags
    WHEN EXISTS (SELECT 1 FROM fts_defer) BEGIN
	INSERT INTO fts_dirty (id) SELECT old.customer_id
	    WHERE old.customer_id NOT IN (SELECT id FROM fts_dirty);
END;
DROP TRIGGER IF EXISTS fts_identities_ai_later;
CREATE TRIGGER fts_identities_ai_later AFTER INSERT ON identities
    WHEN EXISTS (SELECT 1 FROM fts_defer) BEGIN
	INSERT INTO fts_dirty (id) SELECT new.customer_id
	    WHERE new.customer_id NOT IN (SELECT id FROM fts_dirty);
END;
DROP TRIGGER IF EXISTS fts_identities_au_later;
CREATE TRIGGER fts_identities_au_later AFTER UPDATE ON identities
    WHEN EXISTS (SELECT 1 FROM fts_defer) BEGIN
	INSERT INTO fts_dirty (id) SELECT x FROM (SELECT old.customer_id AS x
	    UNION SELECT new.customer_id) WHERE x NOT IN (SELECT id FROM
	    fts_dirty);
END;
DROP TRIGGER IF EXISTS fts_identities_ad_later;
CREATE TRIGGER fts_identities_ad_later AFTER DELETE ON identities
    WHEN EXISTS (SELECT 1 FROM fts_defer) BEGIN
	INSERT INTO fts_dirty (id) SELECT old.customer_id
	    WHERE old.customer_id NOT IN (SELECT id FROM fts_dirty);
END;
