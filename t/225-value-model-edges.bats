#!/usr/bin/env bats
# Test plan: the edges of the value models and of the spreadsheet export
# (lib/model.c, lib/seg.c, lib/report.c, lib/out.c; crm-segment(1),
# crm-report(1)), on both engines.
#   - one Pareto: crm-segment --pareto and crm-report pareto rank the
#     customers by net revenue and share out the positive total; those at
#     or below zero are no contributors (no share, class none), so no
#     cumulative share passes 100; a tie at the 80% line is kept together
#     in A, and the report's "80% of revenue" is class A (a tie kept
#     whole past the line said on stderr); every figure
#     recomputed here by python3 from the raw interactions
#   - RFM's recency is rounded down; a last purchase after now is 0 days,
#     with a warning naming the customer
#   - RFM's ties share one score: the lowest rank of their group, the
#     tie at the best value the highest (everyone bought today: r 5)
#   - no purchases, or every revenue 0: --pareto, --tiers, --rfm and
#     crm-report pareto print their header (and the customers), exit 0
#   - --spreadsheet: a cell past Excel's 32,767 characters (UTF-16 units,
#     as Excel counts them) is cut at a character's edge, and stderr
#     says which row and column; the formula guard's ' counts; one past
#     its 253 line feeds is cut before the one too many (a CR LF whole)

load helper

# Seven people; net revenue (purchases less returns):
#   1 Ann 600 + 400 = 1000.00     5 Eve 80 - 80 = 0.00
#   2 Bob 300.00                  6 Fay 20.00
#   3 Cai 300.00                  7 Gus (nothing) 0.00
#   4 Dee 100 - 150 = -50.00 (returned more than it bought)
# The positive total is 1620.00 (the net total, 1570.00, is not it).
fixture() {
	cat >cust.csv <<-'EOF'
	external_id,name
	P1,Ann
	P2,Bob
	P3,Cai
	P4,Dee
	P5,Eve
	P6,Fay
	P7,Gus
	EOF
	cat >log.csv <<-'EOF'
	External ID,At,Kind,Amount,Ref
	P1,2026-10-01,purchase,600.00,A-1
	P1,2026-10-15,purchase,400.00,A-2
	P2,2026-09-01,purchase,300.00,B-1
	P3,2026-09-02,purchase,300.00,C-1
	P4,2026-08-01,purchase,100.00,D-1
	P4,2026-08-20,return,-150.00,D-1
	P5,2026-08-03,purchase,80.00,E-1
	P5,2026-08-04,return,-80.00,E-1
	P6,2026-07-01,purchase,20.00,F-1
	EOF
	crm-add --import cust.csv 2>/dev/null
	crm-log --import log.csv 2>/dev/null
}

# The Pareto worked out from the raw rows (id, name, kind, amount in
# minor units), apart from crm: "segment" prints crm-segment --pareto -f
# id,name's rows, "report" crm-report pareto's.
pareto_py() {
	sql "SELECT c.id, c.name, i.kind, i.amount FROM customers c LEFT JOIN
	    interactions i ON i.customer_id = c.id AND i.kind IN ('purchase',
	    'return') WHERE c.type = 'person'" | python3 -c '
import sys
from decimal import Decimal, ROUND_HALF_UP
net, name = {}, {}
for line in sys.stdin.read().splitlines():
    cid, nm, kind, amount = line.split("|")
    cid = int(cid)
    name[cid] = nm
    net.setdefault(cid, 0)
    if amount:
        net[cid] += -abs(int(amount)) if kind == "return" else int(amount)
def money(v):
    return "%s%d.%02d" % ("-" if v < 0 else "", abs(v) // 100, abs(v) % 100)
def pct(a, b):
    return str((Decimal(100 * a) / Decimal(b)).quantize(Decimal("0.01"),
        rounding=ROUND_HALF_UP))
order = sorted(net, key=lambda c: (-net[c], c))
pos = [c for c in order if net[c] > 0]
total = sum(net[c] for c in pos)
def klass(c):
    above = sum(net[d] for d in pos if net[d] > net[c])
    return "A" if above * 100 < total * 80 else \
        "B" if above * 100 < total * 95 else "C"
if sys.argv[1] == "segment":
    print("id\tname\trevenue\tshare\tcumulative_share\tclass")
    cum = 0
    for c in order:
        if net[c] > 0:
            cum += net[c]
            print("%d\t%s\t%s\t%s\t%s\t%s" % (c, name[c], money(net[c]),
                pct(net[c], total), pct(cum, total), klass(c)))
        else:
            print("%d\t%s\t%s\t\t\tnone" % (c, name[c], money(net[c])))
else:
    print("point\tcustomers\tshare_of_customers\trevenue\tshare_of_revenue")
    n = len(pos)
    def row(label, k):
        top = sum(net[c] for c in pos[:k])
        print("%s\t%d\t%s\t%s\t%s" % (label, k, pct(k, n), money(top),
            pct(top, total)))
    for s in range(10, 101, 10):
        row("%d%% of customers" % s, (s * n + 99) // 100)
    if n:
        row("80% of revenue", sum(1 for c in pos if klass(c) == "A"))
' "$1"
}

@test "one Pareto: crm-segment and crm-report share out the positive total, no contributor below it, a tie kept in A" {
	fixture
	# Positive total 1620.00; 80% is 1296, 95% is 1539.
	#   Ann 1000.00 = 61.73%: nobody above -> A
	#   Bob and Cai 300.00 each: 1000 above them (< 1296) -> both A, a
	#     tie kept together (by id Cai would have had 1300 before it and
	#     fallen to B); cumulative 1300 = 80.25%, 1600 = 98.77%
	#   Fay 20.00 = 1.23%: 1600 above (>= 1539) -> C, cumulative 100.00
	#   Eve, Gus 0.00 and Dee -50.00: no contributors, no share
	local want='id	name	revenue	share	cumulative_share	class
1	Ann	1000.00	61.73	61.73	A
2	Bob	300.00	18.52	80.25	A
3	Cai	300.00	18.52	98.77	A
6	Fay	20.00	1.23	100.00	C
5	Eve	0.00			none
7	Gus	0.00			none
4	Dee	-50.00			none'
	eq "$(pareto_py segment)" "$want"
	run --separate-stderr crm-segment --pareto -f id,name
	status_is 0
	eq "$stderr" ""
	eq "$output" "$want"
	# the window's figures are the raw rows', the same
	run --separate-stderr crm-segment --pareto --window 1y -f id,name
	eq "$output" "$want"
	# The report: n = 4 contributors, the top ceil(k n / 10); the 80%
	# point is class A, the three (not Ann and one of the tied two).
	want='point	customers	share_of_customers	revenue	share_of_revenue
10% of customers	1	25.00	1000.00	61.73
20% of customers	1	25.00	1000.00	61.73
30% of customers	2	50.00	1300.00	80.25
40% of customers	2	50.00	1300.00	80.25
50% of customers	2	50.00	1300.00	80.25
60% of customers	3	75.00	1600.00	98.77
70% of customers	3	75.00	1600.00	98.77
80% of customers	4	100.00	1620.00	100.00
90% of customers	4	100.00	1620.00	100.00
100% of customers	4	100.00	1620.00	100.00
80% of revenue	3	75.00	1600.00	98.77'
	eq "$(pareto_py report)" "$want"
	run --separate-stderr crm-report -o tsv --from 2026-01-01 --to 2026-12-01 pareto
	status_is 0
	eq "$output" "$want"
	# the row reads 98.77% where Ann and Bob reach 80%: said why
	eq "$stderr" 'crm-report: pareto: the top 2 customers reach 80% of revenue (80.25%); the row "80% of revenue" has 3 (98.77%): the tie at 300.00 is kept whole, as in crm-segment --pareto'"'"'s class A'
	# --apply writes the same classes, "none" for the no contributors
	run --separate-stderr crm-segment --pareto --apply=abc
	status_is 0
	eq "$(sql "SELECT customer_id || value FROM customer_fields WHERE key = 'abc' ORDER BY customer_id" | paste -sd ' ' -)" \
	    "1A 2A 3A 4none 5none 6C 7none"
}

@test "one Pareto on more customers: crm-segment's class A is crm-report's 80% point, every share at most 100" {
	local i amt
	{
		echo "external_id,name"
		for ((i = 1; i <= 60; i++)); do echo "Q$i,N$i"; done
	} >cust.csv
	{
		echo "External ID,At,Kind,Amount,Ref"
		for ((i = 1; i <= 60; i++)); do
			# many ties, some nets of 0 and below
			amt=$(( (i * 37) % 11 * 25 - 50 ))
			if ((amt > 0)); then
				echo "Q$i,2026-10-0$((i % 9 + 1)),purchase,$amt.00,R$i"
			elif ((amt < 0)); then
				echo "Q$i,2026-09-01,purchase,5.00,R$i"
				echo "Q$i,2026-09-02,return,$((amt - 5)).00,R$i"
			fi
		done
	} >log.csv
	crm-add --import cust.csv 2>/dev/null
	crm-log --import log.csv 2>/dev/null
	run --separate-stderr crm-segment --pareto -f id,name
	status_is 0
	eq "$output" "$(pareto_py segment)"
	awk -F '\t' 'NR > 1 && (($4 != "" && ($4 + 0 > 100 || $4 + 0 < 0)) ||
	    ($5 != "" && $5 + 0 > 100)) { bad++ } END { exit bad > 0 }' \
	    <<<"$output"
	run --separate-stderr crm-report -o tsv --from 2026-01-01 --to 2026-12-01 pareto
	status_is 0
	eq "$output" "$(pareto_py report)"
	eq "$(tail -n 1 <<<"$output" | cut -f 2)" \
	    "$(crm-segment --pareto -f id | awk -F '\t' '$5 == "A"' | wc -l)"
}

@test "RFM: recency rounded down; a last purchase after now is 0 days, with a warning" {
	# now is 2026-11-23T10:00:00Z
	crm-add -x R1 -n Ann >/dev/null
	crm-add -x R2 -n Bob >/dev/null
	crm-add -x R3 -n Cai >/dev/null
	# 10.5 days ago: 10; 10 hours ahead (-0.42 days) and 1.5 days
	# ahead (-1.5): 0 and 0, not -1 (floor) or 0 and -1 (toward zero)
	crm-log R1 purchase --amount 10 --at 2026-11-12T22:00:00Z >/dev/null
	crm-log R2 purchase --amount 20 --at 2026-11-23T20:00:00Z >/dev/null
	crm-log R3 purchase --amount 30 --at 2026-11-24T22:00:00Z >/dev/null 2>&1
	run --separate-stderr crm-segment --rfm -f id
	status_is 0
	eq "$stderr" "crm-segment: --rfm: customer 2 and 1 more: the last purchase is after now (2026-11-23T10:00:00Z): recency_days 0"
	eq "${lines[0]%%$'\t'frequency*}" "id	recency_days"
	eq "$(sed 1d <<<"$output" | cut -f 1,2 | sort -n | paste -sd ' ' -)" \
	    "1	10 2	0 3	0"
	# in a window as well
	run --separate-stderr crm-segment --rfm --window 30d -f id 'id = 3'
	status_is 0
	eq "$stderr" "crm-segment: --rfm: customer 3: the last purchase is after now (2026-11-23T10:00:00Z): recency_days 0"
	eq "$(cut -f 1,2 <<<"${lines[1]}")" "3	0"
	# none ahead: no warning
	run --separate-stderr crm-segment --rfm -f id 'id = 1'
	eq "$stderr" ""
	eq "$(cut -f 1,2 <<<"${lines[1]}")" "1	10"
}

@test "RFM: ties share one score, the tie at the best value the top: everyone who bought today scores r 5" {
	local i
	# now is 2026-11-23T10:00:00Z; six buyers, four today and two on a
	# date after now (recency 0 too), amounts 10 to 60
	for i in 1 2 3 4 5 6; do
		crm-add -x T$i -n "C$i" >/dev/null
	done
	for i in 1 2 3 4; do
		crm-log T$i purchase --amount ${i}0 --at 2026-11-23T0$i:00:00Z >/dev/null
	done
	crm-log T5 purchase --amount 50 --at 2026-11-24T00:00:00Z >/dev/null 2>&1
	crm-log T6 purchase --amount 60 --at 2026-11-30T00:00:00Z >/dev/null 2>&1
	# n = 6, score = 1 + floor(5 (rank - 1) / 6); every recency 0 and
	# every frequency 1 is a tie at the best value: rank 6, score 5 (the
	# lowest rank, 1, gave everyone r 1 and f 1); money 1 1 2 3 4 5
	run --separate-stderr crm-segment --rfm -f id
	status_is 0
	eq "$(sed 1d <<<"$output" | cut -f 1,2,5-8 | sort -n | paste -sd ' ' -)" \
	    "1	0	5	5	1	551 2	0	5	5	1	551 3	0	5	5	2	552 4	0	5	5	3	553 5	0	5	5	4	554 6	0	5	5	5	555"
	# mixed: two more 5 days ago and two 40 days ago, one of whom bought
	# twice; n = 10, score = 1 + floor(5 (rank - 1) / 10)
	for i in 7 8 9 10; do
		crm-add -x T$i -n "C$i" >/dev/null
	done
	crm-log T7 purchase --amount 1 --at 2026-11-18T09:00:00Z >/dev/null
	crm-log T8 purchase --amount 1 --at 2026-11-18T08:00:00Z >/dev/null
	crm-log T9 purchase --amount 1 --at 2026-10-14T09:00:00Z >/dev/null
	crm-log T10 purchase --amount 1 --at 2026-10-10T09:00:00Z >/dev/null
	crm-log T10 purchase --amount 1 --at 2026-10-14T08:00:00Z >/dev/null
	# R, longest ago first: 9 and 10 (40 days: ranks 1-2, the lowest,
	#   r 1), 7 and 8 (5 days: ranks 3-4, the lowest, r 2), 1 to 6 (0
	#   days, the best: ranks 5-10, the highest, r 5; the lowest gave 3)
	# F: nine buyers of one order tie at the worst (rank 1, f 1); 10
	#   alone has the most (rank 10, f 5)
	run --separate-stderr crm-segment --rfm -f id
	status_is 0
	eq "$(sed 1d <<<"$output" | cut -f 1,2,3,5,6 | sort -n | paste -sd ' ' -)" \
	    "1	0	1	5	1 2	0	1	5	1 3	0	1	5	1 4	0	1	5	1 5	0	1	5	1 6	0	1	5	1 7	5	1	2	1 8	5	1	2	1 9	40	1	1	1 10	40	2	1	5"
}

@test "no purchases, or every revenue 0: the models and the report print their header, exit 0" {
	local m
	# no customers at all
	crm-add -n Nobody >/dev/null
	crm-add --erase 1 --yes >/dev/null 2>&1
	for m in --pareto --rfm "--tiers gold=1,none=0"; do
		run --separate-stderr crm-segment $m -f id
		status_is 0
		eq "$stderr" ""
		eq "${#lines[@]}" 1
	done
	run --separate-stderr crm-report -o tsv pareto
	status_is 0
	eq "$output" "point	customers	share_of_customers	revenue	share_of_revenue"
	# customers without purchases, and one whose return undid it
	crm-add -x Z1 -n Ann >/dev/null
	crm-add -x Z2 -n Bob >/dev/null
	crm-log Z2 purchase --amount 50 --at 2026-11-01 >/dev/null
	crm-log Z2 return --amount 50 --at 2026-11-02 >/dev/null
	run --separate-stderr crm-segment --pareto -f name
	status_is 0
	eq "$stderr" ""
	eq "$output" "name	revenue	share	cumulative_share	class
Ann	0.00			none
Bob	0.00			none"
	run --separate-stderr crm-segment --tiers gold=1,general=0 -f name
	status_is 0
	eq "$output" "name	revenue	new_tier
Ann	0.00	general
Bob	0.00	general"
	# Bob bought (and returned): scored alone, 0.00 of money
	run --separate-stderr crm-segment --rfm -f name
	status_is 0
	eq "$output" "name	recency_days	frequency	monetary	r	f	m	rfm	segment
Bob	22	1	0.00	1	1	1	111	lost"
	run --separate-stderr crm-report -o tsv --from 2026-01-01 --to 2026-12-01 pareto
	status_is 0
	eq "$stderr" ""
	eq "$output" "point	customers	share_of_customers	revenue	share_of_revenue"
}

# A cell of n characters of s, as Excel counts them: UTF-16 units.
long() {
	python3 -c 'import sys; print(sys.argv[1] * int(sys.argv[2]), end="")' "$1" "$2"
}

@test "--spreadsheet cuts a cell past Excel's 32,767 characters and says which row and column" {
	crm-add -n Ann -F "note=$(long x 40000)" >/dev/null
	crm-add -n Bob -F "note=short" >/dev/null
	# U+1F600 is two UTF-16 units: 16,383 of them make 32,766
	crm-add -n Cai -F "note=$(long $'\U0001F600' 20000)" >/dev/null
	# a formula's guard ' is part of the cell
	crm-add -n Dee -F "note==$(long y 32766)" >/dev/null
	run --separate-stderr crm-segment --spreadsheet -f name,note
	status_is 0
	eq "${stderr_lines[0]}" "crm-segment: --spreadsheet: row 2, column note: 40000 characters, cut to Excel's 32767"
	eq "${stderr_lines[1]}" "crm-segment: --spreadsheet: 3 cells cut to Excel's 32767 characters"
	eq "${#stderr_lines[@]}" 2
	python3 -c '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
units = lambda s: len(s.encode("utf-16-le")) // 2
assert rows[0] == ["name", "note"], rows[0]
got = {r[0]: r[1] for r in rows[1:]}
assert got["Ann"] == "x" * 32767, len(got["Ann"])
assert got["Bob"] == "short"
assert got["Cai"] == "\U0001F600" * 16383, units(got["Cai"])
assert got["Dee"] == "\x27=" + "y" * 32765, units(got["Dee"])
' <(crm-segment --spreadsheet -f name,note 2>/dev/null)
	# without --spreadsheet nothing is cut
	eq "$(crm-segment -o csv -f note 'name = Ann' | sed 1d | wc -c)" 40001
	# the reports' writer too: a customer's picture
	run --separate-stderr crm-report --spreadsheet customer 1
	status_is 0
	has "$stderr" "crm-report: --spreadsheet: row "
	has "$stderr" ", column value: 40000 characters, cut to Excel's 32767"
}

# n lines "lN" joined by sep (a line feed, or CR LF).
lines() {
	python3 -c 'import sys; print(sys.argv[2].join("l%d" % i for i in range(1, int(sys.argv[1]) + 1)), end="")' "$1" "$2"
}

@test "--spreadsheet cuts a cell past Excel's 253 line feeds and says which row and column" {
	crm-add -n Ann -F "note=$(lines 300 $'\n')" >/dev/null
	# 253 line feeds (254 lines): whole
	crm-add -n Bob -F "note=$(lines 254 $'\n')" >/dev/null
	# CR LF: cut before the 254th, its CR too
	crm-add -n Cai -F "note=$(lines 260 $'\r\n')" >/dev/null
	run --separate-stderr crm-segment --spreadsheet -f name,note
	status_is 0
	eq "${stderr_lines[0]}" "crm-segment: --spreadsheet: row 2, column note: 299 line feeds, cut to Excel's 253"
	eq "${stderr_lines[1]}" "crm-segment: --spreadsheet: 2 cells cut to Excel's 253 line feeds"
	eq "${#stderr_lines[@]}" 2
	python3 -c '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
got = {r[0]: r[1] for r in rows[1:]}
want = lambda n, sep: sep.join("l%d" % i for i in range(1, n + 1))
assert got["Ann"] == want(254, "\n"), got["Ann"][-20:]
assert got["Bob"] == want(254, "\n")
assert got["Cai"] == want(254, "\r\n"), repr(got["Cai"][-20:])
' <(crm-segment --spreadsheet -f name,note 2>/dev/null)
	# without --spreadsheet nothing is cut
	eq "$(crm-segment -o json -f note 'name = Ann' | python3 -c 'import json, sys; print(json.load(sys.stdin)["note"].count("\n"))')" 299
}
