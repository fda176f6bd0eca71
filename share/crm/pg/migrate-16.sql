-- crm schema version 16 for PostgreSQL: the indexes of SQLite's schema
-- 18 (share/crm/migrate-18.sql says why): a cadence rule's customers
-- contacted long enough ago found through their kept last contact, and
-- the open complaints, few however many were ever logged, in an index
-- of their own.
CREATE INDEX IF NOT EXISTS cust_totals_last ON cust_totals (last_at);
CREATE INDEX IF NOT EXISTS interactions_open_complaints ON interactions (kind, at)
	WHERE kind = 'complaint' AND resolved IS NULL;
