#!/bin/sh
# crm-segment and crm-report against hand-written SQL in the sqlite3 shell
# on the same database, in the same run: C customers (default 1,000,000)
# with N interactions (default 10,000,000), imported by crm itself.
# Prints each pair's seconds and the ratio (target 1.5x), and crm's peak
# memory, which must not grow with the number of interactions.
set -eu
n=${1:-10000000}
c=${2:-1000000}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/common.sh"
db=$work/segment-$n-$c.db
gen_data "$c" "$n"
if [ ! -s "$db" ]; then
	CRM_DB=$db "$bin/crm-add" --import "$cust" 2>/dev/null
	CRM_DB=$db "$bin/crm-log" --import "$ia" 2>/dev/null
fi
export CRM_NOW=2026-11-23T00:00:00Z CRM_DB="$db" CRM_USER=bench

# The same question asked by hand.  Net revenue: returns count against it.
net="CASE WHEN kind = 'return' THEN -abs(amount) ELSE amount END"
rfm_sql="WITH b AS (SELECT customer_id, CAST(julianday('$CRM_NOW') -
  julianday(max(at) FILTER (WHERE kind = 'purchase')) AS INTEGER) AS d,
  count(DISTINCT ref) FILTER (WHERE kind = 'purchase') + count(*) FILTER
  (WHERE kind = 'purchase' AND ref IS NULL) AS f, sum($net) AS m
  FROM interactions WHERE kind IN ('purchase', 'return') GROUP BY 1
  HAVING f > 0) SELECT customer_id, d, f, m,
  1 + 5 * (rank() OVER (ORDER BY d DESC) - 1) / count(*) OVER (),
  1 + 5 * (rank() OVER (ORDER BY f) - 1) / count(*) OVER (),
  1 + 5 * (rank() OVER (ORDER BY m) - 1) / count(*) OVER () FROM b;"
pareto_sql="WITH r AS (SELECT c.id, coalesce(sum($net), 0) AS rev
  FROM customers c LEFT JOIN interactions i ON i.customer_id = c.id AND
  i.kind IN ('purchase', 'return') GROUP BY c.id) SELECT id, rev,
  sum(rev) OVER (ORDER BY rev DESC, id ROWS UNBOUNDED PRECEDING)
  FROM r ORDER BY rev DESC, id;"
filter_sql="SELECT c.id FROM customers c WHERE coalesce((SELECT max(at)
  FROM interactions WHERE customer_id = c.id) < '2026-08-25T00:00:00Z', 1)
  AND (SELECT coalesce(sum($net), 0) FROM interactions WHERE customer_id
  = c.id AND kind IN ('purchase', 'return')) > 100000;"
sales_sql="SELECT substr(at, 1, 7), sum($net), count(*) FILTER (WHERE kind
  = 'purchase'), sum(quantity) FILTER (WHERE kind = 'purchase'),
  round(1.0 * sum(amount) FILTER (WHERE kind = 'purchase') / count(*)
  FILTER (WHERE kind = 'purchase')), count(*) FILTER (WHERE kind =
  'return'), sum(abs(amount)) FILTER (WHERE kind = 'return')
  FROM interactions WHERE kind IN ('purchase', 'return') AND
  at >= '2025-11-24' AND at < '2026-11-24' GROUP BY 1;"

pair() {	# label, crm command, SQL
	a=$(python3 "$here/measure.py" sqlite3 "$db" "$3")
	b=$(python3 "$here/measure.py" sh -c "$2")
	echo "$a $b" | awk -v l="$1" '{ printf "%-34s sqlite3 %6.2fs  crm %6.2fs  ratio %.2f  crm peak RSS %d MB\n", l, $1, $3, $3 / $1, $4 / 1024 }'
}

echo "$c customers, $n interactions"
pair "crm-segment --rfm" "$bin/crm-segment --rfm -f id" "$rfm_sql"
pair "crm-segment --pareto" "$bin/crm-segment --pareto -f id" "$pareto_sql"
pair "last_contact > 90d and revenue > 1000" \
    "$bin/crm-segment -f id 'last_contact > 90d and revenue > 1000'" \
    "$filter_sql"
pair "crm-report sales (12 months)" "$bin/crm-report -o tsv --no-chart sales" \
    "$sales_sql"
