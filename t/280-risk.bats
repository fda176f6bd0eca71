#!/usr/bin/env bats
# Test plan: churn and risk signals (lib/risk.c): crm-segment --risk, the
# filter names risk, risk_signals, risk_gap, risk_drop, risk_complaints,
# risk_returns, risk_receivables, a cadence rule on them, and crm-report
# risk.  Every figure is worked out by hand from the fixture below; now is
# CRM_NOW = 2026-11-23T10:00:00Z, so the last period (90d) is
# [2026-08-25T10:00, now) and the one before [2026-05-27T10:00,
# 2026-08-25T10:00).  Purchases and returns are at 10:00, so days are
# whole.
#
#   1 Ann gold alice steel: purchases 100.00 on 03-01 04-01 04-21 05-21:
#     gaps 31, 20, 30 days, median 30; 186 days since 05-21 (10+30+31+31+
#     30+31+23), 186 > 2 x 30: gap, "6.2x" (186/30).  Nothing in either
#     period (05-21 is before 05-27): no drop.  medium.  Revenue 400.00.
#   2 Bob silver bob energy: 200.00 06-15, 200.00 07-15 (before: 400.00),
#     150.00 09-15, return 50.00 10-01 (last: 100.00); 100 < 50% of 400:
#     drop, 25%.  Gaps 30, 62, median 46; 69 days since 09-15 < 92: no
#     gap.  medium.  Revenue 500.00.
#   3 Cy gold alice steel: purchases 10-01 11-01 11-20 (100.00 each), two
#     complaints: 2/3 per order (a purchase without a ref is an order).
#     medium.  Revenue 300.00.
#   4 Dee bronze bob energy: purchases 10-02 11-02 11-21 (100.00), two
#     returns of 10.00: 2/3.  medium.  Revenue 280.00.
#   5 Eve silver carol steel: a purchase of 100.00 on the 10th of each
#     month 05..11: gaps 31,30,31,31,30,31, median 31, 13 days since;
#     300.00 in each period.  Invoice I-3 200.00 overpaid 250.00: open 0
#     (never below 0).  low.
#   6 Fay gold carol energy: invoice I-1 1000.00 due 10-31, paid 400.00:
#     600.00 overdue: receivables, high.  Revenue 0.00.
#   7 Gus silver alice steel: credit limit 500.00, invoice I-2 800.00 due
#     12-31: not overdue, but 800 > 500: receivables, high.
#   8 Hal gold bob energy: 300.00 on 06-01 06-11 06-21: median gap 10,
#     155 days since (9+31+31+30+31+23), 15.5x: gap; 900.00 the period
#     before, 0.00 the last: drop.  Two signals: high.  Revenue 900.00.
#   9 Ivy bronze: one purchase, one complaint: no rate from one order.
# The company's rates over all time: purchases 4+3+3+3+7+3+1 = 24,
# complaints 2+1 = 3, returns 1+2 = 3: 0.125 each.  Cy and Dee: 2/3 >
# 2 x 0.125, (2/3)/0.125 = 5.33: "5.3x".  Bob: one return (< 2).

bats_require_minimum_version 1.5.0

load helper

build_fixture() {
	local d
	crm-add -n Ann -e ann@x.example -i steel -T gold --owner alice --created 2026-01-01 >/dev/null
	crm-add -n Bob -e bob@x.example -i energy -T silver --owner bob --created 2026-01-01 >/dev/null
	crm-add -n Cy -e cy@x.example -i steel -T gold --owner alice --created 2026-01-01 >/dev/null
	crm-add -n Dee -e dee@x.example -i energy -T bronze --owner bob --created 2026-01-01 >/dev/null
	crm-add -n Eve -e eve@x.example -i steel -T silver --owner carol --created 2026-01-01 >/dev/null
	crm-add -n Fay -e fay@x.example -i energy -T gold --owner carol --created 2026-01-01 >/dev/null
	crm-add -n Gus -e gus@x.example -i steel -T silver --owner alice --created 2026-01-01 >/dev/null
	crm-add -n Hal -e hal@x.example -i energy -T gold --owner bob --created 2026-01-01 >/dev/null
	crm-add -n Ivy -e ivy@x.example -T bronze --created 2026-01-01 >/dev/null
	for d in 03-01 04-01 04-21 05-21; do
		crm-log 1 purchase --amount 100.00 --at 2026-${d}T10:00:00Z >/dev/null
	done
	crm-log 2 purchase --amount 200.00 --at 2026-06-15T10:00:00Z >/dev/null
	crm-log 2 purchase --amount 200.00 --at 2026-07-15T10:00:00Z >/dev/null
	crm-log 2 purchase --amount 150.00 --at 2026-09-15T10:00:00Z >/dev/null
	crm-log 2 return --amount 50.00 --at 2026-10-01T10:00:00Z >/dev/null
	for d in 10-01 11-01 11-20; do
		crm-log 3 purchase --amount 100.00 --at 2026-${d}T10:00:00Z >/dev/null
	done
	crm-log 3 complaint --at 2026-10-05T10:00:00Z >/dev/null
	crm-log 3 complaint --at 2026-10-15T10:00:00Z >/dev/null
	for d in 10-02 11-02 11-21; do
		crm-log 4 purchase --amount 100.00 --at 2026-${d}T10:00:00Z >/dev/null
	done
	crm-log 4 return --amount 10.00 --at 2026-10-10T10:00:00Z >/dev/null
	crm-log 4 return --amount 10.00 --at 2026-11-10T10:00:00Z >/dev/null
	for d in 05-10 06-10 07-10 08-10 09-10 10-10 11-10; do
		crm-log 5 purchase --amount 100.00 --at 2026-${d}T10:00:00Z >/dev/null
	done
	for d in 06-01 06-11 06-21; do
		crm-log 8 purchase --amount 300.00 --at 2026-${d}T10:00:00Z >/dev/null
	done
	crm-log 9 purchase --amount 100.00 --at 2026-11-01T10:00:00Z >/dev/null
	crm-log 9 complaint --at 2026-11-02T10:00:00Z >/dev/null
	# Receivables: Fay owes 600.00 of I-1 since 10-31; Gus owes 800.00,
	# not yet due, over his limit of 500.00.
	crm-add -u 7 --credit-limit 500.00 >/dev/null
	crm-log 6 invoice --amount 1000.00 --ref I-1 --due 2026-10-31T00:00:00Z \
	    --at 2026-10-01T10:00:00Z >/dev/null
	crm-log 6 payment --amount 400.00 --ref I-1 --at 2026-10-20T10:00:00Z >/dev/null
	crm-log 7 invoice --amount 800.00 --ref I-2 --due 2026-12-31T00:00:00Z \
	    --at 2026-11-01T10:00:00Z >/dev/null
	# Eve overpaid I-3, which crm-log refuses (never more than is open)
	# but an older import or a hand edit may have left: written with
	# sql, to show the open amount is never below 0.
	sql "
	INSERT INTO interactions (customer_id, at, kind, amount, ref, due, created) VALUES
	 (5, '2026-10-01T10:00:00Z', 'invoice', 20000, 'I-3', '2026-11-01T00:00:00Z', '2026-10-01T10:00:00Z'),
	 (5, '2026-10-15T10:00:00Z', 'payment', 25000, 'I-3', NULL, '2026-10-15T10:00:00Z');"
}

setup_file() {
	crm_setup_file || return 1
	build_fixture
}

setup() {
	crm_setup_fixture
}

@test "--risk: each customer with a signal, risk (the level), signals, reasons, revenue" {
	run --separate-stderr crm-segment --risk
	status_is 0
	eq "$output" "$(printf '%s\n' \
	    $'id\tname\towner\trisk\tsignals\treasons\trevenue' \
	    $'8\tHal\tbob\thigh\tgap,drop\tno purchase for 155 days, 15.5x the usual 10; net revenue 0.00 in the last 90d, 0% of 900.00 in the 90d before\t900.00' \
	    $'6\tFay\tcarol\thigh\treceivables\t600.00 overdue\t0.00' \
	    $'7\tGus\talice\thigh\treceivables\t800.00 open over the credit limit 500.00\t0.00' \
	    $'2\tBob\tbob\tmedium\tdrop\tnet revenue 100.00 in the last 90d, 25% of 400.00 in the 90d before\t500.00' \
	    $'1\tAnn\talice\tmedium\tgap\tno purchase for 186 days, 6.2x the usual 30\t400.00' \
	    $'3\tCy\talice\tmedium\tcomplaints\t2 complaints in 3 orders, 5.3x the company\'s rate\t300.00' \
	    $'4\tDee\tbob\tmedium\treturns\t2 returns in 3 orders, 5.3x the company\'s rate\t280.00')"
	# A listing of people is an export.
	eq "$(sql "SELECT detail FROM audit WHERE action = 'export'")" \
	    '{"what":"crm-segment --risk -f id,name,owner,risk,signals,reasons,revenue","rows":7}'
}

@test "gap: strictly more than gap x the median; gap_min purchases needed" {
	# Ann: 186 days = 6.2 x 30 exactly is not more; 6.1 x 30 = 183 is.
	run crm-segment --risk=gap=6.2 -f id,signals 'risk_gap = 1 or id = 1'
	status_is 0
	eq "$output" $'id\tsignals\n8\tgap,drop'
	run crm-segment --risk=gap=6.1 -f id 'risk_gap = 1'
	eq "$output" $'id\n8\n1'
	# Four purchases for a median: Ann has 4, Hal 3.
	run crm-segment --risk=gap_min=4 -f id 'risk_gap = 1'
	eq "$output" $'id\n1'
	run crm-segment --risk=gap_min=5 -f id 'risk_gap = 1'
	eq "$output" "id"
}

@test "a median gap of half a day is rounded up on both engines: the usual 11 for gaps of 10 and 11 (qa38 F4)" {
	crm-add -n Joe -e joe@x.example --created 2026-01-01 >/dev/null
	for d in 01-01 01-11 01-22; do
		crm-log joe@x.example purchase --amount 10.00 --at 2026-${d}T10:00:00Z >/dev/null
	done
	run crm-segment --risk -f id,reasons 'id = 10'
	status_is 0
	eq "$output" $'id\treasons\n10\tno purchase for 305 days, 29.0x the usual 11'
}

@test "drop: below drop% of the period before; the period is a parameter" {
	# Bob: 100.00 is 25% of 400.00: not below 25, below 26.
	run crm-segment --risk=drop=25 -f id 'risk_drop = 1'
	eq "$output" $'id\n8'
	run crm-segment --risk=drop=26% -f id 'risk_drop = 1'
	eq "$output" $'id\n8\n2'
	# period=30d: last [10-24, now), before [09-24, 10-24).  Bob: return
	# -50.00 before, nothing last: before is not above 0.  Eve: 100.00 in
	# each.  Cy: 100.00 (10-01) before, 200.00 last.  Nobody drops.
	run crm-segment --risk=period=30d -f id 'risk_drop = 1'
	eq "$output" "id"
}

@test "complaints and returns: rate over the company's, min purchases" {
	# The company's rate 3/24 = 0.125; Cy's 2/3 = 0.667.  x5.3 = 0.6625
	# is below it, x5.4 = 0.675 is not.
	run crm-segment --risk=rate=5.3 -f id 'risk_complaints = 1 or risk_returns = 1'
	eq "$output" $'id\n3\n4'
	run crm-segment --risk=rate=5.4 -f id 'risk_complaints = 1 or risk_returns = 1'
	eq "$output" "id"
	# Three purchases each: min=4 leaves them out.
	run crm-segment --risk=min=4 -f id 'risk_complaints = 1 or risk_returns = 1'
	eq "$output" "id"
	# Ivy's one complaint on one purchase is no rate, even with min=1:
	# two complaints are needed.
	run crm-segment --risk=min=1 -f id 'risk_complaints = 1'
	eq "$output" $'id\n3'
}

@test "receivables: overdue at now, credit exceeded, payments before now" {
	# At 10-25 Fay's I-1 (due 10-31) is not yet due, and Gus's I-2 (11-01)
	# not yet written: no receivables.
	CRM_NOW=2026-10-25T00:00:00Z run crm-segment -f id 'risk_receivables = 1'
	eq "$output" "id"
	# Before the payment, moved to 11-05, all 1000.00 of I-1 is open; at
	# 11-01 it is overdue.
	sql "UPDATE interactions SET at = '2026-11-05T00:00:00Z' WHERE kind = 'payment' AND ref = 'I-1'"
	CRM_NOW=2026-11-01T00:00:00Z run crm-segment --risk -f id,reasons 'id = 6'
	eq "$output" $'id\treasons\n6\t1000.00 overdue'
	# At now the payment counts: 600.00 open.  Overdue and over a limit
	# of 500.00: both said.
	sql "UPDATE customers SET credit_limit = 50000 WHERE id = 6"
	run crm-segment --risk -f reasons 'id = 6'
	eq "$output" $'reasons\n600.00 overdue, 600.00 open over the credit limit 500.00'
}

@test "levels: high with receivables or two signals, medium one, low none" {
	run crm-segment -f id,risk,risk_signals
	status_is 0
	eq "$output" "$(printf '%s\n' $'id\trisk\trisk_signals' $'1\tmedium\t1' \
	    $'2\tmedium\t1' $'3\tmedium\t1' $'4\tmedium\t1' $'5\tlow\t0' \
	    $'6\thigh\t1' $'7\thigh\t1' $'8\thigh\t2' $'9\tlow\t0')"
}

@test "filters: risk and the signals with anything else; --risk with a filter" {
	run crm-segment -f id 'risk = high and tier = gold'
	eq "$output" $'id\n6\n8'
	run crm-segment -f id 'risk in (medium, high) and owner = bob'
	eq "$output" $'id\n2\n4\n8'
	run crm-segment -f id 'risk_signals >= 2'
	eq "$output" $'id\n8'
	run crm-segment -f id 'not risk = low and risk_gap = 0 and risk_receivables = 0'
	eq "$output" $'id\n2\n3\n4'
	run crm-segment --count 'risk = low'
	eq "$output" "2"
	run crm-segment --risk -f id,risk 'industry = steel'
	eq "$output" $'id\trisk\n7\thigh\n1\tmedium\n3\tmedium'
	run --separate-stderr crm-segment 'risk_gapp = 1'
	fails 64 "crm-segment: expression: column 1: unknown field 'risk_gapp' (did you mean 'risk_gap'?)"
	run --separate-stderr crm-segment 'org.risk = high'
	fails 64 "crm-segment: expression: column 1: unknown field 'org.risk' (after org.: a customer column, a metric, or an extra field)"
}

# Levels 1-4 medium, 5 and 9 low, 6-8 high (above).  In text order high
# < low < medium, which 'risk >= medium' (1-4) and 'risk > low' (1-4)
# gave; in the levels' order both are 1-4 and 6-8.
@test "risk compares in the levels' order; an unknown level or flag is 64" {
	run crm-segment -f id 'risk >= medium'
	status_is 0
	eq "$output" $'id\n1\n2\n3\n4\n6\n7\n8'
	run crm-segment -f id 'risk > low'
	eq "$output" $'id\n1\n2\n3\n4\n6\n7\n8'
	run crm-segment -f id 'risk < high'
	eq "$output" $'id\n1\n2\n3\n4\n5\n9'
	run crm-segment -f id 'risk <= low or risk = HIGH'
	eq "$output" $'id\n5\n6\n7\n8\n9'
	run crm-segment -f id 'risk not in (Medium, low)'
	eq "$output" $'id\n6\n7\n8'
	run crm-segment -f id 'risk ~ ig'
	eq "$output" $'id\n6\n7\n8'
	local before; before="$(dump)"
	run --separate-stderr crm-segment 'risk = extreme'
	fails 64 "crm-segment: expression: column 8: 'extreme' is not a risk level (low, medium, high)"
	run --separate-stderr crm-segment 'risk in (low, extreme)'
	fails 64 "crm-segment: expression: column 15: 'extreme' is not a risk level (low, medium, high)"
	run --separate-stderr crm-segment 'risk_gap = 2'
	fails 64 "crm-segment: expression: column 12: '2' is not 0 or 1"
	run --separate-stderr crm-segment 'risk_receivables >= yes'
	fails 64 "crm-segment: expression: column 21: 'yes' is not 0 or 1"
	eq "$(dump)" "$before"
}

@test "--risk -f: its columns and any other of a listing; a near miss is 64, a field no one has empty" {
	# level, the column's name before, is risk (its header too)
	run crm-segment --risk -f id,email,tier,level,revenue,purchases 'tier = gold'
	eq "$output" "$(printf '%s\n' $'id\temail\ttier\trisk\trevenue\tpurchases' \
	    $'8\thal@x.example\tgold\thigh\t900.00\t3' \
	    $'6\tfay@x.example\tgold\thigh\t0.00\t0' \
	    $'1\tann@x.example\tgold\tmedium\t400.00\t4' \
	    $'3\tcy@x.example\tgold\tmedium\t300.00\t3')"
	run --separate-stderr crm-segment --risk -f id,revenu
	fails 64 "crm-segment: -f: unknown field 'revenu' (did you mean 'revenue'?)"
	# a name no customer has is an extra field, empty, as in crm-segment -f
	run --separate-stderr crm-segment --risk -f id,bogus 'id = 1'
	status_is 0
	eq "$output" $'id\tbogus\n1\t'
	eq "$stderr" "crm-segment: -f: no customer has a field 'bogus': its cells are empty"
	# an amount as crm-segment -f prints it: no credit limit is none,
	# not 0.00 (Gus has 500.00, Ann none)
	run --separate-stderr crm-segment --risk -f id,credit_limit 'id in (1, 7)'
	status_is 0
	eq "$output" $'id\tcredit_limit\n7\t500.00\n1\t'
}

@test "--risk in every format" {
	run crm-segment --risk -o json -f id,risk,signals 'id = 8'
	eq "$output" '{"id":8,"risk":"high","signals":"gap,drop"}'
	run crm-segment --risk -o csv -f id,reasons 'id = 3'
	eq "$output" "$(printf '%s\n' 'id,reasons' "3,2 complaints in 3 orders, 5.3x the company's rate" | sed 's/,2 \(.*\)$/,"2 \1"/')"
	run crm-segment --risk -o table -f id,risk 'id < 3'
	eq "$output" "$(printf '%s\n' 'id  risk' ' 2  medium' ' 1  medium')"
}

@test "the stored setting counts in filters and --risk; the run's over it" {
	sql "INSERT INTO settings (key, value) VALUES ('risk', 'gap=7')"
	run crm-segment -f id 'risk_gap = 1'
	eq "$output" $'id\n8'
	run crm-segment --risk -f id 'id = 1'
	eq "$output" "id"
	run crm-segment --risk=gap=2 -f id 'risk_gap = 1'
	eq "$output" $'id\n8\n1'
}

@test "a cadence rule: high-risk gold customers get a visit within 7 days" {
	run crm-remind rule add 'risk = high and tier = gold' --every 7d visit
	status_is 0
	# Hal (gold, high) last contacted 06-21: due 06-28.  Fay (gold, high)
	# last contacted by her payment on 10-20: due 10-27.  Gus is high but
	# silver; Ann and Cy are gold but medium.
	run crm-remind list --all -f id,due,name
	eq "$(grep '^rule' <<<"$output")" "$(printf '%s\n' \
	    $'rule:1:8\t2026-06-28T10:00:00Z\tHal' \
	    $'rule:1:6\t2026-10-27T10:00:00Z\tFay')"
	# A visit to Hal clears his.
	crm-log 8 visit --at 2026-11-23T09:00:00Z >/dev/null
	run crm-remind list -f id
	eq "$(grep '^rule' <<<"$output")" "rule:1:6"
}

@test "crm-report risk: by signal, owner, industry, the top; figures as sqlite3 has them" {
	run --separate-stderr crm-report risk --to 2026-11-23T10:00:00Z -o tsv
	status_is 0
	# Any: 7 customers, 3 high; revenue 400+500+300+280+0+0+900 = 2380.00.
	# gap: Ann, Hal 1300.00; drop: Bob, Hal 1400.00.  bob: Bob, Dee, Hal
	# 1680.00; alice: Ann, Cy, Gus 700.00; carol: Fay 0.00.
	eq "$(sed -n '/^signals$/,/^$/p' <<<"$output")" "$(printf '%s\n' signals \
	    $'signal\tcustomers\thigh\tmedium\trevenue' \
	    $'gap\t2\t1\t1\t1300.00' $'drop\t2\t1\t1\t1400.00' \
	    $'complaints\t1\t0\t1\t300.00' $'returns\t1\t0\t1\t280.00' \
	    $'receivables\t2\t2\t0\t0.00' $'any\t7\t3\t4\t2380.00' '')"
	eq "$(sed -n '/^owners$/,/^$/p' <<<"$output")" "$(printf '%s\n' owners \
	    $'owner\tcustomers\thigh\tmedium\trevenue' \
	    $'bob\t3\t1\t2\t1680.00' $'alice\t3\t1\t2\t700.00' \
	    $'carol\t1\t1\t0\t0.00' '')"
	eq "$(sed -n '/^industries$/,/^$/p' <<<"$output")" "$(printf '%s\n' \
	    industries $'industry\tcustomers\thigh\tmedium\trevenue' \
	    $'energy\t4\t2\t2\t1680.00' $'steel\t3\t1\t2\t700.00' '')"
	eq "$(sed -n '/^top$/,$p' <<<"$output" | cut -f1,4,6 | head -4)" \
	    "$(printf '%s\n' top $'id\tlevel\trevenue' $'8\thigh\t900.00' $'2\tmedium\t500.00')"
	# The same revenue read with SQL: the customers the listing names,
	# their net revenue in the report's period, in cents.
	ids=$(crm-segment --risk -f id | tail -n +2 | paste -sd,)
	eq "$(sql "SELECT sum(CASE WHEN kind = 'return' THEN -abs(amount) ELSE amount END) FROM interactions WHERE kind IN ('purchase', 'return') AND customer_id IN ($ids) AND at >= '2025-11-23T10:00:00Z' AND at < '2026-11-23T10:00:00Z'")" "238000"
	eq "$(sql "SELECT count(*) FROM customers WHERE owner = 'bob' AND id IN ($ids)")" "3"
}

@test "crm-report risk: --where, json, and a chart" {
	run crm-report risk --to 2026-11-23T10:00:00Z --where 'tier = gold' -o json
	status_is 0
	has "$output" '{"section":"signals","signal":"any","customers":4,"high":2,"medium":2,"revenue":"1600.00"}'
	# JSON Lines: every line a record, each naming its part
	eq "$(sections <<<"$output" | uniq | paste -sd,)" "signals,owners,industries,top"
	run crm-report risk -o table --chart
	has "$output" "█"
	run crm-report risk -o html
	has "$output" "<svg"
}

@test "crm-report risk: its top ten name customers, so the run is an audited export" {
	local before
	before=$(sql "SELECT count(*) FROM audit WHERE action = 'export'")
	crm-report risk >/dev/null
	eq "$(sql "SELECT count(*) FROM audit WHERE action = 'export'")" $((before + 1))
	has "$(sql "SELECT detail FROM audit ORDER BY id DESC LIMIT 1")" \
	    '"what":"crm-report risk by customer"'
}

@test "what was logged now counts now: an invoice and its part payment of this second" {
	# Jo's invoice of 300.00, due 11-01, is logged at now (10:00:00,
	# CRM_NOW) with 100.00 paid at once: 200.00 overdue, receivables.
	crm-add -n Jo -e jo@x.example >/dev/null
	crm-log jo@x.example invoice --amount 300.00 --ref J-1 \
	    --due 2026-11-01T00:00:00Z --at 2026-10-01T10:00:00Z >/dev/null
	crm-log jo@x.example payment --amount 100.00 --ref J-1 >/dev/null
	eq "$(sql "SELECT at FROM interactions WHERE kind = 'payment' AND ref = 'J-1'")" \
	    2026-11-23T10:00:00Z
	run --separate-stderr crm-segment --risk -f name,level,reasons 'email = jo@x.example'
	status_is 0
	eq "${lines[1]}" "Jo	high	200.00 overdue"
	eq "$(crm-segment -f open_amount 'email = jo@x.example' | tail -1)" 200.00
}

@test "bad parameters: 64 for the run's, 65 for the stored; nothing changes" {
	before=$(dump)
	run --separate-stderr crm-segment --risk=gap=x
	fails 64 "crm-segment: --risk: gap: 'x' is not a number above 0, at most 1000"
	run --separate-stderr crm-segment --risk=foo=1
	fails 64 "crm-segment: --risk: unknown parameter 'foo' (gap, gap_min, period, drop, rate, min)"
	run --separate-stderr crm-segment --risk=period=soon
	fails 64 "crm-segment: --risk: period: 'soon' is not a duration (90d, 13w, 3m)"
	run --separate-stderr crm-segment --risk=drop=150
	fails 64 "crm-segment: --risk: drop: '150' is not a percentage above 0, at most 100"
	run --separate-stderr crm-segment --risk=gap_min=1
	fails 64 "crm-segment: --risk: gap_min: '1' is not a whole number, at least 2"
	run --separate-stderr crm-segment --risk=gap
	fails 64 "crm-segment: --risk: 'gap' is not name=value"
	run --separate-stderr crm-segment --risk --count
	fails_usage 64 "crm-segment: --risk lists the customers at risk; it does not go with --count, --by, --sample, --search, --orgs or a model"
	eq "$(dump)" "$before"
	sql "INSERT INTO settings (key, value) VALUES ('risk', 'rate=0')"
	before=$(dump)
	for cmd in "crm-segment --risk" "crm-segment risk=high" "crm-report risk"; do
		run --separate-stderr $cmd
		fails 65 "${cmd%% *}: the stored risk setting 'rate=0': rate: '0' is not a number above 0, at most 1000"
	done
	eq "$(dump)" "$before"
}

@test "--risk-set stores the parameters for every program, audited" {
	run --separate-stderr crm-segment --risk-set gap=7,drop=30%
	status_is 0
	eq "$output" ""
	eq "$(sql "SELECT value FROM settings WHERE key = 'risk'")" "gap=7,drop=30%"
	eq "$(sql "SELECT action, detail FROM audit ORDER BY id DESC LIMIT 1")" \
	    'settings|{"risk":"gap=7,drop=30%"}'
	# Ann's 6.2x is no gap at 7; Bob's 25% is below 30.
	run crm-segment -f id,risk 'id < 3'
	eq "$output" $'id\trisk\n1\tlow\n2\tmedium'
	# An empty list: the defaults again.
	crm-segment --risk-set ''
	run crm-segment -f id,risk 'id = 1'
	eq "$output" $'id\trisk\n1\tmedium'
}

@test "--risk-set: a bad list or other options are refused; no database made" {
	before=$(dump)
	run --separate-stderr crm-segment --risk-set rate=-1
	fails 64 "crm-segment: --risk-set: rate: '-1' is not a number above 0, at most 1000"
	run --separate-stderr crm-segment --risk-set gap=3 'tier = gold'
	fails_usage 64 "crm-segment: --risk-set stores the risk parameters; it goes alone"
	eq "$(dump)" "$before"
	run --separate-stderr crm-segment -d "$BATS_TEST_TMPDIR/none.db" --risk-set min=0
	fails 64 "crm-segment: --risk-set: min: '0' is not a whole number, at least 1"
	[[ ! -e "$BATS_TEST_TMPDIR/none.db" ]]
}

@test "--window: rates and revenue over it; gap, drop and receivables as ever" {
	# The last 30 days [10-24, now): Cy and Dee have 2 purchases each,
	# fewer than min (3): no rate.  No one at risk bought in them.
	run crm-segment --risk --window 30d -f id,signals,revenue
	status_is 0
	eq "$output" "$(printf '%s\n' $'id\tsignals\trevenue' \
	    $'8\tgap,drop\t0.00' $'6\treceivables\t0.00' \
	    $'7\treceivables\t0.00' $'1\tgap\t0.00' $'2\tdrop\t0.00')"
}
