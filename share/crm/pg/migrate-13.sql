-- crm schema version 13 for PostgreSQL: stored e-mail keys in Unicode
-- NFC, as SQLite's schema 12 (lib/sqlite.c's renormalise_emails).
--
-- lib/key.c puts every e-mail it stores or looks up in NFC (lib/nfc.c:
-- the Latin, Greek and Cyrillic letters and their combining marks), so
-- a ü stored as u and U+0308 by an older crm would never be found again.
-- The stored ones with a combining mark of U+0300-U+036F (what lib/nfc.c
-- composes) are put in NFC here by PostgreSQL's normalize().  Two
-- customers that then share one address are reported (a WARNING that
-- lib/pg.c's notice receiver says on standard error), not merged: the
-- second keeps its old spelling until they are merged.
DO $$
DECLARE
	r record;
	other bigint;
BEGIN
	-- normalize() needs a UTF-8 database; another holds no such marks
	IF current_setting('server_encoding') <> 'UTF8' THEN
		RETURN;
	END IF;
	FOR r IN SELECT id, normalize(email, NFC) AS e FROM customers
	    WHERE email ~ '[\u0300-\u036f]' AND email <> normalize(email, NFC)
	    ORDER BY id LOOP
		other := (SELECT c.id FROM customers c WHERE c.email = r.e
		    UNION SELECT i.customer_id FROM identities i WHERE
		    i.kind = 'email' AND i.value = r.e LIMIT 1);
		IF other IS NULL THEN
			UPDATE customers SET email = r.e WHERE id = r.id;
		ELSIF other <> r.id THEN
			RAISE WARNING 'crm: customers % and % have one e-mail, %: merge them with crm-add --merge % %',
			    other, r.id, r.e, other, r.id;
		END IF;
	END LOOP;
	FOR r IN SELECT customer_id, value, source, normalize(value, NFC) AS e
	    FROM identities WHERE kind = 'email' AND value ~ '[\u0300-\u036f]'
	    AND value <> normalize(value, NFC)
	    ORDER BY customer_id, value COLLATE "C" LOOP
		other := (SELECT c.id FROM customers c WHERE c.email = r.e
		    UNION SELECT i.customer_id FROM identities i WHERE
		    i.kind = 'email' AND i.value = r.e LIMIT 1);
		IF other IS NULL THEN
			UPDATE identities SET value = r.e WHERE kind = 'email' AND
			    value = r.value AND source = r.source;
		ELSIF other = r.customer_id THEN	/* it has it already */
			DELETE FROM identities WHERE kind = 'email' AND
			    value = r.value AND source = r.source;
		ELSE
			RAISE WARNING 'crm: customers % and % have one e-mail, %: merge them with crm-add --merge % %',
			    other, r.customer_id, r.e, other, r.customer_id;
		END IF;
	END LOOP;
END$$;
