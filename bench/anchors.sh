# Sourced by questions.sh and pg.sh: the anchors crm is timed against
# that more than one script asks, written once, with PostgreSQL's beside
# SQLite's so that the two are kept in step.  The caller sets F and T
# (the period of the sales question) and CRM_NOW.

# The loads' anchors.  The sqlite3 shell's .import into a table of the
# customers' shape with the same unique keys (customer number, e-mail),
# and into one of the interactions' shape with the interactions table's
# two indexes, resolving no customer (as import.sh and log.sh).
anchor_c='PRAGMA journal_mode=WAL;
CREATE TABLE c (no TEXT UNIQUE, name TEXT, company TEXT, email TEXT UNIQUE,
  phone TEXT, industry TEXT, tier TEXT, owner TEXT, city TEXT) STRICT;'
anchor_i="PRAGMA journal_mode=WAL;
CREATE TABLE i (email TEXT, at TEXT, kind TEXT, product TEXT, quantity ANY,
  amount ANY, rating ANY, ref TEXT) STRICT;
CREATE INDEX i_customer ON i (email, at);
CREATE INDEX i_kind ON i (kind, email, at, amount);"

# PostgreSQL's: the same tables, keys and indexes (text COLLATE "C", as
# crm's schema has it), loaded by psql's \copy.  COPY stops at the first
# row a key refuses where .import skips it, so the customers go through
# a temporary table and INSERT ... ON CONFLICT DO NOTHING, in one
# transaction; the empty customer numbers of the repeated rows stay ''
# (FORCE_NOT_NULL) as .import keeps them, so the same rows are refused.
pg_anchor_c='CREATE TABLE c (no text COLLATE "C" UNIQUE,
  name text COLLATE "C", company text COLLATE "C",
  email text COLLATE "C" UNIQUE, phone text COLLATE "C",
  industry text COLLATE "C", tier text COLLATE "C", owner text COLLATE "C",
  city text COLLATE "C");'
pg_anchor_i='CREATE TABLE i (email text COLLATE "C", at text COLLATE "C",
  kind text COLLATE "C", product text COLLATE "C", quantity bigint,
  amount numeric, rating bigint, ref text COLLATE "C");
CREATE INDEX i_customer ON i (email, at);
CREATE INDEX i_kind ON i (kind, email, at, amount);'

# pg_load_c FILE, pg_load_i FILE: the psql scripts that load FILE.
pg_load_c() {
	printf '%s\n' 'BEGIN;' \
	    'CREATE TEMP TABLE r (LIKE c) ON COMMIT DROP;' \
	    "\\copy r FROM '$1' (FORMAT csv, HEADER, FORCE_NOT_NULL (no, name, company, email, phone, industry, tier, owner, city))" \
	    'INSERT INTO c SELECT * FROM r ON CONFLICT DO NOTHING;' 'COMMIT;'
}
pg_load_i() {
	printf '%s\n' "\\copy i FROM '$1' (FORMAT csv, HEADER)"
}

# The questions, by hand over crm's own database (the raw interactions,
# not crm's per-customer aggregates).  Net revenue: returns count
# against it.  Pareto's and sales' SQL is the same text on both
# engines; RFM's days since the last purchase are SQLite's julianday()
# there and PostgreSQL's timestamps here (the same whole days).
net="CASE WHEN kind = 'return' THEN -abs(amount) ELSE amount END"
# (a tie shares its lowest rank, the tie at the best value the highest)
rfm_ranks="1 + 5 * (CASE WHEN d = min(d) OVER () THEN count(*) OVER () ELSE
  rank() OVER (ORDER BY d DESC) END - 1) / count(*) OVER (),
  1 + 5 * (CASE WHEN f = max(f) OVER () THEN count(*) OVER () ELSE
  rank() OVER (ORDER BY f) END - 1) / count(*) OVER (),
  1 + 5 * (CASE WHEN m = max(m) OVER () THEN count(*) OVER () ELSE
  rank() OVER (ORDER BY m) END - 1) / count(*) OVER ()"
q_rfm_sql="WITH b AS (SELECT customer_id, CAST(julianday('$CRM_NOW') -
  julianday(max(at) FILTER (WHERE kind = 'purchase')) AS INTEGER) AS d,
  count(DISTINCT ref) FILTER (WHERE kind = 'purchase') + count(*) FILTER
  (WHERE kind = 'purchase' AND ref IS NULL) AS f, sum($net) AS m
  FROM interactions WHERE kind IN ('purchase', 'return') GROUP BY 1
  HAVING f > 0) SELECT customer_id, d, f, m, $rfm_ranks FROM b;"
q_rfm_pg="WITH a AS (SELECT customer_id,
  max(at) FILTER (WHERE kind = 'purchase') AS last,
  count(DISTINCT ref) FILTER (WHERE kind = 'purchase') + count(*) FILTER
  (WHERE kind = 'purchase' AND ref IS NULL) AS f, sum($net) AS m
  FROM interactions WHERE kind IN ('purchase', 'return') GROUP BY 1
  HAVING count(*) FILTER (WHERE kind = 'purchase') > 0),
b AS (SELECT customer_id, trunc(extract(epoch FROM TIMESTAMPTZ '$CRM_NOW' -
  CAST(last AS timestamptz)) / 86400)::bigint AS d, f, m FROM a)
SELECT customer_id, d, f, m, $rfm_ranks FROM b;"

q_pareto_sql="WITH r AS (SELECT c.id, coalesce(sum($net), 0) AS rev
  FROM customers c LEFT JOIN interactions i ON i.customer_id = c.id AND
  i.kind IN ('purchase', 'return') WHERE c.type = 'person' GROUP BY c.id)
  SELECT id, rev, sum(rev) OVER (ORDER BY rev DESC, id
  ROWS UNBOUNDED PRECEDING) FROM r ORDER BY rev DESC, id;"
q_pareto_pg=$q_pareto_sql

# sales --by month --group industry: one row per month and industry, in
# order of revenue within the month.
sales_cols="sum($net) AS rev, count(*) FILTER (WHERE kind = 'purchase'),
  coalesce(sum(quantity) FILTER (WHERE kind = 'purchase'), 0),
  round(1.0 * sum(amount) FILTER (WHERE kind = 'purchase') /
  count(*) FILTER (WHERE kind = 'purchase')),
  count(*) FILTER (WHERE kind = 'return'),
  coalesce(sum(abs(amount)) FILTER (WHERE kind = 'return'), 0)"
q_sales_sql="SELECT substr(at, 1, 7), c.industry, $sales_cols
  FROM interactions i JOIN customers c ON c.id = i.customer_id
  WHERE kind IN ('purchase', 'return') AND at >= '$F' AND at < '$T'
  GROUP BY 1, 2 ORDER BY 1, rev DESC;"
q_sales_pg=$q_sales_sql
