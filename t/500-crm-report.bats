#!/usr/bin/env bats
# crm-report: every figure below is worked out by hand from the fixture
# in setup_data (comments give the arithmetic).  Test plan: sales by
# month, quarter and group, the matrix, period boundaries, summary,
# service (median, p90 by nearest rank, SLA share), satisfaction (index,
# weights), pareto, owners, customer, audit, charts only on tables, every
# format once, and the errors with their exit status and message.

bats_require_minimum_version 1.5.0
load helper

# Ann (steel, gold, alice), Bob (energy, silver, bob), Cy (steel, gold,
# alice).  All logged by CRM_USER=tester.
setup_data() {
	crm-add -n Ann -e ann@x.example -i steel -T gold --owner alice >/dev/null
	crm-add -n Bob -e bob@x.example -i energy -T silver --owner bob >/dev/null
	crm-add -n Cy -e cy@x.example -i steel -T gold --owner alice >/dev/null
	crm-log 1 purchase --amount 1000 --product pipe --qty 2 --at 2026-09-10 >/dev/null
	crm-log 1 purchase --amount 500 --product valve --qty 1 --at 2026-10-05 >/dev/null
	crm-log 1 return --amount 100 --at 2026-10-06 >/dev/null	# +100 still counts against
	crm-log 2 purchase --amount 300 --product pipe --qty 3 --at 2026-10-20 >/dev/null
	crm-log 2 return --amount -50 --at 2026-11-02 >/dev/null
	crm-log 3 call --at 2026-11-05 >/dev/null
	crm-log 1 complaint --at 2026-11-01T00:00:00Z >/dev/null	# id 7: 2 h
	crm-log 2 complaint --at 2026-11-03T00:00:00Z >/dev/null	# id 8: 30 h
	crm-log 3 complaint --at 2026-11-10T00:00:00Z >/dev/null	# id 9: open
	crm-log --resolve 7 --at 2026-11-01T02:00:00Z
	crm-log --resolve 8 --at 2026-11-04T06:00:00Z
	crm-log 1 feedback --rating 4 --score quality=5 --score delivery=3 --at 2026-10-10 >/dev/null
	crm-log 2 feedback --rating 2 --score quality=2 --at 2026-11-12 >/dev/null
}

P=(--from 2026-09-01 --to 2026-12-01)

@test "sales by month: net revenue counts returns of either sign against it" {
	setup_data
	run --separate-stderr crm-report "${P[@]}" sales
	status_is 0
	# Sep: 1000, 1 order of 2 units.  Oct: 500 + 300 - 100 = 700, 2
	# orders, 1 + 3 units, 800 / 2 = 400 a order, 1 return of 100.
	# Nov: -50 (Bob's return logged as -50), no orders.
	eq "$output" "period	revenue	orders	units	average_order	returns	returned
2026-09	1000.00	1	2	1000.00	0	0.00
2026-10	700.00	2	4	400.00	1	100.00
2026-11	-50.00	0	0		1	50.00"
}

@test "sales by quarter and by industry" {
	setup_data
	run --separate-stderr crm-report "${P[@]}" --by quarter sales --group industry
	status_is 0
	# Q4 steel: 500 - 100 = 400; energy: 300 - 50 = 250.
	eq "$output" "period	industry	revenue	orders	units	average_order	returns	returned
2026-Q3	steel	1000.00	1	2	1000.00	0	0.00
2026-Q4	steel	400.00	1	1	500.00	1	100.00
2026-Q4	energy	250.00	1	3	300.00	1	50.00"
}

@test "weeks are labelled by their Monday; years by the year" {
	setup_data
	run --separate-stderr crm-report --from 2026-10-01 --to 2026-10-31 --by week -f period,revenue sales
	# 2026-10-05 and 10-06 are Monday and Tuesday of the week of the 5th;
	# 2026-10-20 is the Tuesday of the week of the 19th.
	eq "$output" "period	revenue
2026-10-05	400.00
2026-10-19	300.00"
	run --separate-stderr crm-report "${P[@]}" --by year -f period,revenue sales
	eq "$output" "period	revenue
2026	1650.00"
}

@test "the period is [from, to): an interaction at from counts, one at to does not" {
	setup_data
	run --separate-stderr crm-report --from 2026-10-05 --to 2026-10-20 -f period,revenue,orders sales
	# 500 on the 5th and -100 on the 6th; Bob's 300 on the 20th is out.
	eq "$output" "period	revenue	orders
2026-10	400.00	1"
}

@test "the product x industry matrix" {
	setup_data
	run --separate-stderr crm-report "${P[@]}" sales --matrix product,industry
	status_is 0
	# pipe: steel 1000, energy 300; valve: steel 500; no product (the
	# returns): steel -100, energy -50.
	eq "$output" "product	energy	steel	total
pipe	300.00	1000.00	1300.00
valve	0.00	500.00	500.00
	-50.00	-100.00	-150.00"
}

@test "summary: customers, new, active and the active rate, by tier" {
	setup_data
	run --separate-stderr crm-report "${P[@]}" -f grouping,value,customers,new,active,active_rate,revenue,orders summary
	status_is 0
	# All three were created at CRM_NOW, inside the period, and all had
	# an interaction in it.  Revenue 1400 + 250 = 1650 from 3 orders.
	has "$output" "all		3	3	3	100.00	1650.00	3"
	has "$output" "tier	gold	2	2	2	100.00	1400.00	2"
	has "$output" "tier	silver	1	1	1	100.00	250.00	1"
}

@test "service: opened, resolved, median and p90 by nearest rank, SLA share" {
	setup_data
	run --separate-stderr crm-report "${P[@]}" -f period,opened,resolved,still_open,median_hours,p90_hours,within_sla,returns_per_purchase service
	status_is 0
	# November: 3 opened, 2 resolved in 2 h and 30 h.  Median: rank
	# ceil(2/2) = 1 -> 2.0; p90: rank ceil(1.8) = 2 -> 30.0.  Within 24 h:
	# 1 of 3 = 33.33%.  Returns per purchase: Oct 1/2; Nov 1/0 -> empty.
	eq "$output" "period	opened	resolved	still_open	median_hours	p90_hours	within_sla	returns_per_purchase
2026-09	0	0	0				0.0000
2026-10	0	0	0				0.5000
2026-11	3	2	1	2.0	30.0	33.33	"
	run --separate-stderr crm-report "${P[@]}" -f period,within_sla --sla 30h service
	has "$output" "2026-11	66.67"
}

@test "satisfaction: means per indicator and the weighted index" {
	setup_data
	run --separate-stderr crm-report "${P[@]}" satisfaction
	status_is 0
	# Oct: quality (5-1)*25 = 100, delivery (3-1)*25 = 50, equal: 75.
	# Nov: only quality (2-1)*25 = 25.
	eq "$output" "period	ratings	mean_rating	mean_delivery	mean_quality	satisfaction_index
2026-10	1	4.00	3.00	5.00	75.0
2026-11	1	2.00		2.00	25.0"
	run --separate-stderr crm-report "${P[@]}" -f period,satisfaction_index satisfaction --weights quality=3,delivery=1
	# (3 * 100 + 1 * 50) / 4 = 87.5
	eq "$output" "period	satisfaction_index
2026-10	87.5
2026-11	25.0"
}

@test "pareto: the curve over customers with revenue, and the 80% point" {
	setup_data
	run --separate-stderr crm-report "${P[@]}" pareto
	status_is 0
	# Ann 1400, Bob 250 (Cy has none); total 1650; Ann is 84.85%.
	# Top ceil(k * 2 / 10): 1 customer up to 50%, 2 from 60%.
	has "$output" "10% of customers	1	50.00	1400.00	84.85"
	has "$output" "50% of customers	1	50.00	1400.00	84.85"
	has "$output" "60% of customers	2	100.00	1650.00	100.00"
	has "$output" "80% of revenue	1	50.00	1400.00	84.85"
	eq "${#lines[@]}" 12
}

@test "owners: the book, the work, the money, what is waiting" {
	setup_data
	run --separate-stderr crm-report "${P[@]}" owners
	status_is 0
	# tester logged all 11 interactions in the period (3 purchases, 2
	# returns, a call, 3 complaints, 2 ratings) and owns the open one.
	eq "$output" "owner	customers	interactions	revenue	overdue_reminders	open_complaints	mean_rating
alice	2	0	1400.00	0	0	4.00
bob	1	0	250.00	0	0	2.00
tester	0	11	0.00	0	1	"
}

@test "customer: the whole picture as section, key, value; recorded as an export" {
	setup_data
	run --separate-stderr crm-report customer ann@x.example
	status_is 0
	has "$output" "record	name	Ann"
	has "$output" "lifetime	purchases	2"
	has "$output" "lifetime	revenue	1400.00"
	has "$output" "lifetime	mean_rating	4.00"
	eq "$(sql "SELECT detail FROM audit WHERE action = 'export'")" \
	    '{"what":"crm-report customer 1","rows":1}'
	run --separate-stderr crm-report customer nobody@x.example
	fails 65 "crm-report: no customer 'nobody@x.example'"
}

@test "audit lists who changed what in the period" {
	setup_data
	run --separate-stderr crm-report -f action,customer audit
	status_is 0
	eq "${lines[0]}" "action	customer"
	eq "${lines[1]}" "add	1"
}

@test "--where narrows every report to the customers it selects" {
	setup_data
	run --separate-stderr crm-report "${P[@]}" --where 'industry = energy' -f period,revenue sales
	eq "$output" "period	revenue
2026-10	300.00
2026-11	-50.00"
}

@test "csv and json parse back; a chart only under a table" {
	setup_data
	run --separate-stderr crm-report "${P[@]}" -o csv sales
	python3 -c 'import csv,sys; r=list(csv.reader(sys.stdin)); assert r[2][1] == "700.00", r' <<<"$output"
	run --separate-stderr crm-report "${P[@]}" -o json sales
	python3 -c 'import json,sys; r=[json.loads(l) for l in sys.stdin]; assert r[2]["average_order"] is None and r[1]["orders"] == 2, r' <<<"$output"
	run --separate-stderr crm-report "${P[@]}" -o table --chart sales
	has "$output" "2026-09 ████████████████████████████████████████ 1000.00"
	run --separate-stderr crm-report "${P[@]}" sales
	[[ "$output" != *"█"* ]]
}

@test "errors: status and message" {
	setup_data
	run --separate-stderr crm-report nope
	eq "$status" 64
	has "$stderr" "crm-report: unknown report 'nope' (summary, activity, sales, pareto, service, satisfaction, owners, customer, audit)"
	run --separate-stderr crm-report --by day sales
	eq "$status" 64
	has "$stderr" "crm-report: --by: 'day' is not week, month, quarter or year"
	run --separate-stderr crm-report sales --matrix product
	eq "$status" 64
	has "$stderr" "crm-report: --matrix takes two fields, e.g. product,industry"
	run --separate-stderr crm-report satisfaction --weights price=1
	eq "$status" 64
	has "$stderr" "crm-report: --weights: unknown indicator 'price'"
	run --separate-stderr crm-report -o tsv --chart sales
	eq "$status" 64
	has "$stderr" "crm-report: --chart draws under a table (-o table)"
	run --separate-stderr crm-report --from 2026-12-01 --to 2026-11-01 sales
	eq "$status" 64
	has "$stderr" "crm-report: --from must be before --to"
	run --separate-stderr crm-report customer
	eq "$status" 64
	has "$stderr" "crm-report: customer takes one key: an id, e-mail or external_id"
}
