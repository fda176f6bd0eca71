#!/usr/bin/env bats
# Test plan: the per-customer aggregates of schema 8 (cust_totals,
# cust_periods; lib/agg.c, share/crm/migrate-8.sql).
#   - crm-log: each figure of the totals and of each month, worked out
#     by hand; crm check silent and 0
#   - the filter's metrics for all time read them, and agree
#   - resolve, merge, erase, undo (of a log and of a merge) keep them
#     right: crm check after each, and the figures by hand
#   - crm-log --import into an empty database and into one with history,
#     and a re-import that changes nothing; crm-add --import; an import
#     into an empty table whose revenue passes 64 bits refused (65)
#   - a database of schema 7 migrated: the tables filled from its rows
#   - crm check finds a figure kept wrong and a row missing: 65, naming
#     the customer, the month and the figure, both values

load helper

# crm check: silent and 0, the aggregates agreeing with the rows.
agg_ok() {
	run --separate-stderr crm check
	status_is 0
	eq "$output" ""
}

totals() {
	sql "SELECT * FROM cust_totals ORDER BY customer_id"
}

periods() {
	sql "SELECT * FROM cust_periods ORDER BY customer_id, month"
}

# Ann: five interactions over three months.
seed() {
	crm-add -n Ann -e ann@example.com --owner alice >/dev/null
	crm-add -n Bob -e bob@example.com --owner bob >/dev/null
	crm-log --at 2026-01-05 --amount 100 --qty 2 ann@example.com purchase >/dev/null
	crm-log --at 2026-01-20 --amount 50 --qty 1 ann@example.com purchase >/dev/null
	crm-log --at 2026-02-05 --amount 30 ann@example.com return >/dev/null
	crm-log --at 2026-02-06 --rating 2 ann@example.com complaint late >/dev/null
	crm-log --at 2026-03-01 --rating 5 ann@example.com call >/dev/null
}

# Ann's totals: n 5; first 01-05, last 03-01; 2 purchases of 2 + 1 = 3
# units; revenue 100 + 50 - 30 = 120.00 = 12000; first purchase 01-05,
# last 01-20; 1 return, 1 complaint (open); ratings 2 + 5 = 7 over 2.
ANN="1|5|2026-01-05T00:00:00Z|2026-03-01T00:00:00Z|2|3|12000|2026-01-05T00:00:00Z|2026-01-20T00:00:00Z|1|1|1|7|2"
# Her months: January the two purchases (15000, 3 units); February the
# return (-3000) and the complaint (rating 2); March the call (rating 5).
ANN_MONTHS="1|2026-01|2|2026-01-20T00:00:00Z|2|3|15000|2026-01-20T00:00:00Z|0|0|0|0|0
1|2026-02|2|2026-02-06T00:00:00Z|0|0|-3000||1|1|1|2|1
1|2026-03|1|2026-03-01T00:00:00Z|0|0|0||0|0|0|5|1"

@test "crm-log: every figure of the totals and of each month" {
	seed
	eq "$(totals)" "$ANN"
	eq "$(periods)" "$ANN_MONTHS"
	run --separate-stderr crm check
	status_is 0
	eq "$output" ""
}

@test "the filter's metrics for all time are the kept figures" {
	seed
	# rating (2 + 5) / 2 = 3.5; Bob has no row: revenue 0, no contact
	run crm-segment -f id,revenue,purchases,rating,last_contact,open_complaints 'revenue > 100'
	status_is 0
	eq "${lines[1]}" "1	120.00	2	3.50	2026-03-01T00:00:00Z	1"
	eq "${#lines[@]}" 2
	run crm-segment -f id,revenue,interactions 'interactions = 0'
	eq "${lines[1]}" "2	0.00	0"
	# and with a window they are the raw rows': since 2026-02-01 (the
	# clock stands at 2026-11-23, so 300d goes back to 2026-01-27):
	# the return and the two later rows, revenue -30.00
	run crm-segment --window 300d -f id,revenue,interactions 'interactions > 0'
	eq "${lines[1]}" "1	-30.00	3"
}

@test "resolve: the complaint is no longer open, in the totals and its month" {
	seed
	crm-log --resolve 4 --at 2026-02-10 fixed >/dev/null
	eq "$(sql 'SELECT open_complaints, complaints FROM cust_totals WHERE customer_id = 1')" "0|1"
	eq "$(sql "SELECT open_complaints FROM cust_periods WHERE month = '2026-02'")" 0
	agg_ok
}

@test "merge: the duplicate's figures move to the customer kept" {
	only_on sqlite "crm undo is SQLite's own (its shadow tables)"
	seed
	crm-log --at 2026-02-10 --amount 20 --qty 4 bob@example.com purchase >/dev/null
	crm-add --merge ann@example.com bob@example.com >/dev/null
	# Ann: 6 interactions, 3 purchases, 7 units, 12000 + 2000 = 14000,
	# last purchase 02-10; February: 3 rows, 1 purchase, -3000 + 2000
	eq "$(totals)" "1|6|2026-01-05T00:00:00Z|2026-03-01T00:00:00Z|3|7|14000|2026-01-05T00:00:00Z|2026-02-10T00:00:00Z|1|1|1|7|2"
	eq "$(sql "SELECT n, purchases, units, revenue, last_purchase FROM cust_periods WHERE month = '2026-02'")" \
	    "3|1|4|-1000|2026-02-10T00:00:00Z"
	eq "$(sql 'SELECT count(*) FROM cust_periods WHERE customer_id = 2')" 0
	agg_ok
	# and undone: both as they were
	crm undo >/dev/null 2>&1
	eq "$(sql 'SELECT n, revenue FROM cust_totals ORDER BY customer_id')" "5|12000
1|2000"
	agg_ok
}

@test "erase: the customer's figures go with them" {
	seed
	crm-log --at 2026-02-10 --amount 20 bob@example.com purchase >/dev/null
	crm-add --erase ann@example.com --yes >/dev/null 2>&1
	eq "$(totals)" "2|1|2026-02-10T00:00:00Z|2026-02-10T00:00:00Z|1|0|2000|2026-02-10T00:00:00Z|2026-02-10T00:00:00Z|0|0|0|0|0"
	eq "$(sql 'SELECT count(*) FROM cust_periods WHERE customer_id = 1')" 0
	agg_ok
}

# Bob: 300 purchases of 2.00, one unit each, 100 in each of December,
# February and April, days 01 to 25 (each four times); a return of 5.00
# on 04-20 and a complaint rated 1 on 04-26.  Loaded in one import.
bob_300() {
	{
		echo email,at,kind,amount,quantity,rating,ref
		for m in 2025-12 2026-02 2026-04; do
			for i in $(seq 0 99); do
				printf 'bob@example.com,%s-%02d,purchase,2,1,,B%s-%d\n' \
				    "$m" $((1 + i % 25)) "$m" "$i"
			done
		done
		echo bob@example.com,2026-04-20,return,5,,,
		echo bob@example.com,2026-04-26,complaint,,,1,
	} >bob.csv
	crm-log --import bob.csv >/dev/null 2>&1
}

# A merge moves the duplicate's rows in one UPDATE, which PostgreSQL's
# figures take in once (pg/migrate-19.sql); statements over many rows by
# hand then take the extremes away (looked up again), move a month and
# change a kind; the figures are worked out by hand, the same on both
# engines, and crm check agrees after each.
@test "merge of a duplicate with 300 purchases, then statements over many rows: every figure" {
	seed
	bob_300
	crm-add --merge ann@example.com bob@example.com >/dev/null
	# Ann 5 rows + Bob 302; first and last Bob's (12-01, the complaint
	# 04-26); purchases 2 + 300, units 3 + 300; revenue 12000 + 60000
	# - 500; returns, complaints, open 2 each; ratings 7 + 1 over 3
	eq "$(totals)" "1|307|2025-12-01T00:00:00Z|2026-04-26T00:00:00Z|302|303|71500|2025-12-01T00:00:00Z|2026-04-25T00:00:00Z|2|2|2|8|3"
	eq "$(periods)" "1|2025-12|100|2025-12-25T00:00:00Z|100|100|20000|2025-12-25T00:00:00Z|0|0|0|0|0
1|2026-01|2|2026-01-20T00:00:00Z|2|3|15000|2026-01-20T00:00:00Z|0|0|0|0|0
1|2026-02|102|2026-02-25T00:00:00Z|100|100|17000|2026-02-25T00:00:00Z|1|1|1|2|1
1|2026-03|1|2026-03-01T00:00:00Z|0|0|0||0|0|0|5|1
1|2026-04|102|2026-04-26T00:00:00Z|100|100|19500|2026-04-25T00:00:00Z|1|1|1|1|1"
	eq "$(sql 'SELECT count(*) FROM cust_totals WHERE customer_id = 2')" 0
	agg_ok
	# April gone: the last contact and purchase looked up again
	sql "DELETE FROM interactions WHERE customer_id = 1 AND at >= '2026-04'"
	eq "$(sql 'SELECT n, last_at, last_purchase FROM cust_totals')" \
	    "205|2026-03-01T00:00:00Z|2026-02-25T00:00:00Z"
	agg_ok
	# December moved to May: the first ones looked up again, a month
	# gone and one made
	sql "UPDATE interactions SET at = replace(at, '2025-12-', '2026-05-')
	    WHERE at LIKE '2025-12-%'"
	agg_ok
	# Bob's February purchases made returns: revenue 20000 + 20000 less
	sql "UPDATE interactions SET kind = 'return' WHERE kind = 'purchase'
	    AND at LIKE '2026-02-%'"
	eq "$(totals)" "1|205|2026-01-05T00:00:00Z|2026-05-25T00:00:00Z|102|103|12000|2026-01-05T00:00:00Z|2026-05-25T00:00:00Z|101|1|1|7|2"
	eq "$(periods)" "1|2026-01|2|2026-01-20T00:00:00Z|2|3|15000|2026-01-20T00:00:00Z|0|0|0|0|0
1|2026-02|102|2026-02-25T00:00:00Z|0|0|-23000||101|1|1|2|1
1|2026-03|1|2026-03-01T00:00:00Z|0|0|0||0|0|0|5|1
1|2026-05|100|2026-05-25T00:00:00Z|100|100|20000|2026-05-25T00:00:00Z|0|0|0|0|0"
	agg_ok
	crm-add --erase ann@example.com --yes >/dev/null 2>&1
	eq "$(totals; periods)" ""
	agg_ok
}

# The row trigger did the same sums, once a row: agg_sub looked the
# duplicate's first and last dates up again for each row moved, over
# the index entries of every row moved before it (2,000 purchases: 2 s
# of the server's time; bench/README.md).  The server counts the calls
# of each function (track_functions), once the merge's session has ended.
@test "pg: a merge's figures kept once a statement, no function called a row" {
	only_on pg "PostgreSQL's statement triggers (pg/migrate-19.sql); SQLite's row triggers run as each row changes"
	seed
	bob_300
	PGOPTIONS="-c track_functions=pl" crm-add --merge ann@example.com bob@example.com >/dev/null
	# agg_orders_rows (a statement trigger since schema 18) is the sign
	# that the session's counts have arrived
	for _ in $(seq 100); do
		[[ -n $(sql "SELECT calls FROM pg_stat_user_functions
		    WHERE funcname = 'agg_orders_rows'") ]] && break
		sleep 0.1
	done
	eq "$(sql "SELECT funcname FROM pg_stat_user_functions
	    WHERE funcname = 'agg_orders_rows'")" agg_orders_rows
	eq "$(sql "SELECT funcname, calls FROM pg_stat_user_functions
	    WHERE funcname IN ('agg_interactions', 'agg_add', 'agg_sub')")" ""
	[[ $(sql "SELECT calls FROM pg_stat_user_functions
	    WHERE funcname = 'agg_interactions_rows'") -le 3 ]]
	agg_ok
}

# Nothing counted again: the row trigger's figures were right.
@test "pg: a database of schema 18 keeps its figures, and its merges are right" {
	only_on pg "PostgreSQL's migration 19 (pg/migrate-19.sql)"
	seed
	bob_300
	sql "UPDATE crm_schema SET version = 18 WHERE version >= 19"
	before="$(totals; periods)"
	crm-segment --count >/dev/null
	eq "$(sql 'SELECT max(version) FROM crm_schema')" "$PG_SCHEMA"
	eq "$(totals; periods)" "$before"
	crm-add --merge ann@example.com bob@example.com >/dev/null
	eq "$(totals)" "1|307|2025-12-01T00:00:00Z|2026-04-26T00:00:00Z|302|303|71500|2025-12-01T00:00:00Z|2026-04-25T00:00:00Z|2|2|2|8|3"
	agg_ok
}

@test "undo of a log: the figures as they were, the extremes looked up again" {
	only_on sqlite "crm undo is SQLite's own (its shadow tables)"
	seed
	before="$(totals; periods)"
	crm-log --at 2026-04-01 --amount 10 ann@example.com purchase >/dev/null
	eq "$(sql 'SELECT last_at, last_purchase, revenue FROM cust_totals')" \
	    "2026-04-01T00:00:00Z|2026-04-01T00:00:00Z|13000"
	crm undo >/dev/null 2>&1
	eq "$(totals; periods)" "$before"
	agg_ok
}

@test "crm-log --import: into an empty database, into history, and again" {
	crm-add -n Ann -e ann@example.com >/dev/null
	crm-add -n Bob -e bob@example.com >/dev/null
	cat >orders.csv <<-EOF
	email,at,kind,amount,quantity,ref
	ann@example.com,2026-01-05,purchase,100,2,A1
	ann@example.com,2026-01-20,purchase,50,1,A2
	bob@example.com,2026-02-10,purchase,20,4,B1
	EOF
	crm-log --import orders.csv >/dev/null 2>&1
	# Ann 150.00 in 2 purchases, 3 units; Bob 20.00, 4 units
	eq "$(sql 'SELECT customer_id, n, purchases, units, revenue FROM cust_totals ORDER BY customer_id')" "1|2|2|3|15000
2|1|1|4|2000"
	agg_ok
	cat >more.csv <<-EOF
	email,at,kind,amount,ref
	ann@example.com,2026-02-05,return,30,R1
	EOF
	crm-log --import more.csv >/dev/null 2>&1
	# Ann: 15000 - 3000; Bob untouched
	eq "$(sql 'SELECT customer_id, n, revenue, returns FROM cust_totals ORDER BY customer_id')" "1|3|12000|1
2|1|2000|0"
	eq "$(sql "SELECT revenue FROM cust_periods WHERE customer_id = 1 AND month = '2026-02'")" -3000
	before="$(totals; periods)"
	crm-log --import orders.csv >/dev/null 2>&1
	eq "$(totals; periods)" "$before"
	eq "$(sql 'SELECT count(*) FROM agg_defer')" 0
	agg_ok
}

# Into an empty table SQLite's figures are added up in C (lib/aggscan.c),
# which leaves a sum past 64 bits to the SQL, refused as the SQL refuses
# it: 11 purchases of 9e17 cents are 9.9e18, past 2^63 - 1.  (The
# import's own sum of an order's goods, all the file's purchases when it
# has no orders, passed 64 bits as a signed overflow: SAN=1 failed here.)
@test "crm-log --import into an empty table, revenue past 64 bits: refused, 65, nothing changed" {
	crm-add -n Ann -e ann@example.com >/dev/null
	{
		echo email,at,kind,amount,ref
		for d in 01 02 03 04 05 06 07 08 09 10 11; do
			echo "ann@example.com,2026-01-$d,purchase,9000000000000000,A$d"
		done
	} >big.csv
	before=$(dump)
	run --separate-stderr crm-log --import big.csv
	status_is 65
	has "$stderr" "past the largest"
	eq "$(dump)" "$before"
	# ten of them, 9e18, hold
	head -n 11 big.csv >ten.csv
	crm-log --import ten.csv >/dev/null 2>&1
	eq "$(sql 'SELECT n, revenue FROM cust_totals')" "10|9000000000000000000"
	agg_ok
}

@test "crm-add --import with logged history leaves the figures right" {
	seed
	printf 'name,email,tier\nAnn,ann@example.com,gold\nCy,cy@example.com,\n' >c.csv
	crm-add --import c.csv >/dev/null 2>&1
	eq "$(totals)" "$ANN"
	agg_ok
}

@test "a database of schema 7 gets its figures from its rows" {
	only_on sqlite "SQLite's schema 7 migrated (user_version, its triggers); PostgreSQL's schema starts at 8"
	seed
	sql "DROP TABLE cust_totals; DROP TABLE cust_periods;
	    DROP TABLE agg_defer; DROP TRIGGER agg_interactions_ai;
	    DROP TRIGGER agg_interactions_ad; DROP TRIGGER agg_interactions_au;
	    PRAGMA user_version = 7"
	crm-segment --count >/dev/null
	eq "$(sql 'PRAGMA user_version')" "$SCHEMA"
	eq "$(totals)" "$ANN"
	eq "$(periods)" "$ANN_MONTHS"
	agg_ok
}

@test "crm check: a figure kept wrong and a month missing, 65" {
	seed
	sql "UPDATE cust_totals SET revenue = 1 WHERE customer_id = 1;
	    DELETE FROM cust_periods WHERE month = '2026-03'"
	run --separate-stderr crm check
	status_is 65
	eq "${lines[0]}" "aggregates: customer 1: revenue kept as 0.01, the interactions say 120.00"
	eq "${lines[1]}" "aggregates: customer 1, month 2026-03: cust_periods has no figures for its 1 interaction"
	eq "${#lines[@]}" 2
	eq "$stderr" "crm: 2 problems in the database"
}
