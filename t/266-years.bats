#!/usr/bin/env bats
# Test plan: schema 12's figures per customer and year (cust_years;
# lib/agg.c, share/crm/migrate-12.sql) and the reports that read them
# for whole years (crm-report summary, owners).
#   - crm-log: the years worked out by hand: an order of two lines in
#     one month counted once, an order over the turn of a year in each
#     year (its customer in cust_split), a return taken off, ratings
#   - crm check silent after each kind of write: log, import (into an
#     empty database and into history), resolve, an update that moves a
#     row to another year, merge, undo, erase, the migration from
#     schema 11 (and again); loud, naming customer and year, when a
#     figure is kept wrong or a year is missing
#   - summary and owners over whole years, years with months around
#     them, years with edges, and in Tokyo: the same output from the
#     years added up in C as from SQL over months and rows
#     (CRM_TALLY_MAX=0), and the figures by hand

load helper

agg_ok() {
	run --separate-stderr crm check
	status_is 0
	eq "$output" ""
}

years() {
	sql "SELECT customer_id, year, n, revenue, orders, rating_sum,
	    rating_n FROM cust_years ORDER BY 1, 2"
}

ONLY="cust_years is SQLite's schema 12; PostgreSQL's reports read the raw rows (crm_db_cells)"

# Ann (carol's): order A1 of two lines in June 2024, A2 at 23:30 UTC on
# the last day of 2024 (2025 in Tokyo), A3 and a return in 2025, a
# rated call, an order without a ref in 2026.  Bob (dave's): B1 in
# November 2024 and January 2025 (split), a complaint.  Cy (no owner):
# a call in 2025, C1 in 2026.
seed() {
	crm-add -n Ann -e ann@example.com -i steel -T gold --owner carol
	crm-add -n Bob -e bob@example.com -i food -T silver --owner dave
	crm-add -n Cy -e cy@example.com -i steel
	local a=ann@example.com b=bob@example.com c=cy@example.com
	crm-log --at 2024-06-10 --amount 100 --product valve --ref A1 --rating 5 $a purchase
	crm-log --at 2024-06-10 --amount 20 --product pump --ref A1 $a purchase
	crm-log --at 2024-12-31T23:30:00Z --amount 40 --product valve --ref A2 $a purchase
	crm-log --at 2025-03-05 --amount 30 --ref A3 $a purchase
	crm-log --at 2025-03-07 --amount 10 --product valve --ref R1 $a return
	crm-log --at 2025-07-01 --rating 3 $a call
	crm-log --at 2026-02-01 --amount 50 $a purchase
	crm-log --at 2024-11-20 --amount 60 --product valve --ref B1 $b purchase
	crm-log --at 2025-01-03 --amount 25 --product pump --ref B1 $b purchase
	crm-log --at 2025-05-05 $b complaint late
	crm-log --at 2025-08-08 $c call
	crm-log --at 2026-01-15 --amount 5 --ref C1 $c purchase
} >/dev/null

YEARS="1|2024|3|16000|2|5|1
1|2025|3|2000|1|3|1
1|2026|1|5000|1|0|0
2|2024|1|6000|1|0|0
2|2025|2|2500|1|0|0
3|2025|1|0|0|0|0
3|2026|1|500|1|0|0"

@test "crm-log: the years by hand, an order of two lines once, an order over the turn of a year in each" {
	only_on sqlite "$ONLY"
	seed
	eq "$(years)" "$YEARS"
	eq "$(sql 'SELECT * FROM cust_split')" "2|1"
	agg_ok
}

@test "crm check after resolve, a row moved to another year, merge, undo, erase" {
	only_on sqlite "$ONLY"
	seed
	crm-log --resolve 10 --at 2025-05-06 fixed >/dev/null
	eq "$(years)" "$YEARS"
	agg_ok
	# A2 moved into 2025: Ann's 2024 one order and a row less
	sql "UPDATE interactions SET at = '2025-03-06T00:00:00Z' WHERE ref = 'A2'"
	eq "$(sql "SELECT n, revenue, orders FROM cust_years WHERE
	    customer_id = 1 ORDER BY year")" "2|12000|1
4|6000|2
1|5000|1"
	agg_ok
	sql "UPDATE interactions SET at = '2024-12-31T23:30:00Z' WHERE ref = 'A2'"
	eq "$(years)" "$YEARS"
	# Bob's rows into Ann's: his years hers, his gone
	crm-add --merge ann@example.com bob@example.com >/dev/null
	eq "$(sql "SELECT year, n, revenue, orders FROM cust_years WHERE
	    customer_id = 1 ORDER BY year")" "2024|4|22000|3
2025|5|4500|2
2026|1|5000|1"
	eq "$(sql 'SELECT count(*) FROM cust_years WHERE customer_id = 2')" 0
	agg_ok
	crm undo >/dev/null 2>&1
	eq "$(years)" "$YEARS"
	agg_ok
	# the year's last row deleted: the year goes
	sql "DELETE FROM interactions WHERE customer_id = 3 AND at LIKE '2025%'"
	eq "$(sql "SELECT year FROM cust_years WHERE customer_id = 3")" 2026
	agg_ok
	crm-add --erase cy@example.com --yes >/dev/null 2>&1
	eq "$(sql 'SELECT count(*) FROM cust_years WHERE customer_id = 3')" 0
	agg_ok
}

@test "crm check after imports: into an empty database, into history" {
	only_on sqlite "$ONLY"
	crm-add -n Ann -e ann@example.com >/dev/null
	crm-add -n Bob -e bob@example.com >/dev/null
	cat >orders.csv <<-EOF
	email,at,kind,product,amount,quantity,ref
	ann@example.com,2024-12-05T10:00:00Z,purchase,valve,100,2,A1
	ann@example.com,2024-12-05T11:00:00Z,purchase,pump,50,1,A1
	ann@example.com,2025-01-05T11:00:00Z,purchase,pump,50,1,A2
	bob@example.com,2024-12-10,purchase,valve,20,4,B1
	bob@example.com,2025-01-10,purchase,valve,20,4,B1
	EOF
	crm-log --import orders.csv >/dev/null 2>&1
	eq "$(years)" "1|2024|2|15000|1|0|0
1|2025|1|5000|1|0|0
2|2024|1|2000|1|0|0
2|2025|1|2000|1|0|0"
	agg_ok
	printf 'email,at,kind,product,amount,ref\nann@example.com,2025-02-01,purchase,valve,5,A2\nann@example.com,2025-02-02,purchase,valve,7,A9\n' >more.csv
	crm-log --import more.csv >/dev/null 2>&1
	eq "$(sql "SELECT n, revenue, orders FROM cust_years WHERE
	    customer_id = 1 AND year = '2025'")" "3|6200|3"
	agg_ok
}

@test "a database of schema 11 gets its years from its rows, and again" {
	only_on sqlite "$ONLY"
	seed
	# schema 12 gone: its table, and migrate-10.sql's triggers again
	sql "DROP TABLE cust_years; DROP TRIGGER agg_put_row;
	    DROP TRIGGER agg_fix_row"
	sql "$(sed -n '/^CREATE TRIGGER IF NOT EXISTS agg_put_row/,/^END;/p;/^CREATE TRIGGER IF NOT EXISTS agg_fix_row/,/^END;/p' "$BATS_TEST_DIRNAME/../share/crm/migrate-10.sql")
	    PRAGMA user_version = 11"
	crm-log --at 2025-09-09 ann@example.com call >/dev/null
	eq "$(sql 'PRAGMA user_version')" "$SCHEMA"
	eq "$(sql "SELECT n FROM cust_years WHERE customer_id = 1 AND
	    year = '2025'")" 4
	agg_ok
	sql "PRAGMA user_version = 11"
	crm-segment --count >/dev/null
	eq "$(sql "SELECT n FROM cust_years WHERE customer_id = 1 AND
	    year = '2025'")" 4
	agg_ok
}

@test "crm check: a year kept wrong, a year missing, 65" {
	only_on sqlite "$ONLY"
	seed
	sql "UPDATE cust_years SET orders = 7 WHERE customer_id = 1 AND
	    year = '2025'; DELETE FROM cust_years WHERE customer_id = 3 AND
	    year = '2026'"
	run --separate-stderr crm check
	status_is 65
	eq "${lines[0]}" "aggregates: customer 1, year 2025: orders kept as 7, the interactions say 1"
	eq "${lines[1]}" "aggregates: customer 3, year 2026: cust_years has no figures for its 1 interaction"
	eq "${#lines[@]}" 2
}

@test "summary and owners: whole years from cust_years print what SQL over months and rows prints" {
	only_on sqlite "the years are added up in C where they are kept (crm_db_cells): SQLite's schema 12"
	seed
	local w tz args n=0
	for tz in UTC Asia/Tokyo; do
		for w in "2024-01-01 2026-01-01" "2024-01-01 2027-01-01" \
		    "2024-03-01 2026-02-01" "2024-06-15 2026-01-20" \
		    "2025-01-01 2026-01-01" "2024-12-01 2025-02-01"; do
			set -- $w
			for args in summary owners "owners --where tier=gold" \
			    "summary --where industry=steel"; do
				run --separate-stderr env TZ=$tz crm-report -o tsv --no-chart --from $1 --to $2 $args
				status_is 0
				local c=$output
				run --separate-stderr env TZ=$tz CRM_TALLY_MAX=0 crm-report -o tsv --no-chart --from $1 --to $2 $args
				status_is 0
				eq "$c" "$output"
				n=$((n + 1))
			done
		done
	done
	eq "$n" 48
	# by hand, 2024 and 2025 in UTC: Ann 190.00 - 10.00 in A1, A2, A3;
	# Bob 85.00 in B1 (one order, read raw: split); Cy none
	run --separate-stderr crm-report -o tsv --no-chart -f grouping,value,active,revenue,orders --from 2024-01-01 --to 2026-01-01 summary
	eq "$(sed -n 2p <<<"$output")" "all		3	265.00	4"
	run --separate-stderr crm-report -o tsv --no-chart -f owner,interactions,revenue,mean_rating --from 2024-01-01 --to 2026-01-01 owners
	eq "$output" "owner	interactions	revenue	mean_rating
carol	6	180.00	4.00
dave	3	85.00	
	1	0.00	"
	# and they are read from cust_years: a figure kept wrong shows
	sql "UPDATE cust_years SET revenue = revenue + 100 WHERE
	    customer_id = 1 AND year = '2025'"
	run --separate-stderr crm-report -o tsv --no-chart -f grouping,value,active,revenue,orders --from 2024-01-01 --to 2026-01-01 summary
	eq "$(sed -n 2p <<<"$output")" "all		3	266.00	4"
	run --separate-stderr crm-report -o tsv --no-chart -f owner,revenue --from 2024-01-01 --to 2026-01-01 owners
	eq "$(sed -n 2p <<<"$output")" "carol	181.00"
}
