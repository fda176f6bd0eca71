#!/usr/bin/env bats
# Test plan: crm-log --import of payment services' and marketplaces'
# exports (see crm-log(1), ORDER EXPORTS), figures recomputed here.
#   - a bare key column (=customer, a marketplace's buyer username) beside
#     a name column, with --add-customers: one customer per key, kept as
#     her id, found by the next row and the next run (qa39 F1)

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
