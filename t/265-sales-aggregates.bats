#!/usr/bin/env bats
# Test plan: schema 10's sales per customer, month and product
# (cust_sales, cust_split; lib/agg.c, share/crm/migrate-10.sql) and the
# reports that read them (crm-report summary, sales, --matrix).
#   - crm-log: the cells worked out by hand: an order of two products
#     counted in each product's cell and once in the month
#     (month_orders, under its least product), a purchase without a
#     product (X''), a return, an order in two months (cust_split)
#   - crm check silent after each kind of write: log, import (into an
#     empty database and into history), resolve, merge, erase, undo,
#     the migration from schema 8; and loud, naming customer, month and
#     product, when a figure is kept wrong
#   - an import into an empty table (added up in C, lib/aggscan.c):
#     every table's figures by hand, lines without a product in an
#     order with one, an order in two months and two years
#   - the reports over a period that is not whole months (2025-01-15 to
#     2025-03-10), and whole months, and in time zones whose midnights
#     are not UTC's: the same figures as SQL over the raw interactions
#     (sqlite3), for sales by month (by product, by industry, none), by
#     quarter and week, the matrix, and summary's revenue, orders and
#     active customers
#   - the whole months added up in C (lib/tally.c: summary, owners,
#     sales, the matrix, monthly) print what SQL prints when the tally
#     is bounded to nothing (CRM_TALLY_MAX=0), over whole months and
#     edges, with --group and --where

load helper

agg_ok() {
	run --separate-stderr crm check
	status_is 0
	eq "$output" ""
}

cells() {
	sql "SELECT customer_id, month, CASE WHEN typeof(product) = 'blob'
	    THEN '-' ELSE product END, purchases, units, amount, priced,
	    returns, returned, orders, month_orders FROM cust_sales
	    ORDER BY 1, 2, 3"
}

# Ann (steel) buys either side of the period's edges and in February,
# an order of two products each time; Bob (food) has order B1 in
# February and March; Cy (steel) a purchase without product or amount
# and a return logged negative.
seed() {
	crm-add -n Ann -e ann@example.com -i steel -T gold >/dev/null
	crm-add -n Bob -e bob@example.com -i food -T silver >/dev/null
	crm-add -n Cy -e cy@example.com -i steel >/dev/null
	local a=ann@example.com b=bob@example.com c=cy@example.com
	crm-log --at 2025-01-10 --amount 100 --qty 2 --product valve --ref A1 $a purchase
	crm-log --at 2025-01-20 --amount 50 --qty 1 --product valve --ref A2 $a purchase
	crm-log --at 2025-01-20 --amount 30 --qty 3 --product pump --ref A2 $a purchase
	crm-log --at 2025-02-05 --amount 70 --qty 1 --product valve --ref A3 $a purchase
	crm-log --at 2025-02-05 --amount 20 --qty 1 --product pump --ref A3 $a purchase
	crm-log --at 2025-02-10 --amount 10 $a purchase
	crm-log --at 2025-02-11 --amount 15 --product valve --ref R1 $a return
	crm-log --at 2025-03-05 --amount 40 --qty 4 --product pump --ref A4 $a purchase
	crm-log --at 2025-03-20 --amount 99 --product pump --ref A5 $a purchase
	crm-log --at 2025-02-20 --amount 60 --qty 2 --product valve --ref B1 $b purchase
	crm-log --at 2025-03-02 --amount 25 --qty 1 --product pump --ref B1 $b purchase
	crm-log --at 2025-02-21 $b call
	# crm-log wants an amount; older data may have none
	sql "INSERT INTO interactions (customer_id, at, kind, ref, created)
	    VALUES (3, '2025-02-15T00:00:00Z', 'purchase', 'C1', '$CRM_NOW')"
	crm-log --at 2025-02-16 --amount -5 --product pump $c return
	# either side of a UTC midnight that is no local one
	crm-log --at 2025-02-01T02:00:00Z --amount 7 --product valve --ref A6 $a purchase
	crm-log --at 2025-03-01T03:00:00Z --amount 8 --product valve --ref B2 $b purchase
} >/dev/null

# Ann's cells: January valve A1 + A2 (2 orders; both orders' least
# product in January: A1 valve, A2 pump), pump A2; February the
# product-less purchase (X'', least of all), pump A3 (A3's least), valve
# A3 + A6 + the return (its orders: A3 and A6, month_orders A6 only);
# March pump A4 + A5.  Bob: February valve B1, March pump B1 and valve
# B2 (B2's least: only itself), and he is split (B1 in two months).  Cy:
# February pump (the return) and C1 without product nor amount.
CELLS="1|2025-01|pump|1|3|3000|1|0|0|1|1
1|2025-01|valve|2|3|15000|2|0|0|2|1
1|2025-02|-|1|0|1000|1|0|0|1|1
1|2025-02|pump|1|1|2000|1|0|0|1|1
1|2025-02|valve|2|1|7700|3|1|1500|2|1
1|2025-03|pump|2|4|13900|2|0|0|2|2
2|2025-02|valve|1|2|6000|1|0|0|1|1
2|2025-03|pump|1|1|2500|1|0|0|1|1
2|2025-03|valve|1|0|800|1|0|0|1|1
3|2025-02|-|1|0|0|0|0|0|1|1
3|2025-02|pump|0|0|0|1|1|500|0|0"

@test "crm-log: the cells by hand, an order of two products once in its month, an order in two months" {
	only_on sqlite "the sales cells (cust_sales, cust_split) are SQLite's schema 10; PostgreSQL's reports read the raw rows (crm_db_cells), and t/500 checks them"
	seed
	eq "$(cells)" "$CELLS"
	eq "$(sql 'SELECT * FROM cust_split')" "2|1"
	agg_ok
}

@test "crm check after every kind of write: resolve, merge, erase, undo" {
	only_on sqlite "the sales cells (cust_sales, cust_split) are SQLite's schema 10; PostgreSQL's reports read the raw rows (crm_db_cells), and t/500 checks them"
	seed
	crm-log --at 2025-02-12 ann@example.com complaint late >/dev/null
	crm-log --resolve 17 --at 2025-02-13 fixed >/dev/null
	agg_ok
	# Bob's orders into Ann's: B1 is hers now, still in two months
	crm-add --merge ann@example.com bob@example.com >/dev/null
	eq "$(sql 'SELECT * FROM cust_split')" "1|1"
	eq "$(sql "SELECT purchases, amount, orders, month_orders FROM
	    cust_sales WHERE customer_id = 1 AND month = '2025-02' AND
	    product = 'valve'")" "3|13700|3|2"
	agg_ok
	crm undo >/dev/null 2>&1
	eq "$(cells)" "$CELLS"
	eq "$(sql 'SELECT * FROM cust_split')" "2|1"
	agg_ok
	# the purchase that made B1 two months' goes, and undo brings it back
	sql "DELETE FROM interactions WHERE ref = 'B1' AND at LIKE '2025-03%'"
	eq "$(sql 'SELECT count(*) FROM cust_split')" 0
	agg_ok
	crm-log --at 2025-03-02 --amount 25 --qty 1 --product pump --ref B1 bob@example.com purchase >/dev/null
	eq "$(sql 'SELECT * FROM cust_split')" "2|1"
	crm undo >/dev/null 2>&1
	eq "$(sql 'SELECT count(*) FROM cust_split')" 0
	agg_ok
	crm-add --erase cy@example.com --yes >/dev/null 2>&1
	eq "$(sql 'SELECT count(*) FROM cust_sales WHERE customer_id = 3')" 0
	agg_ok
}

@test "crm check after updates that move a row between cells, orders and months" {
	only_on sqlite "the sales cells (cust_sales, cust_split) are SQLite's schema 10; PostgreSQL's reports read the raw rows (crm_db_cells), and t/500 checks them"
	seed
	# A3's valve line to pump: A3 all pump in February; then to March
	sql "UPDATE interactions SET product = 'pump' WHERE ref = 'A3' AND product = 'valve'"
	eq "$(sql "SELECT purchases, orders, month_orders FROM cust_sales WHERE
	    customer_id = 1 AND month = '2025-02' AND product = 'pump'")" "2|1|1"
	agg_ok
	sql "UPDATE interactions SET at = '2025-03-01T00:00:00Z' WHERE ref = 'A3' AND amount = 7000"
	eq "$(sql 'SELECT * FROM cust_split ORDER BY 1')" "1|1
2|1"
	agg_ok
	sql "UPDATE interactions SET kind = 'return' WHERE ref = 'A3'"
	eq "$(sql 'SELECT * FROM cust_split ORDER BY 1')" "2|1"
	agg_ok
	sql "UPDATE interactions SET ref = NULL, product = NULL WHERE ref = 'B1'"
	eq "$(sql 'SELECT count(*) FROM cust_split')" 0
	agg_ok
}

@test "crm check after imports: into an empty database, into history, again" {
	only_on sqlite "the sales cells (cust_sales, cust_split) are SQLite's schema 10; PostgreSQL's reports read the raw rows (crm_db_cells), and t/500 checks them"
	crm-add -n Ann -e ann@example.com >/dev/null
	crm-add -n Bob -e bob@example.com >/dev/null
	cat >orders.csv <<-EOF
	email,at,kind,product,amount,quantity,ref
	ann@example.com,2025-01-05T10:00:00Z,purchase,valve,100,2,A1
	ann@example.com,2025-01-05T11:00:00Z,purchase,pump,50,1,A1
	bob@example.com,2025-02-10,purchase,valve,20,4,B1
	bob@example.com,2025-03-10,purchase,valve,20,4,B1
	EOF
	crm-log --import orders.csv >/dev/null 2>&1
	eq "$(cells)" "1|2025-01|pump|1|1|5000|1|0|0|1|1
1|2025-01|valve|1|2|10000|1|0|0|1|0
2|2025-02|valve|1|4|2000|1|0|0|1|1
2|2025-03|valve|1|4|2000|1|0|0|1|1"
	eq "$(sql 'SELECT * FROM cust_split')" "2|1"
	agg_ok
	printf 'email,at,kind,product,amount,ref\nann@example.com,2025-02-01,purchase,valve,5,A1\n' >more.csv
	crm-log --import more.csv >/dev/null 2>&1
	eq "$(sql 'SELECT * FROM cust_split ORDER BY 1')" "1|1
2|1"
	agg_ok
	before="$(cells)"
	crm-log --import orders.csv >/dev/null 2>&1
	eq "$(cells)" "$before"
	agg_ok
}

# An import into an empty table is added up in C (lib/aggscan.c), not by
# the SQL crm check recounts with: lines without a product in an order
# with one (X'' sorts after every text: the order's month counts under
# the product), an order in two months and two years, a purchase
# without a ref, a return, ratings, a complaint.
@test "crm-log --import into an empty table: every table's figures by hand, lines without a product in an order" {
	only_on sqlite "the sales cells (cust_sales, cust_split) are SQLite's schema 10; PostgreSQL adds them up by its SQL"
	crm-add -n Ann -e ann@example.com >/dev/null
	crm-add -n Bob -e bob@example.com >/dev/null
	cat >orders.csv <<-EOF
	email,at,kind,product,amount,quantity,ref,rating
	ann@example.com,2025-01-05T10:00:00Z,purchase,valve,100,2,A1,
	ann@example.com,2025-01-06T10:00:00Z,purchase,,30,1,A1,
	ann@example.com,2025-01-07T10:00:00Z,purchase,pump,10,,A2,4
	ann@example.com,2025-01-08T10:00:00Z,purchase,,5,,A2,
	ann@example.com,2025-02-01T10:00:00Z,purchase,valve,20,,A1,
	ann@example.com,2025-02-02T10:00:00Z,return,valve,15,,R1,
	ann@example.com,2025-02-03T10:00:00Z,purchase,,7,,,2
	ann@example.com,2024-12-30T10:00:00Z,purchase,pump,9,,A1,
	bob@example.com,2025-03-01T10:00:00Z,call,,,,,
	bob@example.com,2025-03-02T10:00:00Z,complaint,,,,T1,1
	bob@example.com,2025-03-03T10:00:00Z,purchase,valve,5,,B1,
	EOF
	crm-log --import orders.csv >/dev/null 2>&1
	# January: A1 is valve and a line without product, A2 pump and one
	# without: each order once in each cell, its month under valve and
	# pump, none under the product-less cell
	eq "$(cells)" "1|2024-12|pump|1|0|900|1|0|0|1|1
1|2025-01|-|2|1|3500|2|0|0|2|0
1|2025-01|pump|1|0|1000|1|0|0|1|1
1|2025-01|valve|1|2|10000|1|0|0|1|1
1|2025-02|-|1|0|700|1|0|0|1|1
1|2025-02|valve|1|0|2000|2|1|1500|1|1
2|2025-03|valve|1|0|500|1|0|0|1|1"
	eq "$(sql 'SELECT * FROM cust_split')" "1|1"
	# Ann: A1, A2 and the purchase without a ref
	eq "$(sql 'SELECT * FROM cust_orders ORDER BY 1')" "1|3
2|1"
	# 2025: A1 and A2 in January, A1 in February, the one without a ref
	eq "$(sql 'SELECT * FROM cust_years ORDER BY 1, 2')" "1|2024|1|900|1|0|0
1|2025|7|15700|4|6|2
2|2025|3|500|1|1|1"
	eq "$(sql 'SELECT * FROM cust_totals ORDER BY 1')" "1|8|2024-12-30T10:00:00Z|2025-02-03T10:00:00Z|7|3|16600|2024-12-30T10:00:00Z|2025-02-03T10:00:00Z|1|0|0|6|2
2|3|2025-03-01T10:00:00Z|2025-03-03T10:00:00Z|1|0|500|2025-03-03T10:00:00Z|2025-03-03T10:00:00Z|0|1|1|1|1"
	eq "$(sql 'SELECT * FROM cust_periods ORDER BY 1, 2')" "1|2024-12|1|2024-12-30T10:00:00Z|1|0|900|2024-12-30T10:00:00Z|0|0|0|0|0
1|2025-01|4|2025-01-08T10:00:00Z|4|3|14500|2025-01-08T10:00:00Z|0|0|0|4|1
1|2025-02|3|2025-02-03T10:00:00Z|2|0|1200|2025-02-03T10:00:00Z|1|0|0|2|1
2|2025-03|3|2025-03-03T10:00:00Z|1|0|500|2025-03-03T10:00:00Z|0|1|1|1|1"
	agg_ok
}

@test "a database of schema 8 gets its sales figures from its rows, and again" {
	only_on sqlite "the sales cells (cust_sales, cust_split) are SQLite's schema 10; PostgreSQL's reports read the raw rows (crm_db_cells), and t/500 checks them"
	seed
	# schema 10's objects gone and 8 run again: its agg_add, agg_sub and
	# triggers, which 10 replaces
	sql "DROP TABLE cust_sales; DROP TABLE cust_split; DROP VIEW agg_put;
	    DROP VIEW agg_fix; DROP TRIGGER agg_interactions_ai;
	    DROP TRIGGER agg_interactions_ad; DROP TRIGGER agg_interactions_au;
	    PRAGMA user_version = 7"
	crm-segment --count >/dev/null
	eq "$(sql 'PRAGMA user_version')" "$SCHEMA"
	eq "$(sql "SELECT count(*) FROM sqlite_schema WHERE name IN
	    ('agg_add', 'agg_sub', 'agg_add_row', 'agg_sub_row')")" 0
	eq "$(cells)" "$CELLS"
	eq "$(sql 'SELECT * FROM cust_split')" "2|1"
	agg_ok
	# and the migration again on a database that has it: the same
	sql "PRAGMA user_version = 8"
	crm-segment --count >/dev/null
	eq "$(cells)" "$CELLS"
	agg_ok
}

@test "crm check: a cell kept wrong, a cell and a split customer missing, 65" {
	only_on sqlite "the sales cells (cust_sales, cust_split) are SQLite's schema 10; PostgreSQL's reports read the raw rows (crm_db_cells), and t/500 checks them"
	seed
	sql "UPDATE cust_sales SET returned = 1 WHERE customer_id = 1 AND
	    month = '2025-02' AND product = 'valve';
	    DELETE FROM cust_sales WHERE customer_id = 3 AND product = X'';
	    DELETE FROM cust_split"
	run --separate-stderr crm check
	status_is 65
	eq "${lines[0]}" "aggregates: customer 1, month 2025-02, product valve: returned kept as 0.01, the interactions say 15.00"
	eq "${lines[1]}" "aggregates: customer 3, month 2025-02, product (none): cust_sales has no figures for its interactions"
	eq "${lines[2]}" "aggregates: customer 2: cust_split has no figures for its interactions"
	eq "${#lines[@]}" 3
}

# What the reports say, worked out by sqlite3 from the raw rows as the
# reports define them (crm-report(1)), for [F, T) in UTC.
NET="CASE WHEN kind = 'return' THEN -abs(amount) ELSE amount END"
money() {
	echo "printf('%s%d.%02d', CASE WHEN ($1) < 0 THEN '-' ELSE '' END, abs($1) / 100, abs($1) % 100)"
}
ORDERS_OF="(count(DISTINCT CASE WHEN kind = 'purchase' AND ref IS NOT NULL THEN customer_id || ' ' || ref END) + count(*) FILTER (WHERE kind = 'purchase' AND ref IS NULL))"

# raw_sales F T PERIOD GROUP: sales' rows, TSV
raw_sales() {
	local grp=${4:+", $4"} order="1"
	[ -n "$4" ] && order="1, sum($NET) DESC, 2"
	sqlite3 -batch -separator $'\t' "$CRM_DB" "SELECT $3$grp,
	    $(money "sum($NET)"), $ORDERS_OF,
	    coalesce(sum(quantity) FILTER (WHERE kind = 'purchase'), 0),
	    CASE WHEN $ORDERS_OF > 0 THEN $(money "CAST(round(1.0 * coalesce(sum(amount) FILTER (WHERE kind = 'purchase'), 0) / $ORDERS_OF) AS INTEGER)") END,
	    count(*) FILTER (WHERE kind = 'return'),
	    $(money "coalesce(sum(abs(amount)) FILTER (WHERE kind = 'return'), 0)")
	    FROM interactions i JOIN customers c ON c.id = i.customer_id
	    WHERE kind IN ('purchase', 'return') AND at >= '$1' AND at < '$2'
	    GROUP BY 1${4:+, 2} ORDER BY $order"
}

# raw_summary F T: summary's "all" row's active, revenue and orders
raw_summary() {
	sqlite3 -batch -separator $'\t' "$CRM_DB" "SELECT
	    (SELECT count(DISTINCT customer_id) FROM interactions i JOIN
	    customers c ON c.id = i.customer_id WHERE c.type = 'person' AND
	    at >= '$1' AND at < '$2'),
	    $(money "(SELECT coalesce(sum($NET), 0) FROM interactions WHERE kind IN ('purchase', 'return') AND at >= '$1' AND at < '$2')"),
	    (SELECT count(DISTINCT CASE WHEN ref IS NOT NULL THEN customer_id || ' ' || ref END) + count(*) FILTER (WHERE ref IS NULL) FROM interactions WHERE kind = 'purchase' AND at >= '$1' AND at < '$2')"
}

# check_period FROM TO F T: every report over --from FROM --to TO, whose
# bounds are F and T in UTC, as the raw rows say; periods in local time
# as TZ says (sqlite3's 'localtime' reads the same TZ).
check_period() {
	local rep="crm-report -o tsv --no-chart --from $1 --to $2"
	local loc="datetime(at, 'localtime')"
	run --separate-stderr $rep --by month sales
	status_is 0
	eq "$(tail -n +2 <<<"$output")" "$(raw_sales "$3" "$4" "substr($loc, 1, 7)")"
	run --separate-stderr $rep --by month sales --group product
	eq "$(tail -n +2 <<<"$output")" "$(raw_sales "$3" "$4" "substr($loc, 1, 7)" i.product)"
	run --separate-stderr $rep --by month sales --group industry
	eq "$(tail -n +2 <<<"$output")" "$(raw_sales "$3" "$4" "substr($loc, 1, 7)" c.industry)"
	run --separate-stderr $rep --by quarter sales --group tier
	eq "$(tail -n +2 <<<"$output")" "$(raw_sales "$3" "$4" "substr($loc, 1, 4) || '-Q' || ((CAST(substr($loc, 6, 2) AS INTEGER) + 2) / 3)" c.tier)"
	run --separate-stderr $rep --by week sales
	eq "$(tail -n +2 <<<"$output")" "$(raw_sales "$3" "$4" "date(at, 'localtime', 'weekday 0', '-6 days')")"
	# the matrix: a column for each industry with rows in the period
	local ind cols=
	for ind in $(sql "SELECT DISTINCT c.industry FROM interactions i JOIN
	    customers c ON c.id = i.customer_id WHERE kind IN ('purchase',
	    'return') AND at >= '$3' AND at < '$4' ORDER BY 1"); do
		cols="$cols $(money "coalesce(sum($NET) FILTER (WHERE coalesce(c.industry, '') = '$ind'), 0)"),"
	done
	run --separate-stderr $rep sales --matrix product,industry
	eq "$(tail -n +2 <<<"$output")" "$(sqlite3 -batch -separator $'\t' "$CRM_DB" "SELECT
	    nullif(i.product, ''), $cols
	    $(money "sum($NET)") FROM interactions i JOIN customers c ON
	    c.id = i.customer_id WHERE kind IN ('purchase', 'return') AND
	    at >= '$3' AND at < '$4' GROUP BY 1 ORDER BY sum($NET) DESC, 1")"
	run --separate-stderr $rep -f active,revenue,orders summary
	eq "$(sed -n 2p <<<"$output")" "$(raw_summary "$3" "$4")"
}

@test "the reports over 2025-01-15 to 2025-03-10 and whole months are the raw rows' figures" {
	only_on sqlite "the sales cells (cust_sales, cust_split) are SQLite's schema 10; PostgreSQL's reports read the raw rows (crm_db_cells), and t/500 checks them"
	seed
	# February whole from the cells, the rest raw; Bob all raw (B1)
	check_period 2025-01-15 2025-03-10 2025-01-15T00:00:00Z 2025-03-10T00:00:00Z
	check_period 2025-01-01 2025-04-01 2025-01-01T00:00:00Z 2025-04-01T00:00:00Z
	check_period 2025-02-01 2025-03-01 2025-02-01T00:00:00Z 2025-03-01T00:00:00Z
	# within one month: no cell at all
	check_period 2025-02-03 2025-02-17 2025-02-03T00:00:00Z 2025-02-17T00:00:00Z
	# by hand, for the sums above to mean something: February's valve
	# cells 70 + 7 - 15 (Ann) + 60 (Bob) = 122.00 in 3 orders (A3, A6,
	# B1), 1 + 2 units, (70 + 7 + 60) / 3 = 45.67 an order
	run --separate-stderr crm-report -o tsv --no-chart --from 2025-01-15 --to 2025-03-10 --by month sales --group product
	has "$output" "2025-02	valve	122.00	3	3	45.67	1	15.00"
}

@test "the reports in time zones whose midnights are not UTC's" {
	only_on sqlite "the sales cells (cust_sales, cust_split) are SQLite's schema 10; PostgreSQL's reports read the raw rows (crm_db_cells), and t/500 checks them"
	seed
	# Tokyo's 2025-01-20 to 2025-03-10: February whole, edges raw
	TZ=Asia/Tokyo check_period 2025-01-20 2025-03-10 2025-01-19T15:00:00Z 2025-03-09T15:00:00Z
	# New York's February: no whole month; 02-01T02:00Z is January
	# there, 03-01T03:00Z February, and its periods are New York's:
	# that row is in February's, not in a March of UTC's
	TZ=America/New_York check_period 2025-02-01 2025-03-01 2025-02-01T05:00:00Z 2025-03-01T05:00:00Z
	run --separate-stderr env TZ=America/New_York crm-report -o tsv --no-chart --from 2025-02-01 --to 2025-03-01 --by month sales
	status_is 0
	eq "$(cut -f1 <<<"$output")" "period
2025-02"
}

@test "the whole months added up in C and by SQL (CRM_TALLY_MAX=0) are the same reports" {
	only_on sqlite "the cells are added up in C where they are kept (crm_db_cells): SQLite's schema 10"
	seed
	crm-add -n Dee -e dee@example.com -i food -T gold --owner carol >/dev/null
	crm-log --at 2025-02-12 --amount 12 --product valve --rating 4 dee@example.com purchase >/dev/null
	crm-log --at 2025-02-13 --rating 2 dee@example.com call >/dev/null
	local from to args n=0
	for from in 2025-01-01 2025-01-15; do
		for to in 2025-03-01 2025-03-10; do
			for args in "summary" "owners" "sales --by month" \
			    "sales --by quarter --group product" \
			    "sales --by month --group industry" \
			    "sales --by year --group owner --where tier=gold" \
			    "sales --matrix product,industry" \
			    "sales --matrix industry,product --where industry=steel" \
			    "sales --matrix tier,owner" "monthly"; do
				run --separate-stderr crm-report -o tsv --no-chart --from $from --to $to $args
				status_is 0
				local c=$output
				run --separate-stderr env CRM_TALLY_MAX=0 crm-report -o tsv --no-chart --from $from --to $to $args
				status_is 0
				eq "$output" "$c"
				n=$((n + 1))
			done
		done
	done
	eq "$n" 40
	# and the C's sums mean something: February's whole month by hand,
	# Ann 70 + 20 + 10 + 7 - 15, Bob 60, Cy -5, Dee 12: 159.00
	run --separate-stderr crm-report -o tsv --no-chart --from 2025-02-01 --to 2025-03-01 --by month sales
	has "$output" "2025-02	159.00	"
	run --separate-stderr crm-report -o tsv --no-chart --from 2025-02-01 --to 2025-03-01 owners
	has "$output" "carol	1	2	12.00	"
}
