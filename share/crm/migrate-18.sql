-- crm schema version 18: the morning list (crm-remind, lib/remind.c)
-- finds what is due without reading every customer and every complaint.
--
-- A cadence rule's customers are due at their last contact plus the
-- rule's interval: those contacted long enough ago are found through
-- their kept last contact (cust_totals.last_at, agg.c), in its order,
-- instead of looking up the last contact of every customer the rule's
-- filter takes.  Open complaints are few, however many were ever
-- logged: a partial index holds them alone, in the order they are due
-- (kind, though it is one, so that SQLite's planner, which has no
-- statistics, takes it over interactions_kind: the same equality, and
-- the order without a sort).
-- At 1,000,000 customers and 11,000,000 interactions the two took the
-- list of a kept-up morning (a few thousand items) from seconds to a
-- fraction of one (bench/README.md, "A kept-up morning").
CREATE INDEX IF NOT EXISTS cust_totals_last ON cust_totals (last_at);
CREATE INDEX IF NOT EXISTS interactions_open_complaints ON interactions (kind, at)
	WHERE kind = 'complaint' AND resolved IS NULL;
