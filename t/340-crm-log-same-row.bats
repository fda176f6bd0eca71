#!/usr/bin/env bats
# Test plan: crm-log --import and what counts as a row logged already
# (crm-log(1), Importing), from QA's plain order sheets.
#   - a row without a line number is told apart by its product, quantity,
#     amount and summary too: an order sheet's lines under one order
#     number, two sales of a day without one, two calls without a date
#     are all logged; re-imported, nothing is
#   - rows identical in all of that within one file are logged once and
#     said on stderr with the line of the first, counted apart
#   - a file without dates, imported on two days, logs its rows once
#     (the any-time rule with no ref)

bats_require_minimum_version 1.5.0

load helper

ann() {
	crm-add -n Ann -e ann@x.example >/dev/null
}

revenue() {
	sql "SELECT coalesce(sum(CASE kind WHEN 'purchase' THEN amount
	    WHEN 'return' THEN -amount END), 0) FROM interactions"
}

@test "rows without a line number differ by product, amount and summary: none is lost, none doubled" {
	ann
	cat >so.csv <<-'EOF'
	Order ID,Date,Email,Product,Qty,Amount
	SO-1,2026-11-05 10:00,ann@x.example,Pump,1,100.00
	SO-1,2026-11-05 10:00,ann@x.example,Valve,2,50.00
	SO-1,2026-11-05 10:00,ann@x.example,Seal kit,1,9.90
	EOF
	run --separate-stderr crm-log --import --kind purchase so.csv
	status_is 0
	eq "$stderr" "3 logged, 0 already there, 0 rejected"
	eq "$(revenue)" 15990
	run --separate-stderr crm-log --import --kind purchase so.csv
	eq "$stderr" "0 logged, 3 already there, 0 rejected"
	eq "$(revenue)" 15990

	printf 'Date,Email,Product,Amount\n2026-11-05,ann@x.example,Pump,100.00\n2026-11-05,ann@x.example,Valve,250.00\n' >day.csv
	run --separate-stderr crm-log --import --kind purchase day.csv
	eq "$stderr" "2 logged, 0 already there, 0 rejected"
	eq "$(revenue)" 50990

	printf 'Email,Kind,Summary\nann@x.example,call,Asked about price\nann@x.example,call,Called back with quote\n' >calls.csv
	run --separate-stderr crm-log --import calls.csv
	eq "$stderr" "2 logged, 0 already there, 0 rejected"
	run --separate-stderr crm-log --import calls.csv
	eq "$stderr" "0 logged, 2 already there, 0 rejected"
	eq "$(sql "SELECT summary FROM interactions WHERE kind = 'call' ORDER BY id" | paste -sd '|')" \
	    "Asked about price|Called back with quote"
}

@test "rows the same in everything within one file are logged once, and said" {
	ann
	cat >dup.csv <<-'EOF'
	Date,Email,Product,Amount
	2026-11-05,ann@x.example,Pump,100.00
	2026-11-05,ann@x.example,Valve,250.00
	2026-11-05,ann@x.example,Pump,100.00
	EOF
	run --separate-stderr crm-log --import --kind purchase dup.csv
	status_is 0
	eq "$stderr" "crm-log: dup.csv:4: the same as line 2; counted once
2 logged, 0 already there, 1 the same as a row above (counted once), 0 rejected"
	eq "$(revenue)" 35000
	run --separate-stderr crm-log --import --kind purchase dup.csv
	eq "$stderr" "0 logged, 3 already there, 0 rejected"
	eq "$(revenue)" 35000
}

@test "a file without dates or refs, imported on two days, logs its rows once" {
	ann
	printf 'Email,Product,Amount\nann@x.example,Pump,100.00\n' >nt.csv
	run --separate-stderr crm-log --import --kind purchase nt.csv
	eq "$stderr" "1 logged, 0 already there, 0 rejected"
	CRM_NOW=2026-11-24T10:00:00Z run --separate-stderr crm-log --import \
	    --kind purchase nt.csv
	status_is 0
	eq "$stderr" "0 logged, 1 already there, 0 rejected"
	eq "$(revenue)" 10000
	# another amount is another sale
	printf 'Email,Product,Amount\nann@x.example,Pump,120.00\n' >nt2.csv
	CRM_NOW=2026-11-24T10:00:00Z run --separate-stderr crm-log --import \
	    --kind purchase nt2.csv
	eq "$stderr" "1 logged, 0 already there, 0 rejected"
	eq "$(revenue)" 22000
}
