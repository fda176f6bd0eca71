#!/bin/sh
# Organisations' roll-ups against hand-written SQL in the sqlite3 shell on
# the same database, in the same run: C customers (default 1,000,000) in
# O organisations (default 100,000), with N interactions (default
# 2,000,000) on the people; the organisations are made and linked with
# SQL, as if imported.  Target 1.5x.
set -eu
c=${1:-1000000}
o=${2:-100000}
n=${3:-2000000}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/common.sh"
db=$work/orgs-$c-$o-$n.db
gen_data "$c" "$n"
export CRM_NOW=2026-11-23T00:00:00Z CRM_DB="$db" CRM_USER=bench
if [ ! -s "$db" ]; then
	"$bin/crm-add" --import "$cust" 2>/dev/null
	"$bin/crm-log" --import "$ia" 2>/dev/null
	sqlite3 "$db" "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1
	  FROM k WHERE i < $o) INSERT INTO customers (type, name, org_key,
	  created, updated) SELECT 'org', 'Org ' || i, 'org ' || i,
	  '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM k;
	  UPDATE customers SET org_id = (SELECT max(id) FROM customers) - $o
	  + 1 + id % $o WHERE type = 'person';"
fi

net="CASE WHEN kind = 'return' THEN -abs(amount) ELSE amount END"
# Each organisation's net revenue, its own and its people's.
rev="SELECT o.id, coalesce(sum($net), 0) AS rev FROM customers o
  LEFT JOIN customers p ON p.org_id = o.id OR p.id = o.id
  LEFT JOIN interactions i ON i.customer_id = p.id AND
  i.kind IN ('purchase', 'return') WHERE o.type = 'org' GROUP BY o.id"
pareto_sql="WITH r AS ($rev) SELECT id, rev, sum(rev) OVER (ORDER BY rev
  DESC, id ROWS UNBOUNDED PRECEDING) FROM r ORDER BY rev DESC, id;"
filter_sql="WITH r AS ($rev) SELECT id FROM r WHERE rev > 10000000;"

pair() {	# label, crm command, SQL
	a=$(python3 "$here/measure.py" sqlite3 "$db" "$3")
	b=$(python3 "$here/measure.py" sh -c "$2")
	echo "$a $b" | awk -v l="$1" '{ printf "%-34s sqlite3 %6.2fs  crm %6.2fs  ratio %.2f  crm peak RSS %d MB\n", l, $1, $3, $3 / $1, $4 / 1024 }'
}

echo "$c customers in $o organisations, $n interactions"
pair "crm-segment --orgs --pareto" "$bin/crm-segment --orgs --pareto -f id" \
    "$pareto_sql"
pair "crm-segment --orgs 'revenue > 100000'" \
    "$bin/crm-segment --orgs -f id 'revenue > 100000'" "$filter_sql"
