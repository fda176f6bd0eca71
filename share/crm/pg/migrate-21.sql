-- crm schema version 21 for PostgreSQL.  The audit trail's actor, and a deal move's, is the
-- server's login (session_user) whenever the login is not the tables'
-- owner (nor a member of it, nor a superuser): the server says who it
-- is, whatever CRM_USER the client set.  The owner's rows keep
-- CRM_USER: before crm grant the database is one login's, run for
-- several people (crm copy keeps a trail's actors, too).  After crm
-- grant, rls.sql's crm_actor stamps every login, the owner's too.
-- Re-runnable, as the others.
CREATE OR REPLACE FUNCTION crm_actor_login() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF NOT pg_has_role(session_user, (SELECT relowner FROM pg_class
	    WHERE oid = TG_RELID), 'MEMBER') THEN
		NEW.actor := session_user;
	END IF;
	RETURN NEW;
END$$;
DROP TRIGGER IF EXISTS crm_actor_login ON audit;
CREATE TRIGGER crm_actor_login BEFORE INSERT ON audit
	FOR EACH ROW EXECUTE FUNCTION crm_actor_login();
DROP TRIGGER IF EXISTS crm_actor_login ON deal_history;
CREATE TRIGGER crm_actor_login BEFORE INSERT ON deal_history
	FOR EACH ROW EXECUTE FUNCTION crm_actor_login();

-- As SQLite's migrate-21.sql: people's organisation index takes their
-- names (import.c's twin_added asks by both), and a reminder keeps its
-- task's due in the file it was imported from (remimport.c).
ALTER TABLE reminders ADD COLUMN IF NOT EXISTS source_due TEXT;
DROP INDEX IF EXISTS customers_org;
CREATE INDEX customers_org ON customers (org_id, name)
	WHERE org_id IS NOT NULL;
