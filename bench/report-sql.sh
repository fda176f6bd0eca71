# Sourced by report.sh and questions.sh: the enrichment of a bench
# database and crm-report's figures written by hand for the sqlite3
# shell.  The caller sets F and T (the period) and CRM_NOW.

# What the generators leave out, so that every column has work to do:
# customers created before the period (a tenth of them during it: new),
# interactions logged by the customer's owner (three in four), three
# complaints in four resolved within 0 to 71 hours, scores on feedback
# for three indicators, and open and done reminders.
enrich_sql="
UPDATE customers SET created = '2024-12-01T00:00:00Z';
UPDATE customers SET created = printf('2025-%02d-15T00:00:00Z', 1 + id % 12)
  WHERE id % 10 = 0;
UPDATE interactions SET owner = (SELECT owner FROM customers c
  WHERE c.id = customer_id) WHERE id % 4 != 1;
UPDATE interactions SET resolved = strftime('%Y-%m-%dT%H:%M:%SZ', at,
  '+' || (id % 72) || ' hours', '+' || (id % 60) || ' minutes')
  WHERE kind = 'complaint' AND id % 4 != 0;
INSERT INTO scores SELECT id, 'quality', 1 + id % 5 FROM interactions
  WHERE kind = 'feedback';
INSERT INTO scores SELECT id, 'delivery', 1 + (id / 7) % 5 FROM interactions
  WHERE kind = 'feedback' AND id % 2 = 0;
INSERT INTO scores SELECT id, 'service', 1 + (id / 3) % 5 FROM interactions
  WHERE kind = 'feedback' AND id % 3 = 0;
INSERT INTO reminders (customer_id, due, note, owner, done, created)
  SELECT id, printf('2026-%02d-%02dT09:00:00Z', 10 + id % 3, 1 + id % 28),
  'call back', owner, CASE WHEN id % 7 = 0 THEN '2026-11-01T00:00:00Z' END,
  '2026-01-01T00:00:00Z' FROM customers WHERE id % 5 = 0;"

# The same figures asked by hand, as someone who knows the schema would
# write them: one grouped pass per question, formatted as crm prints
# them so that the outputs can be compared.
net="CASE WHEN kind = 'return' THEN -abs(amount) ELSE amount END"
in_p="at >= '$F' AND at < '$T'"
money() {
	echo "printf('%s%d.%02d', CASE WHEN ($1) < 0 THEN '-' ELSE '' END,
	  abs($1) / 100, abs($1) % 100)"
}
pct() {
	echo "CASE WHEN ($2) > 0 THEN printf('%.2f', 100.0 * ($1) / ($2)) END"
}

# The people are the customers counted (crm-report(1)); an
# organisation's own revenue counts under its own groups.
summary_sql="WITH a AS (SELECT customer_id, sum($net) FILTER (WHERE kind IN
  ('purchase', 'return')) AS rev, count(*) FILTER (WHERE kind = 'purchase')
  AS orders FROM interactions WHERE $in_p GROUP BY 1),
s AS (SELECT c.tier, c.industry, c.owner, c.status, c.type = 'person' AS
  person, c.type = 'person' AND c.created >= '$F' AS new,
  c.type = 'person' AND a.customer_id IS NOT NULL AS active,
  coalesce(a.rev, 0) AS rev, coalesce(a.orders, 0) AS orders
  FROM customers c LEFT JOIN a ON a.customer_id = c.id
  WHERE c.created < '$T')
SELECT 'all', NULL, sum(person), sum(new), sum(active),
  $(pct 'sum(active)' 'sum(person)'), $(money 'sum(rev)'), sum(orders) FROM s"
for g in tier industry owner status; do
	summary_sql="$summary_sql UNION ALL SELECT * FROM (SELECT '$g',
	  nullif($g, ''), sum(person), sum(new), sum(active),
	  $(pct 'sum(active)' 'sum(person)'), $(money 'sum(rev)'), sum(orders)
	  FROM s GROUP BY 2 ORDER BY 3 DESC, 2)"
done
summary_sql="$summary_sql;"

activity_sql="SELECT substr(at, 1, 7), count(*)"
for k in call email fax meeting visit web chat purchase return complaint \
    inquiry feedback note; do
	activity_sql="$activity_sql, sum(kind = '$k')"
done
for ch in phone email fax web wechat visit chat other; do
	activity_sql="$activity_sql, sum(channel = '$ch')"
done
activity_sql="$activity_sql, count(DISTINCT customer_id),
  $(pct 'count(DISTINCT customer_id)' "(SELECT count(*) FROM customers
  WHERE created < '$T' AND type = 'person')")
  FROM interactions WHERE $in_p GROUP BY 1 ORDER BY 1;"

sales_sql="SELECT substr(at, 1, 7), $(money "sum($net)"),
  count(*) FILTER (WHERE kind = 'purchase'),
  coalesce(sum(quantity) FILTER (WHERE kind = 'purchase'), 0),
  $(money "CAST(round(1.0 * sum(amount) FILTER (WHERE kind = 'purchase') /
  count(*) FILTER (WHERE kind = 'purchase')) AS INTEGER)"),
  count(*) FILTER (WHERE kind = 'return'),
  $(money "coalesce(sum(abs(amount)) FILTER (WHERE kind = 'return'), 0)")
  FROM interactions WHERE kind IN ('purchase', 'return') AND $in_p
  GROUP BY 1 ORDER BY 1;"

pareto_sql="WITH steps(s) AS (VALUES (10), (20), (30), (40), (50), (60),
  (70), (80), (90), (100)),
r AS (SELECT customer_id AS id, sum($net) AS rev
  FROM interactions WHERE kind IN ('purchase', 'return') AND $in_p
  GROUP BY 1 HAVING rev > 0),
p AS (SELECT row_number() OVER w AS k, count(*) OVER () AS n,
  sum(rev) OVER w AS cum, sum(rev) OVER () AS total FROM r
  WINDOW w AS (ORDER BY rev DESC, id ROWS UNBOUNDED PRECEDING))
SELECT * FROM (SELECT s || '% of customers', k, $(pct k n), $(money cum),
  $(pct cum total) FROM steps JOIN p ON p.k = (s * p.n + 99) / 100
  ORDER BY s)
UNION ALL SELECT * FROM (SELECT '80% of revenue', k, $(pct k n),
  $(money cum), $(pct cum total) FROM p WHERE cum * 100 >= total * 80
  ORDER BY k LIMIT 1);"

hours() {
	echo "CASE WHEN ($1) IS NOT NULL THEN printf('%.1f', ($1) / 3600.0) END"
}
service_sql="WITH c AS (SELECT substr(at, 1, 7) AS period, resolved,
  strftime('%s', resolved) - strftime('%s', at) AS secs FROM interactions
  WHERE kind = 'complaint' AND $in_p),
r AS (SELECT period, secs, row_number() OVER (PARTITION BY period ORDER BY
  secs) AS k, count(*) OVER (PARTITION BY period) AS n FROM c
  WHERE resolved IS NOT NULL),
m AS (SELECT period, max(secs) FILTER (WHERE k = (n + 1) / 2) AS med,
  max(secs) FILTER (WHERE k = (9 * n + 9) / 10) AS p90 FROM r GROUP BY 1),
a AS (SELECT period, count(*) AS opened, count(resolved) AS resolved,
  sum(resolved IS NOT NULL AND secs <= 86400) AS within FROM c GROUP BY 1),
p AS (SELECT substr(at, 1, 7) AS period, count(*) FILTER (WHERE kind =
  'purchase') AS buys, count(*) FILTER (WHERE kind = 'return') AS rets
  FROM interactions WHERE kind IN ('purchase', 'return') AND $in_p
  GROUP BY 1)
SELECT k.period, coalesce(opened, 0), coalesce(resolved, 0),
  coalesce(opened - resolved, 0), $(hours med), $(hours p90),
  $(pct within opened), CASE WHEN buys > 0 THEN
  printf('%.4f', 1.0 * rets / buys) END
  FROM (SELECT period FROM a UNION SELECT period FROM p) k
  LEFT JOIN a USING (period) LEFT JOIN m USING (period)
  LEFT JOIN p USING (period) ORDER BY 1;"

mean() {
	echo "CASE WHEN ($1) IS NOT NULL THEN printf('%.2f', $1) END"
}
sat_sql="WITH r AS (SELECT substr(at, 1, 7) AS period, count(rating) AS n,
  avg(rating) AS mean FROM interactions WHERE $in_p GROUP BY 1),
s AS (SELECT substr(i.at, 1, 7) AS period,
  avg(score) FILTER (WHERE indicator = 'delivery') AS d,
  avg(score) FILTER (WHERE indicator = 'quality') AS q,
  avg(score) FILTER (WHERE indicator = 'service') AS s
  FROM scores JOIN interactions i ON i.id = interaction_id
  WHERE i.$in_p GROUP BY 1)
SELECT period, coalesce(r.n, 0), $(mean r.mean), $(mean d), $(mean q),
  $(mean s), printf('%.1f', (coalesce((d - 1) * 25, 0) +
  coalesce((q - 1) * 25, 0) + coalesce((s - 1) * 25, 0)) /
  nullif((d IS NOT NULL) + (q IS NOT NULL) + (s IS NOT NULL), 0))
  FROM (SELECT period FROM r WHERE n > 0 UNION SELECT period FROM s) k
  LEFT JOIN r USING (period) LEFT JOIN s USING (period) ORDER BY 1;"

# Owners: each interaction credited to its customer's owner (customers
# without one are one row, last), the people of their book, and the
# deals they own (open now, or closed in the period).
owners_sql="WITH b AS (SELECT coalesce(owner, '') AS owner, count(*) AS n
  FROM customers WHERE created < '$T' AND type = 'person' GROUP BY 1),
v AS (SELECT coalesce(c.owner, '') AS owner, count(*) AS n, sum($net)
  FILTER (WHERE kind IN ('purchase', 'return')) AS rev, avg(rating) AS
  rating FROM interactions i JOIN customers c ON c.id = i.customer_id
  WHERE i.$in_p GROUP BY 1),
d AS (SELECT owner, count(*) AS n FROM reminders WHERE done IS NULL AND
  due < '$CRM_NOW' GROUP BY 1),
o AS (SELECT coalesce(c.owner, '') AS owner, count(*) AS n
  FROM interactions i JOIN customers c ON c.id = i.customer_id
  WHERE kind = 'complaint' AND resolved IS NULL GROUP BY 1),
dl AS (SELECT owner, sum(amount) FILTER (WHERE closed IS NULL) AS open,
  sum(amount) FILTER (WHERE stage = 'won' AND closed IS NOT NULL) AS won,
  count(*) FILTER (WHERE stage = 'won' AND closed IS NOT NULL) AS nwon,
  count(closed) AS nclosed FROM deals WHERE owner IS NOT NULL AND
  (closed IS NULL OR (closed >= '$F' AND closed < '$T')) GROUP BY 1)
SELECT nullif(k.owner, ''), coalesce(b.n, 0), coalesce(v.n, 0),
  $(money 'coalesce(v.rev, 0)'), coalesce(d.n, 0), coalesce(o.n, 0),
  $(mean v.rating), $(money 'coalesce(dl.open, 0)'),
  $(money 'coalesce(dl.won, 0)'), $(pct dl.nwon dl.nclosed)
  FROM (SELECT owner FROM b UNION SELECT owner FROM v UNION
  SELECT owner FROM o UNION SELECT owner FROM dl) k
  LEFT JOIN b USING (owner) LEFT JOIN v USING (owner) LEFT JOIN d USING
  (owner) LEFT JOIN o USING (owner) LEFT JOIN dl USING (owner)
  ORDER BY k.owner = '', k.owner;"
