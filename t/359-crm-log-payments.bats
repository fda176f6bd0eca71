#!/usr/bin/env bats
# Test plan: crm-log --import of payment services' and marketplaces'
# exports (see crm-log(1), ORDER EXPORTS), figures recomputed here.
#   - a bare key column (=customer, a marketplace's buyer username) beside
#     a name column, with --add-customers: one customer per key, kept as
#     her id, found by the next row and the next run (qa39 F1)
#   - Created Timezone (an IANA zone a row) read as Created Datetime's zone

bats_require_minimum_version 1.5.0

load helper

@test "--add-customers: a bare key beside a name is kept, the next row and run find her" {
	printf 'Customer,Buyer name,Amount,Date,Type\nbuyer_ab12,Ann Baker,50.00,2026-10-02,purchase\nbuyer_ab12,Ann Baker,30.00,2026-10-03,purchase\nbuyer_cd34,Carl Dunn,20.00,2026-10-04,purchase\n' >"$BATS_TEST_TMPDIR/min.csv"
	run --separate-stderr crm-log --import --add-customers --map 'Customer=customer' "$BATS_TEST_TMPDIR/min.csv"
	status_is 0
	eq "$stderr" "3 logged, 0 already there, 2 customers added, 0 rejected"
	eq "$(sql "SELECT name, external_id FROM customers ORDER BY id")" "Ann Baker|buyer_ab12
Carl Dunn|buyer_cd34"
	# 50.00 + 30.00 for Ann, 20.00 for Carl
	eq "$(sql "SELECT c.name, sum(i.amount) FROM interactions i JOIN customers c ON c.id = i.customer_id GROUP BY c.name ORDER BY c.name")" "Ann Baker|8000
Carl Dunn|2000"
	run --separate-stderr crm-log --import --add-customers --map 'Customer=customer' "$BATS_TEST_TMPDIR/min.csv"
	status_is 0
	eq "$stderr" "0 logged, 3 already there, 0 customers added, 0 rejected"
	eq "$(sql "SELECT count(*) FROM customers")" 2
	eq "$(sql "SELECT count(*) FROM interactions")" 3
}

@test "Created Timezone (Braintree's) is the zone of Created Datetime, row by row" {
	printf 'Customer Email,Amount,Created Datetime,Created Timezone,Type\nana@example.com,80.00,09/30/2026 21:00:00,America/Chicago,purchase\nana@example.com,10.00,10/01/2026 22:15:03,Europe/Berlin,purchase\n' >"$BATS_TEST_TMPDIR/bt.csv"
	run --separate-stderr crm-log --import --add-customers --date-format '%m/%d/%Y %H:%M:%S' "$BATS_TEST_TMPDIR/bt.csv"
	status_is 0
	# 21:00 CDT (UTC-5) is 02:00Z the next day, in October's sales;
	# 22:15:03 CEST (UTC+2) is 20:15:03Z
	eq "$(sql "SELECT at, amount FROM interactions ORDER BY id")" "2026-10-01T02:00:00Z|8000
2026-10-01T20:15:03Z|1000"
	run --separate-stderr crm-report sales --by month -o csv
	status_is 0
	[[ $output == *2026-10* ]]
	[[ $output != *2026-09* ]]
}
