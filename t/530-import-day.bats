#!/usr/bin/env bats
# Test plan: figures that do not depend on the day of the import (issue
# 18, items 2 and 3; see crm-report(1), "Definitions" and "owners").
#   - customers imported today with last year's history: summary for a
#     month of last year shows the revenue, orders and actives of that
#     month, the revenue and orders those of sales for the same month
#   - activity: their interactions, actives and the rate over the
#     customers by then
#   - the same figures when created was left at the import day (a
#     database from before crm-log moved it back)
#   - owners: the month's work and money credited to the customers'
#     owners, not to "auditor" who imported them; --credit logger
# CRM_NOW=2026-11-23T10:00:00Z, TZ=UTC (t/helper.bash).

bats_require_minimum_version 1.5.0

load helper

M=(--from 2025-11-01 --to 2025-12-01)

# Imported today, no creation column:
#   1 Ann  gold    alice
#   2 Bob  silver  bob
#   3 Cy   gold    (no owner)
#   4 Di   silver  alice   (no history)
# Last year's history, imported by auditor (the owner column):
#   1 Ann 2025-10-01 call                 (before the month)
#   2 Ann 2025-11-03 purchase 100.00
#   3 Ann 2025-11-20 purchase  50.25
#   4 Bob 2025-11-10 purchase 200.00
#   5 Bob 2025-11-15 return    30.00
#   6 Cy  2025-11-28 call
#   7 Cy  2025-12-05 purchase  75.00      (after the month)
scene() {
	printf '%s\n' 'Name,Email,Tier,Owner' 'Ann,ann@example.com,gold,alice' \
	    'Bob,bob@example.com,silver,bob' 'Cy,cy@example.com,gold,' \
	    'Di,di@example.com,silver,alice' >customers.csv
	crm-add --import customers.csv 2>/dev/null
	printf '%s\n' 'email,at,kind,amount,owner' \
	    'ann@example.com,2025-10-01T09:00:00Z,call,,auditor' \
	    'ann@example.com,2025-11-03T09:00:00Z,purchase,100.00,auditor' \
	    'ann@example.com,2025-11-20T09:00:00Z,purchase,50.25,auditor' \
	    'bob@example.com,2025-11-10T09:00:00Z,purchase,200.00,auditor' \
	    'bob@example.com,2025-11-15T09:00:00Z,return,30.00,auditor' \
	    'cy@example.com,2025-11-28T09:00:00Z,call,,auditor' \
	    'cy@example.com,2025-12-05T09:00:00Z,purchase,75.00,auditor' >log.csv
	crm-log --import log.csv 2>/dev/null
}

# The month's summary, all row, and sales, without the header.
figures() {
	crm-report "${M[@]}" -f grouping,customers,new,active,active_rate,revenue,orders summary | sed -n 2p
	crm-report "${M[@]}" -f period,revenue,orders sales | sed -n 2p
}

@test "summary of last year's month: its revenue and actives, as sales says" {
	scene
	# Customers by 2025-12-01: Ann (since her call 10-01), Bob (11-10),
	# Cy (11-28): 3; Di, with nothing logged, is one from today.  New in
	# November: Bob and Cy.  Active: all 3, 100.00%.  Revenue 100.00 +
	# 50.25 + 200.00 - 30.00 = 320.25 in 3 orders; Cy's December order
	# is not the month's.
	eq "$(figures)" "all	3	2	3	100.00	320.25	3
2025-11	320.25	3"
	# by tier: gold Ann and Cy, 150.25; silver Bob, 170.00 (Di not yet)
	eq "$(crm-report "${M[@]}" -f grouping,value,customers,active,revenue summary | grep '^tier')" \
	    "tier	gold	2	2	150.25
tier	silver	1	1	170.00"
}

@test "summary: the same when created was left at the import day" {
	scene
	sql "UPDATE customers SET created = '2026-11-23T10:00:00Z'"
	eq "$(figures)" "all	3	2	3	100.00	320.25	3
2025-11	320.25	3"
	# This November: all four are customers; Di, one since today, is
	# the one new (the others since last year); none active, nothing
	# sold.
	eq "$(crm-report --from 2026-11-01 --to 2026-12-01 -f customers,new,active,revenue summary | sed -n 2p)" \
	    "4	1	0	0.00"
}

@test "activity: last year's interactions and actives over the customers by then" {
	scene
	# Customers by 2025-12-01: Ann, Bob, Cy (3).  October: Ann's call,
	# 1 active, 33.33; November: 5 interactions, 3 active, 100.00.
	run --separate-stderr crm-report --from 2025-10-01 --to 2025-12-01 -f period,interactions,purchase,active,active_rate activity
	status_is 0
	eq "$output" "period	interactions	purchase	active	active_rate
2025-10	1	0	1	33.33
2025-11	5	3	3	100.00"
	sql "UPDATE customers SET created = '2026-11-23T10:00:00Z'"
	run --separate-stderr crm-report --from 2025-10-01 --to 2025-12-01 -f period,interactions,purchase,active,active_rate activity
	status_is 0
	eq "$output" "period	interactions	purchase	active	active_rate
2025-10	1	0	1	33.33
2025-11	5	3	3	100.00"
}

@test "owners of last year's month: the customers' owners, not the importer" {
	scene
	# alice: Ann (Di not yet), 2 interactions, 150.25.  bob: Bob, 2,
	# 170.00.  Cy, no owner: the last row, 1 call, 0.00.
	run --separate-stderr crm-report "${M[@]}" -f owner,customers,interactions,revenue owners
	status_is 0
	eq "$output" "owner	customers	interactions	revenue
alice	1	2	150.25
bob	1	2	170.00
	1	1	0.00"
	# By logger: auditor logged all 5, 320.25.
	run --separate-stderr crm-report "${M[@]}" -f owner,customers,interactions,revenue owners --credit logger
	status_is 0
	eq "$output" "owner	customers	interactions	revenue
alice	1	0	0.00
auditor	0	5	320.25
bob	1	0	0.00"
}
