#!/bin/sh
# Issue 16's questions asked of crm, of the sqlite3 shell (hand-written
# SQL over crm's database, the raw interactions) and of DuckDB (the same
# generated CSV files loaded into a DuckDB database), in the same run,
# at two or more sizes to show how each one's cost grows:
#
#   sh bench/questions.sh [C [N1 N2 ...]]
#
# C customers (default 1,000,000) with N1, N2, ... interactions (default
# 2,000,000 and 10,000,000).  For every question and size it prints the
# median seconds of RUNS runs (default 3; the three tools take turns
# within each run), crm's ratio to each anchor and crm's peak RSS; then
# how each tool's time grew from the first size to the last.
#
# The loads are questions too: customers (crm-add --import; sqlite3
# .import into a table with the same unique keys; DuckDB read_csv, the
# duplicates merged by e-mail), then interactions (crm-log --import,
# which finds each row's customer by e-mail; sqlite3 .import into a
# table with the interactions table's indexes, resolving nothing; DuckDB
# read_csv joined to the customers by e-mail).  LOAD_RUNS (default RUNS)
# sets how often; with LOAD_RUNS=0 the loads are not timed and the
# databases of an earlier run are used when they are there.  QUESTIONS
# (default: all of them, as listed at $questions below) names the
# questions to ask, e.g. QUESTIONS="summary owners".
#
# DuckDB comes from the npm package @duckdb/node-api (see common.sh);
# where it cannot be installed its column says "-" and a note says why.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/common.sh"
c=${1:-1000000}
[ $# -gt 0 ] && shift
sizes=${*:-2000000 10000000}
load_runs=${LOAD_RUNS:-$runs}

F=2025-01-01T00:00:00Z
T=2026-01-01T00:00:00Z
export CRM_NOW=2026-11-23T00:00:00Z CRM_USER=bench TZ=UTC
. "$here/report-sql.sh"
. "$here/anchors.sh"
now="TIMESTAMP '2026-11-23 00:00:00'"
df="TIMESTAMP '2025-01-01 00:00:00'"
dt="TIMESTAMP '2026-01-01 00:00:00'"

if duck_setup; then
	has_duck=1
else
	has_duck=0
fi

# DuckDB's loads, as an analyst would write them: the customers merged
# by their e-mail (the first row's fields win, as crm-add --import keeps
# them against a later row of the file; the phone the last row's, the
# earlier number one of the customer's others), numbered in the order of the file (the raw rows go
# through a temporary table, whose rowid keeps that order); each
# interaction's customer found by its e-mail, the interactions numbered
# in no particular order.
duck_load_c() {
	echo "CREATE TEMP TABLE rc AS SELECT * FROM read_csv('$1',
  header = true, all_varchar = true);
CREATE TABLE customers AS SELECT row_number() OVER (ORDER BY first) AS id,
  * EXCLUDE (first) FROM (SELECT min(rowid) AS first,
  lower(trim(\"E-mail Address\")) AS email, max(\"Customer No\") AS no,
  arg_min(\"Full Name\", rowid) AS name, arg_min(Company, rowid) AS company,
  arg_max(\"Mobile Phone\", rowid) AS phone,
  arg_min(Industry, rowid) AS industry, arg_min(Tier, rowid) AS tier,
  arg_min(Owner, rowid) AS owner, arg_min(City, rowid) AS city
  FROM rc GROUP BY 2);"
}
duck_load_i() {
	echo "CREATE TABLE interactions AS SELECT row_number() OVER () AS id,
  c.id AS customer_id, r.\"at\" AS ts, r.kind, r.product, r.quantity,
  CAST(round(r.amount * 100) AS BIGINT) AS amount, r.rating, r.ref
  FROM read_csv('$1', header = true, columns = {'email': 'VARCHAR',
  'at': 'TIMESTAMP', 'kind': 'VARCHAR', 'product': 'VARCHAR',
  'quantity': 'INTEGER', 'amount': 'DECIMAL(12,2)', 'rating': 'INTEGER',
  'ref': 'VARCHAR'}) r JOIN customers c ON c.email = lower(trim(r.email));"
}

# What report-sql.sh's enrich_sql does to crm's database, done to
# DuckDB's (not timed): customers' created and status, interactions'
# owner and resolved, and the reminders.
duck_enrich="ALTER TABLE customers ADD COLUMN created TIMESTAMP;
UPDATE customers SET created = CASE WHEN id % 10 = 0 THEN
  make_timestamp(2025, 1 + id % 12, 15, 0, 0, 0)
  ELSE TIMESTAMP '2024-12-01 00:00:00' END;
ALTER TABLE customers ADD COLUMN status VARCHAR DEFAULT 'active';
CREATE OR REPLACE TABLE interactions AS SELECT i.*,
  CASE WHEN i.id % 4 != 1 THEN c.owner END AS owner,
  CASE WHEN i.kind = 'complaint' AND i.id % 4 != 0 THEN i.ts +
  to_hours(CAST(i.id % 72 AS BIGINT)) + to_minutes(CAST(i.id % 60 AS BIGINT))
  END AS resolved FROM interactions i JOIN customers c
  ON c.id = i.customer_id;
CREATE TABLE reminders AS SELECT id AS customer_id,
  make_timestamp(2026, 10 + id % 3, 1 + id % 28, 9, 0, 0) AS due,
  'call back' AS note, owner, CASE WHEN id % 7 = 0 THEN
  TIMESTAMP '2026-11-01 00:00:00' END AS done FROM customers
  WHERE id % 5 = 0;
CHECKPOINT;"

# The three cadence rules of the morning list.
rules="tier = platinum|14|call
tier = gold|30|call
industry = steel|60|visit"

# Each question: a label, crm's command, the sqlite3 shell's SQL, DuckDB's
# SQL.  Net revenue: returns count against it.
seg="$bin/crm-segment"
rep="$bin/crm-report -o tsv --no-chart --from $F --to $T"
tiers=platinum=20000,gold=10000,silver=5000,general=0
tier_case="CASE WHEN rev >= 2000000 THEN 'platinum' WHEN rev >= 1000000
  THEN 'gold' WHEN rev >= 500000 THEN 'silver' WHEN rev >= 0
  THEN 'general' END"
industries="energy finance food logistics retail steel"

q_rfm_crm="$seg --rfm -f id"
q_rfm_duck="WITH a AS (SELECT customer_id,
  max(ts) FILTER (WHERE kind = 'purchase') AS last,
  count(DISTINCT ref) FILTER (WHERE kind = 'purchase') + count(*) FILTER
  (WHERE kind = 'purchase' AND ref IS NULL) AS f, sum($net) AS m
  FROM interactions WHERE kind IN ('purchase', 'return') GROUP BY 1
  HAVING f > 0), b AS (SELECT customer_id,
  date_diff('second', last, $now) // 86400 AS d, f, m FROM a)
  SELECT customer_id, d, f, m,
  1 + 5 * (CASE WHEN d = min(d) OVER () THEN count(*) OVER () ELSE
  rank() OVER (ORDER BY d DESC) END - 1) // count(*) OVER (),
  1 + 5 * (CASE WHEN f = max(f) OVER () THEN count(*) OVER () ELSE
  rank() OVER (ORDER BY f) END - 1) // count(*) OVER (),
  1 + 5 * (CASE WHEN m = max(m) OVER () THEN count(*) OVER () ELSE
  rank() OVER (ORDER BY m) END - 1) // count(*) OVER () FROM b"

q_pareto_crm="$seg --pareto -f id"
q_pareto_duck="WITH r AS (SELECT c.id, coalesce(sum($net), 0) AS rev
  FROM customers c LEFT JOIN interactions i ON i.customer_id = c.id AND
  i.kind IN ('purchase', 'return') GROUP BY c.id)
  SELECT id, rev, sum(rev) OVER (ORDER BY rev DESC, id
  ROWS UNBOUNDED PRECEDING) FROM r ORDER BY rev DESC, id"

q_tiers_crm="$seg --tiers $tiers -f id"
q_tiers_sql="WITH r AS (SELECT c.id, coalesce(sum($net), 0) AS rev
  FROM customers c LEFT JOIN interactions i ON i.customer_id = c.id AND
  i.kind IN ('purchase', 'return') WHERE c.type = 'person' GROUP BY c.id)
  SELECT id, rev, $tier_case FROM r ORDER BY rev DESC, id;"
q_tiers_duck="WITH r AS (SELECT c.id, coalesce(sum($net), 0) AS rev
  FROM customers c LEFT JOIN interactions i ON i.customer_id = c.id AND
  i.kind IN ('purchase', 'return') GROUP BY c.id)
  SELECT id, rev, $tier_case FROM r ORDER BY rev DESC, id"

# SQLite's best is a correlated lookup per customer through the
# (customer_id, at) index; DuckDB's is one grouped pass.
q_filter_crm="$seg -f id 'last_contact > 90d and revenue > 1000'"
q_filter_sql="SELECT c.id FROM customers c WHERE c.type = 'person' AND
  coalesce((SELECT max(at) FROM interactions WHERE customer_id = c.id) <
  '2026-08-25T00:00:00Z', 1) AND (SELECT coalesce(sum($net), 0)
  FROM interactions WHERE customer_id = c.id AND
  kind IN ('purchase', 'return')) > 100000;"
q_filter_duck="SELECT c.id FROM customers c LEFT JOIN (SELECT customer_id,
  max(ts) AS last, sum($net) FILTER (WHERE kind IN ('purchase', 'return'))
  AS rev FROM interactions GROUP BY 1) a ON a.customer_id = c.id
  WHERE coalesce(a.last < TIMESTAMP '2026-08-25 00:00:00', true)
  AND coalesce(a.rev, 0) > 100000"

q_summary_crm="$rep summary"
q_summary_sql=$summary_sql
q_summary_duck="WITH a AS (SELECT customer_id, sum($net) FILTER (WHERE kind
  IN ('purchase', 'return')) AS rev, count(*) FILTER (WHERE kind =
  'purchase') AS orders FROM interactions WHERE ts >= $df AND ts < $dt
  GROUP BY 1),
s AS (SELECT c.tier, c.industry, c.owner, c.status,
  CAST(c.created >= $df AS INTEGER) AS new,
  CAST(a.customer_id IS NOT NULL AS INTEGER) AS active,
  coalesce(a.rev, 0) AS rev, coalesce(a.orders, 0) AS orders
  FROM customers c LEFT JOIN a ON a.customer_id = c.id WHERE c.created < $dt)
SELECT 'all', NULL, count(*), sum(new), sum(active),
  round(100.0 * sum(active) / count(*), 2), sum(rev), sum(orders) FROM s"
for g in tier industry owner status; do
	q_summary_duck="$q_summary_duck UNION ALL SELECT * FROM (SELECT '$g',
	  nullif($g, ''), count(*), sum(new), sum(active),
	  round(100.0 * sum(active) / count(*), 2), sum(rev), sum(orders)
	  FROM s GROUP BY 2 ORDER BY 3 DESC, 2)"
done

q_owners_crm="$rep owners"
q_owners_sql=$owners_sql
q_owners_duck="WITH b AS (SELECT coalesce(owner, '') AS owner, count(*) AS n
  FROM customers WHERE created < $dt GROUP BY 1),
v AS (SELECT coalesce(c.owner, '') AS owner, count(*) AS n, sum($net)
  FILTER (WHERE kind IN ('purchase', 'return')) AS rev, avg(rating) AS
  rating FROM interactions i JOIN customers c ON c.id = i.customer_id
  WHERE i.ts >= $df AND i.ts < $dt GROUP BY 1),
d AS (SELECT owner, count(*) AS n FROM reminders WHERE done IS NULL AND
  due < $now GROUP BY 1),
o AS (SELECT coalesce(c.owner, '') AS owner, count(*) AS n
  FROM interactions i JOIN customers c ON c.id = i.customer_id
  WHERE kind = 'complaint' AND resolved IS NULL GROUP BY 1)
SELECT nullif(k.owner, ''), coalesce(b.n, 0), coalesce(v.n, 0),
  coalesce(v.rev, 0), coalesce(d.n, 0), coalesce(o.n, 0),
  round(v.rating, 2) FROM (SELECT owner FROM b UNION SELECT owner FROM v
  UNION SELECT owner FROM o) k LEFT JOIN b USING (owner) LEFT JOIN v USING
  (owner) LEFT JOIN d USING (owner) LEFT JOIN o USING (owner)
  ORDER BY k.owner = '', k.owner"

# sales --by month --group industry: one row per month and industry, in
# order of revenue within the month.
q_sales_crm="$rep --by month sales --group industry"
q_sales_duck="SELECT strftime(ts, '%Y-%m'), c.industry, $sales_cols
  FROM interactions i JOIN customers c ON c.id = i.customer_id
  WHERE kind IN ('purchase', 'return') AND ts >= $df AND ts < $dt
  GROUP BY 1, 2 ORDER BY 1, rev DESC"

# The product x industry matrix of net revenue, the industries known.
matrix_cols=
for ind in $industries; do
	matrix_cols="$matrix_cols coalesce(sum($net) FILTER (WHERE
	  c.industry = '$ind'), 0),"
done
q_matrix_crm="$rep sales --matrix product,industry"
q_matrix_sql="SELECT product, $matrix_cols sum($net) AS total
  FROM interactions i JOIN customers c ON c.id = i.customer_id
  WHERE kind IN ('purchase', 'return') AND at >= '$F' AND at < '$T'
  GROUP BY 1 ORDER BY total DESC, 1;"
q_matrix_duck="SELECT product, $matrix_cols sum($net) AS total
  FROM interactions i JOIN customers c ON c.id = i.customer_id
  WHERE kind IN ('purchase', 'return') AND ts >= $df AND ts < $dt
  GROUP BY 1 ORDER BY total DESC, 1"

# The morning crm-remind list: open reminders due, each rule's customers
# due at their last contact plus the rule's interval (never contacted:
# due from the rule's making, now), open complaints past the 24-hour
# SLA; with the customer's columns, in order of due time.  SQLite finds
# a customer's last contact through the (customer_id, at) index; DuckDB
# groups all interactions once.
s_rule_items=
d_rule_items=
n=0
while IFS='|' read -r expr days note; do
	n=$((n + 1))
	field=${expr%% = *}
	value=${expr#* = }
	s_rule_items="$s_rule_items SELECT 'rule:$n:' || c.id AS id,
	  coalesce(strftime('%Y-%m-%dT%H:%M:%SZ', (SELECT max(at) FROM
	  interactions WHERE customer_id = c.id), '+$days days'), '$CRM_NOW')
	  AS due, c.id AS customer_id, '$note' AS note, 'rule' AS source
	  FROM customers c WHERE c.$field = '$value' UNION ALL"
	d_rule_items="$d_rule_items SELECT 'rule:$n:' || c.id AS id,
	  coalesce(l.last + INTERVAL $days DAY, $now) AS due,
	  c.id AS customer_id, '$note' AS note, 'rule' AS source
	  FROM customers c LEFT JOIN l ON l.customer_id = c.id
	  WHERE c.$field = '$value' UNION ALL"
done <<EOF
$rules
EOF
q_remind_crm="$bin/crm-remind -o tsv"
q_remind_sql="WITH items AS ($s_rule_items
  SELECT 'reminder:' || id, due, customer_id, note, 'reminder'
  FROM reminders WHERE done IS NULL UNION ALL
  SELECT 'complaint:' || id, strftime('%Y-%m-%dT%H:%M:%SZ', at,
  '+24 hours'), customer_id, 'Complaint', 'complaint' FROM interactions
  WHERE kind = 'complaint' AND resolved IS NULL)
SELECT it.id, it.due, CAST(julianday('$CRM_NOW') - julianday(it.due) AS
  INTEGER), c.id, c.name, c.company, c.phone, c.email, c.owner, it.note,
  it.source FROM items it JOIN customers c ON c.id = it.customer_id
  WHERE it.due <= '$CRM_NOW'@OWNER@ ORDER BY it.due, it.id;"
q_remind_duck="WITH l AS (SELECT customer_id, max(ts) AS last
  FROM interactions GROUP BY 1),
items AS ($d_rule_items
  SELECT 'reminder:' || customer_id, due, customer_id, note, 'reminder'
  FROM reminders WHERE done IS NULL UNION ALL
  SELECT 'complaint:' || id, ts + INTERVAL 24 HOUR, customer_id,
  'Complaint', 'complaint' FROM interactions
  WHERE kind = 'complaint' AND resolved IS NULL)
SELECT it.id, it.due, date_diff('second', it.due, $now) // 86400, c.id,
  c.name, c.company, c.phone, c.email, c.owner, it.note, it.source
  FROM items it JOIN customers c ON c.id = it.customer_id
  WHERE it.due <= $now@OWNER@ ORDER BY it.due, it.id"

# A morning as a company that keeps its cadences has it (bench/README.md,
# "A kept-up morning"): the same list, the same rules and the same SQL,
# on a copy of the database (morning_build) where every customer but
# one in 997 had a call in the last 13 days, a complaint in 701 is open
# from the last 4 days (the older ones resolved), and the reminders
# due before the last two days are done: a few thousand items.  And one rep's
# list of it (--owner; the anchors take the customer's owner, whose the
# items are here).
rep_owner=alice
q_rep_crm="$q_remind_crm --owner $rep_owner"
q_rep_sql=$(echo "$q_remind_sql" | sed "s/@OWNER@/ AND c.owner = '$rep_owner'/")
q_rep_duck=$(echo "$q_remind_duck" | sed "s/@OWNER@/ AND c.owner = '$rep_owner'/")
q_remind_sql=$(echo "$q_remind_sql" | sed 's/@OWNER@//')
q_remind_duck=$(echo "$q_remind_duck" | sed 's/@OWNER@//')
q_morning_crm=$q_remind_crm
q_morning_sql=$q_remind_sql
q_morning_duck=$q_remind_duck

questions=${QUESTIONS:-"rfm pareto tiers filter summary owners sales matrix remind morning rep"}
label_of() {
	case $1 in
	load_c) echo "load customers" ;;
	load_cd) echo "load customers, --defer-index" ;;
	load_i) echo "load interactions" ;;
	rfm) echo "crm-segment --rfm" ;;
	pareto) echo "crm-segment --pareto" ;;
	tiers) echo "crm-segment --tiers" ;;
	filter) echo "last_contact > 90d and revenue > 1000" ;;
	summary) echo "crm-report summary" ;;
	owners) echo "crm-report owners" ;;
	sales) echo "sales --by month --group industry" ;;
	matrix) echo "sales --matrix product,industry" ;;
	remind) echo "crm-remind, 3 cadence rules" ;;
	morning) echo "crm-remind, a kept-up morning" ;;
	rep) echo "the same, one rep's (--owner)" ;;
	esac
}

# duck_q SQL [FILE]: DuckDB writes a query's rows as CSV, as the others
# print theirs, to FILE (default stdout).  The timed runs write a file of
# their own: DuckDB locks the file it copies to, so two DuckDB runs
# writing to /dev/null at once (another bench) would fail.
duck_q() {
	echo "COPY ($1) TO '${2:-/dev/stdout}' (FORMAT csv, HEADER false);"
}

tmp=$work/questions.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
results=$tmp/results	# question size crm sqlite3 duckdb crm-rss

# row Q SIZE: prints and keeps the medians of the files $tmp/{crm,sql,duck}.
hdr() {
	printf '%-38s %9s %9s %9s %8s %8s %7s\n' question crm sqlite3 DuckDB \
	    crm/sql crm/duck "crm RSS"
}
row() {
	cm=$(median "$tmp/crm")
	sm=$(median "$tmp/sql")
	if [ -s "$tmp/duck" ]; then dm=$(median "$tmp/duck"); else dm="- -"; fi
	echo "$1 $2 ${cm% *} ${sm% *} ${dm% *} ${cm#* }" >>"$results"
	echo "$(label_of "$1") ${cm% *} ${sm% *} ${dm% *} ${cm#* }" | awk '
	    function s(x) { return x == "-" ? "-" : sprintf("%.3fs", x) }
	    function r(a, b) { return b == "-" || b == 0 ? "-" : sprintf("%.2f", a / b) }
	    { n = NF; l = $1; for (i = 2; i <= n - 4; i++) l = l " " $i
	      printf "%-38s %9s %9s %9s %8s %8s %4d MB\n", l, s($(n-3)),
	        s($(n-2)), s($(n-1)), r($(n-3), $(n-2)), r($(n-3), $(n-1)),
	        $n / 1024 }'
	rm -f "$tmp/crm" "$tmp/sql" "$tmp/duck"
}

# dbs_of Q: sets qdb and qddb to the databases question Q is asked of:
# the kept-up morning's copies (morning_build) for morning and rep.
dbs_of() {
	case $1 in
	morning | rep) qdb=$mdb qddb=$mddb ;;
	*) qdb=$db qddb=$ddb ;;
	esac
}

# ask Q: times question Q RUNS times, the three tools taking turns.
ask() {
	eval "ccmd=\$q_$1_crm; ssql=\$q_$1_sql; dsql=\$q_$1_duck"
	dbs_of "$1"
	i=0
	while [ "$i" -lt "$runs" ]; do
		measure sqlite3 "$qdb" "$ssql" >>"$tmp/sql"
		[ "$has_duck" = 0 ] ||
		    measure node "$here/duck.js" "$qddb" \
		    "$(duck_q "$dsql" "$tmp/duck.csv")" >>"$tmp/duck"
		rm -f "$tmp/duck.csv"
		CRM_DB=$qdb measure sh -c "$ccmd" >>"$tmp/crm"
		i=$((i + 1))
	done
	row "$1" "$2"
}

# load N: times the loads LOAD_RUNS times, the three tools taking turns,
# each into a new database; crm's and DuckDB's last are kept.
load() {
	i=0
	while [ "$i" -lt "$load_runs" ]; do
		rm -f "$db" "$db"-* "$ddb" "$ddb".wal "$tmp"/anchor.db*
		sqlite3 "$tmp/anchor.db" "$anchor_c" >/dev/null
		measure -q sqlite3 "$tmp/anchor.db" \
		    ".import --csv --skip 1 $cust c" >>"$tmp/sql"
		[ "$has_duck" = 0 ] ||
		    measure node "$here/duck.js" "$ddb" "$(duck_load_c "$cust")" >>"$tmp/duck"
		CRM_DB=$db measure -q "$bin/crm-add" --import "$cust" \
		    >>"$tmp/crm"
		i=$((i + 1))
	done
	row load_c "$1"
	# The same load leaving its search index to crm index or the first
	# search (--defer-index; bench/README.md says where the cost goes),
	# into a database of its own: the questions read the one above.
	i=0
	while [ "$i" -lt "$load_runs" ]; do
		rm -f "$tmp"/anchor.db* "$tmp"/defer.db*
		sqlite3 "$tmp/anchor.db" "$anchor_c" >/dev/null
		measure -q sqlite3 "$tmp/anchor.db" \
		    ".import --csv --skip 1 $cust c" >>"$tmp/sql"
		CRM_DB=$tmp/defer.db measure -q "$bin/crm-add" --import \
		    --defer-index "$cust" >>"$tmp/crm"
		i=$((i + 1))
	done
	rm -f "$tmp"/defer.db*
	row load_cd "$1"
	i=0
	while [ "$i" -lt "$load_runs" ]; do
		rm -f "$tmp"/anchor.db*
		sqlite3 "$tmp/anchor.db" "$anchor_i" >/dev/null
		measure -q sqlite3 "$tmp/anchor.db" \
		    ".import --csv --skip 1 $ia i" >>"$tmp/sql"
		if [ "$has_duck" = 1 ]; then
			[ "$i" = 0 ] || duck "$ddb" "DROP TABLE interactions"
			measure node "$here/duck.js" "$ddb" "$(duck_load_i "$ia")" >>"$tmp/duck"
		fi
		if [ "$i" -gt 0 ]; then
			# a new database of the same customers for crm-log
			rm -f "$db" "$db"-*
			cp "$tmp/crm-c.db" "$db"
		else
			sqlite3 "$db" ".backup '$tmp/crm-c.db'"
		fi
		CRM_DB=$db measure -q "$bin/crm-log" --import "$ia" >>"$tmp/crm"
		i=$((i + 1))
	done
	rm -f "$tmp"/anchor.db* "$tmp/crm-c.db"
	row load_i "$1"
}

# enrich: what report-sql.sh's enrich_sql adds, the three rules, and in
# DuckDB the same (not timed).
enrich() {
	sqlite3 "$db" "$enrich_sql"
	echo "$rules" | while IFS='|' read -r expr days note; do
		CRM_DB=$db "$bin/crm-remind" rule add "$expr" --every "${days}d" \
		    "$note" >/dev/null
	done
	[ "$has_duck" = 0 ] || duck "$ddb" "$duck_enrich"
	touch "$db.ready"
}

# build: crm's and DuckDB's databases of $cust and $ia, not timed,
# unless those of an earlier run are there.
build() {
	if [ -e "$db.ready" ] &&
	    { [ "$has_duck" = 0 ] || [ -e "$ddb" ]; }; then
		return
	fi
	rm -f "$db" "$db"-* "$db.ready" "$ddb" "$ddb".wal "$mdb.ready"
	CRM_DB=$db "$bin/crm-add" --import "$cust" 2>/dev/null
	CRM_DB=$db "$bin/crm-log" --import "$ia" 2>/dev/null
	if [ "$has_duck" = 1 ]; then
		duck "$ddb" "$(duck_load_c "$cust")"
		duck "$ddb" "$(duck_load_i "$ia")"
	fi
	enrich
}

# The kept-up morning (see q_morning_crm): DuckDB's the same rows, ids of
# its own.
morning_sql="UPDATE reminders SET done = due WHERE done IS NULL AND
  due < '2026-11-21T00:00:00Z';
UPDATE interactions SET resolved = strftime('%Y-%m-%dT%H:%M:%SZ', at,
  '+2 hours') WHERE kind = 'complaint' AND resolved IS NULL AND
  at < '2026-11-01T00:00:00Z';"
duck_morning() {
	echo "INSERT INTO interactions (id, customer_id, ts, kind, ref)
  SELECT (SELECT max(id) FROM interactions) + row_number() OVER (), c.id,
  r.\"at\", r.kind, r.ref FROM read_csv('$1', header = true,
  all_varchar = true) r JOIN customers c ON c.email = lower(trim(r.email));
UPDATE reminders SET done = due WHERE done IS NULL AND
  due < TIMESTAMP '2026-11-21 00:00:00';
UPDATE interactions SET resolved = ts + INTERVAL 2 HOUR
  WHERE kind = 'complaint' AND resolved IS NULL AND
  ts < TIMESTAMP '2026-11-01 00:00:00';
CHECKPOINT;"
}

# morning_build: copies of crm's and DuckDB's databases ($mdb, $mddb)
# made into the kept-up morning, not timed, unless an earlier run's are
# there (and only when a question needs them).
morning_build() {
	case " $questions " in
	*" morning "* | *" rep "*) ;;
	*) return ;;
	esac
	if [ -e "$mdb.ready" ] &&
	    { [ "$has_duck" = 0 ] || [ -e "$mddb" ]; }; then
		return
	fi
	mcsv=$work/morning-$c.csv
	[ -s "$mcsv" ] ||
	    python3 "$here/gen-morning.py" "$c" "${CRM_NOW%%T*}" >"$mcsv.tmp"
	[ -s "$mcsv" ] || mv "$mcsv.tmp" "$mcsv"
	rm -f "$mdb" "$mdb"-* "$mdb.ready" "$mddb" "$mddb".wal
	sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
	cp "$db" "$mdb"
	CRM_DB=$mdb "$bin/crm-log" --import "$mcsv" 2>/dev/null
	sqlite3 "$mdb" "$morning_sql"
	if [ "$has_duck" = 1 ]; then
		cp "$ddb" "$mddb"
		duck "$mddb" "$(duck_morning "$mcsv")"
	fi
	touch "$mdb.ready"
}

echo "$c customers; interactions: $sizes; medians of $runs runs, taking turns"
[ "$has_duck" = 0 ] || echo "DuckDB $duck_version (npm @duckdb/node-api), $(nproc) threads"

# Do they answer the same question?  On a small database, the rows each
# prints (crm's header left out).  The data differ a little (see
# bench/README.md): summary and the morning list may differ by the
# organisations crm makes.
if [ "${BENCH_CHECK:-1}" != 0 ]; then
	gen_data 2000 20000
	db=$work/questions-check.db
	ddb=$work/questions-check.duckdb
	mdb=$work/morning-check.db
	mddb=$work/morning-check.duckdb
	c_run=$c
	c=2000
	build
	morning_build
	c=$c_run
	echo
	echo "Rows of output, 2,000 customers and 20,000 interactions:"
	printf '%-38s %9s %9s %9s\n' question crm sqlite3 DuckDB
	for q in $questions; do
		eval "ccmd=\$q_${q}_crm; ssql=\$q_${q}_sql; dsql=\$q_${q}_duck"
		dbs_of "$q"
		a=$(CRM_DB=$qdb sh -c "$ccmd" | tail -n +2 | wc -l)
		b=$(sqlite3 "$qdb" "$ssql" | wc -l)
		d=-
		[ "$has_duck" = 0 ] || d=$(duck "$qddb" "$(duck_q "$dsql")" | wc -l)
		printf '%-38s %9s %9s %9s\n' "$(label_of "$q")" "$a" "$b" "$d"
	done
fi

for n in $sizes; do
	gen_data "$c" "$n"
	db=$work/questions-$n-$c.db
	ddb=$work/questions-$n-$c.duckdb
	mdb=$work/morning-$n-$c.db
	mddb=$work/morning-$n-$c.duckdb
	echo
	echo "$c customers, $n interactions"
	hdr
	if [ "$load_runs" -gt 0 ]; then
		rm -f "$db.ready" "$mdb.ready"
		load "$n"
		enrich
	fi
	build
	morning_build
	export CRM_DB="$db"
	for q in $questions; do
		ask "$q" "$n"
	done
	# What every run pays before its question: DuckDB's includes
	# starting node and loading the DuckDB library.
	i=0
	while [ "$i" -lt "$runs" ]; do
		measure sqlite3 "$db" "SELECT 1" >>"$tmp/sql"
		[ "$has_duck" = 0 ] ||
		    measure node "$here/duck.js" "$ddb" "SELECT 1" >>"$tmp/duck"
		i=$((i + 1))
	done
	sm=$(median "$tmp/sql")
	if [ -s "$tmp/duck" ]; then dm=$(median "$tmp/duck"); else dm=-; fi
	dm=${dm% *}
	[ "$dm" = - ] || dm=${dm}s
	echo "fixed cost of a run (open, SELECT 1): sqlite3 ${sm% *}s," \
	    "DuckDB $dm"
	rm -f "$tmp/sql" "$tmp/duck"
done

# How each tool's time grew from the first size to the last.
first=${sizes%% *}
last=${sizes##* }
[ "$first" = "$last" ] && exit 0
echo
echo "Growth from $first to $last interactions (time at $last / time at $first):"
printf '%-38s %9s %9s %9s\n' question crm sqlite3 DuckDB
for q in load_c load_cd load_i $questions; do
	a=$(awk -v q="$q" -v n="$first" '$1 == q && $2 == n' "$results")
	b=$(awk -v q="$q" -v n="$last" '$1 == q && $2 == n' "$results")
	[ -n "$a" ] && [ -n "$b" ] || continue
	echo "$(label_of "$q")|$a|$b" | awk -F'|' '
	    function g(x, y) { return x == "-" || y == "-" || x == 0 ? "-" : sprintf("%.2fx", y / x) }
	    { split($2, a, " "); split($3, b, " ")
	      printf "%-38s %9s %9s %9s\n", $1, g(a[3], b[3]), g(a[4], b[4]),
	        g(a[5], b[5]) }'
done
