#!/bin/sh
# crm-segment --risk and the risk filter names against the same signals
# written by hand in SQL for the sqlite3 shell, on the same database in the
# same run: C customers (default 1,000,000) with N interactions (default
# 10,000,000), imported by crm itself, then invoices and payments for a
# tenth of the customers (schema 7) and credit limits for some.  Prints
# each pair's seconds, the ratio (target 1.5x) and crm's peak memory.
#
# First the two must agree: the ids crm lists at each level are the ids
# the hand-written SQL finds, or the timing compares different work.
set -eu
n=${1:-10000000}
c=${2:-1000000}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/common.sh"
gen_data "$c" "$n"
db=$work/risk-$n-$c.db
# The generated interactions fall in 2025: now is in its autumn, so that
# some customers have bought since and some not.
export CRM_NOW=2025-10-01T00:00:00Z CRM_USER=bench TZ=UTC CRM_DB="$db"
now=$CRM_NOW
if [ ! -s "$db" ]; then
	"$bin/crm-add" --import "$cust" 2>/dev/null
	"$bin/crm-log" --import "$ia" 2>/dev/null
	sqlite3 "$db" "
	INSERT INTO interactions (customer_id, at, kind, amount, ref, due, created)
	  SELECT id, printf('2025-%02d-10T00:00:00Z', 1 + id % 9), 'invoice',
	  10000 + id % 50000, 'INV-' || id, printf('2025-%02d-10T00:00:00Z',
	  2 + id % 9), '2025-01-01T00:00:00Z' FROM customers WHERE id % 10 = 0;
	INSERT INTO interactions (customer_id, at, kind, amount, ref, created)
	  SELECT id, printf('2025-%02d-20T00:00:00Z', 1 + id % 9), 'payment',
	  (10000 + id % 50000) * (id % 3) / 2, 'INV-' || id,
	  '2025-01-01T00:00:00Z' FROM customers WHERE id % 10 = 0;
	UPDATE customers SET credit_limit = 20000 WHERE id % 7 = 0;"
fi

# The same signals by hand (crm-segment(1), Risk), with the defaults:
# gap 2, gap_min 3, period 90d, drop 50%, rate 2, min 3.  Gaps and rates
# are over orders: a customer's purchases with one ref are one, at its
# first line's time, a purchase without a ref one of its own.
net="CASE WHEN kind = 'return' THEN -abs(amount) ELSE amount END"
a=$(date -u -d "$now - 90 days" +%Y-%m-%dT%H:%M:%SZ)
b=$(date -u -d "$now - 180 days" +%Y-%m-%dT%H:%M:%SZ)
hand_sql="WITH od AS (SELECT customer_id, min(at) AS at FROM interactions WHERE
  kind = 'purchase' AND at < '$now' GROUP BY customer_id, ref, CASE WHEN
  ref IS NULL THEN id END),
g AS (SELECT customer_id AS id, julianday(at) - julianday(lag(at)
  OVER w) AS d, count(*) OVER (PARTITION BY customer_id) AS n, max(at) OVER
  (PARTITION BY customer_id) AS last FROM od WINDOW w AS (PARTITION BY
  customer_id ORDER BY at)),
r AS (SELECT id, d, n, last, row_number() OVER (PARTITION BY id ORDER BY d)
  AS k FROM g WHERE d IS NOT NULL AND n >= 3),
gap AS (SELECT id FROM r WHERE k IN (n / 2, (n + 1) / 2) GROUP BY id
  HAVING avg(d) > 0 AND julianday('$now') - julianday(max(last)) > 2 *
  avg(d)),
dr AS (SELECT customer_id AS id FROM interactions WHERE kind IN
  ('purchase', 'return') AND at >= '$b' AND at < '$now' GROUP BY 1 HAVING
  sum($net) FILTER (WHERE at < '$a') > 0 AND coalesce(sum($net) FILTER
  (WHERE at >= '$a'), 0) * 100.0 < sum($net) FILTER (WHERE at < '$a') * 50),
t AS (SELECT customer_id AS id, count(DISTINCT ref) FILTER (WHERE kind =
  'purchase') + sum(kind = 'purchase' AND ref IS NULL) AS p, sum(kind =
  'complaint') AS c, sum(kind = 'return') AS r FROM interactions WHERE kind
  IN ('purchase', 'complaint', 'return') AND at < '$now' GROUP BY 1),
co AS (SELECT 1.0 * sum(c) / sum(p) AS c, 1.0 * sum(r) / sum(p) AS r FROM t),
cp AS (SELECT id FROM t, co WHERE p >= 3 AND t.c >= 2 AND 1.0 * t.c / p >
  2 * co.c),
rp AS (SELECT id FROM t, co WHERE p >= 3 AND t.r >= 2 AND 1.0 * t.r / p >
  2 * co.r),
o AS (SELECT i.customer_id AS id, i.due, max(0, i.amount - coalesce((SELECT
  sum(amount) FROM interactions p WHERE p.kind = 'payment' AND
  p.customer_id = i.customer_id AND p.ref = i.ref AND p.at < '$now'), 0))
  AS open FROM interactions i WHERE i.kind = 'invoice' AND i.at < '$now'),
rc AS (SELECT o.id FROM o JOIN customers c ON c.id = o.id GROUP BY o.id
  HAVING sum(open) FILTER (WHERE due < '$now') > 0 OR sum(open) >
  max(c.credit_limit)),
s AS (SELECT id, 0 AS rc FROM gap UNION ALL SELECT id, 0 FROM dr UNION ALL
  SELECT id, 0 FROM cp UNION ALL SELECT id, 0 FROM rp UNION ALL SELECT id, 1
  FROM rc)
SELECT s.id, CASE WHEN max(rc) = 1 OR count(*) >= 2 THEN 'high' ELSE
  'medium' END FROM s JOIN customers c ON c.id = s.id AND c.type = 'person'
  GROUP BY s.id ORDER BY s.id;"

pair() {	# label, crm command, SQL
	x=$(python3 "$here/measure.py" sqlite3 "$db" "$3")
	y=$(python3 "$here/measure.py" sh -c "$2")
	echo "$x $y" | awk -v l="$1" '{ printf "%-36s sqlite3 %6.2fs  crm %6.2fs  ratio %.2f  crm peak RSS %d MB\n", l, $1, $3, $3 / $1, $4 / 1024 }'
}

echo "$c customers, $n interactions"
# They agree, level by level.
sqlite3 -separator '	' "$db" "$hand_sql" >"$work/risk-hand.tsv"
"$bin/crm-segment" --risk -f id,level | tail -n +2 | sort -n >"$work/risk-crm.tsv"
if cmp -s "$work/risk-hand.tsv" "$work/risk-crm.tsv"; then
	echo "agree: $(wc -l <"$work/risk-crm.tsv") customers at risk," \
	    "$(grep -c high "$work/risk-crm.tsv") high"
else
	echo "crm-segment --risk and the hand-written SQL differ" >&2
	diff "$work/risk-hand.tsv" "$work/risk-crm.tsv" | head >&2
	exit 1
fi
pair "crm-segment --risk" "$bin/crm-segment --risk -f id,level" "$hand_sql"
pair "crm-segment --count 'risk = high'" \
    "$bin/crm-segment --count 'risk = high'" "$hand_sql"
pair "crm-report risk" "$bin/crm-report risk --from 2025-01-01 --to $now" \
    "$hand_sql"
