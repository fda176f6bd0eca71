#!/bin/sh
# crm-report's pipeline and forecast against hand-written SQL in the
# sqlite3 shell on the same database, in the same run: N deals (default
# 100,000) on C customers (default 100,000), imported by crm-deal itself
# (the import's time is printed too).  Target 1.2x.
set -eu
n=${1:-100000}
c=${2:-100000}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/common.sh"
cust=$work/customers-$c.csv
deals=$work/deals-$n-$c.csv
db=$work/deals-$n-$c.db
[ -s "$cust" ] || python3 "$here/gen-customers.py" "$c" >"$cust"
[ -s "$deals" ] || python3 "$here/gen-deals.py" "$n" "$c" >"$deals"
export CRM_NOW=2026-11-23T00:00:00Z CRM_DB="$db" CRM_USER=bench
if [ ! -s "$db" ]; then
	"$bin/crm-add" --import "$cust" 2>/dev/null
	python3 "$here/measure.py" "$bin/crm-deal" --import "$deals" |
	    awk -v n="$n" '{ printf "crm-deal --import of %d deals: %.2fs, peak RSS %d MB\n", n, $1, $2 / 1024 }'
fi

# The same questions asked by hand: a deal's probability is its outcome's
# when closed, else its own, else its stage's; weighted is rounded per deal.
prob="CASE d.stage WHEN 'won' THEN 100 WHEN 'lost' THEN 0 ELSE
  coalesce(d.probability, s.probability, 0) END"
pipeline_sql="SELECT d.stage, count(*), sum(d.amount),
  sum((d.amount * $prob + 50) / 100),
  round(avg(julianday('$CRM_NOW') - julianday(d.created)), 1)
  FROM deals d LEFT JOIN stages s ON s.name = d.stage
  WHERE d.closed IS NULL GROUP BY d.stage ORDER BY min(s.position);"
forecast_sql="SELECT substr(d.close, 1, 7), count(*), sum(d.amount),
  sum((d.amount * $prob + 50) / 100),
  coalesce(sum(d.amount) FILTER (WHERE $prob >= 75), 0)
  FROM deals d LEFT JOIN stages s ON s.name = d.stage
  WHERE d.closed IS NULL AND d.close >= '2026-11-23' AND
  d.close < '2027-11-23' GROUP BY 1 ORDER BY 1;"

pair() {	# label, crm command, SQL
	a=$(python3 "$here/measure.py" sqlite3 "$db" "$3")
	b=$(python3 "$here/measure.py" sh -c "$2")
	echo "$a $b" | awk -v l="$1" '{ printf "%-34s sqlite3 %6.2fs  crm %6.2fs  ratio %.2f  crm peak RSS %d MB\n", l, $1, $3, $3 / $1, $4 / 1024 }'
}

echo "$n deals on $c customers"
pair "crm-report pipeline" "$bin/crm-report -o tsv --no-chart pipeline" \
    "$pipeline_sql"
pair "crm-report forecast (12 months)" \
    "$bin/crm-report -o tsv --no-chart forecast --from 2026-11-23 --to 2027-11-23" \
    "$forecast_sql"
# The list's order: open deals first, by expected close.
pair "crm-deal 'stage = proposal ...'" \
    "$bin/crm-deal -o tsv -f id 'stage = proposal and amount > 10000'" \
    "SELECT d.id FROM deals d JOIN customers c ON c.id = d.customer_id
     WHERE d.stage = 'proposal' AND d.amount > 1000000 ORDER BY
     d.closed IS NOT NULL, d.close IS NULL, d.close, d.id;"
