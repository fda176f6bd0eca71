#!/usr/bin/env bats
# Test plan: crm-segment's counts and value models (lib/seg.c,
# crm-segment(1)), on eight customers whose figures are worked out by
# hand below.
#   - --count prints the number alone; --by FIELD customers and net
#     revenue per value, with a filter and a --window
#   - --rfm: recency, frequency and net money over the window, scores
#     1 + floor(5 (rank - 1) / n) with ties sharing the lowest rank (the
#     best value's tie the highest), the
#     segment table; customers without purchases left out; a --window,
#     an empty window, a filter
#   - --rfm: money that is none (a purchase without an amount) prints
#     0.00 and ranks lowest, as SQLite sorts NULL, on PostgreSQL too
#   - a model over more customers than one look-up of their columns
#     (lib/seg.c, 256): every row's columns are its own customer's
#   - --pareto: A to 80%, B to 95%, C the rest, a tie kept in one class;
#     shares of the positive total to 2 decimals, none for a customer at
#     or below 0 (class none); a window that empties class B; no revenue
#     at all
#   - --tiers: the highest tier the revenue reaches, or none
#   - returns reduce revenue in every model
#   - --apply: tier or an extra field, only the changes printed and
#     audited ("update"), "N customers changed" on stderr, a second run
#     changes nothing; without --apply nothing is written
#   - --sample N --seed S: repeatable, within the filter, all when N is
#     more; even over many seeds
#   - model output in CSV and JSON, and through crm-log -
#   - a listing or a model is one "export" row in the audit trail
#   - usage errors, 64 with their message
#   - known bugs are tests of the right behaviour, skipped "BUG: ..."

load helper

# The fixture (t/data/seg-value.csv, then t/data/seg-value-log.csv), now
# being 2026-11-23T10:00:00Z and TZ=UTC.  Dates are midnight UTC, so the
# days since a purchase on 2026-11-13 are 10 (10 days and 10 hours,
# rounded down).
#
# id name industry owner tier    purchases (2026 unless said)     returns     R    F  M (net)
# 1  Ann  steel    alice gold    11-13 100, 10-20 200, 09-24 300              10   3  600.00
# 2  Bob  energy   bob   silver  11-13 1000                                   10   1  1000.00
# 3  Cai  steel    alice silver  08-25 50, 07-26 50, 06-26 50     09-01 -50   90   3  100.00
# 4  Dee  steel    bob   -       11-03 600                                    20   1  600.00
# 5  Eve  retail   carol general 2025-11-23 10, 2025-12-23 10                 335  2  20.00
# 6  Fay  retail   carol general none (a call on 11-20)                       -    0  0.00
# 7  Gus  energy   alice -       none                             11-10 -30   -    0  -30.00
# 8  Hal  energy   bob   gold    11-21 400, 11-01 400, 10-01 400,             2    4  1600.00
#                                09-01 400
# Total net revenue: 600 + 1000 + 100 + 600 + 20 + 0 - 30 + 1600 = 3890.00.
fixture() {
	crm-add --import "$DATA/seg-value.csv" 2>/dev/null
	crm-log --import "$DATA/seg-value-log.csv" 2>/dev/null
}

setup() {
	crm_setup
	fixture
}

USAGE1="usage: crm-segment [-d db] [-f fields] [-o tsv|csv|json|table|vcard]"

@test "--count prints the number of matching customers alone" {
	run --separate-stderr crm-segment --count
	status_is 0
	eq "$stderr" ""
	eq "$output" "8"
	run --separate-stderr crm-segment --count 'industry = steel'
	eq "$output" "3"
	run --separate-stderr crm-segment --count -o json 'revenue > 1000'
	eq "$output" "1"
	run --separate-stderr crm-segment --count 'tier = platinum'
	status_is 0
	eq "$output" "0"
}

@test "--by FIELD: customers and net revenue per value, most customers first" {
	# every tier has two customers, so by value, no value first:
	#   none: Dee 600 + Gus -30; general: Eve 20 + Fay 0;
	#   gold: Ann 600 + Hal 1600; silver: Bob 1000 + Cai 100
	run --separate-stderr crm-segment --by tier
	status_is 0
	eq "$stderr" ""
	eq "$output" 'tier	customers	revenue
	2	570.00
general	2	20.00
gold	2	2200.00
silver	2	1100.00'
	# those with revenue: steel Ann Cai Dee (1300), energy Bob Hal (2600),
	# retail Eve (20)
	run --separate-stderr crm-segment --by industry 'revenue > 0'
	eq "$output" 'industry	customers	revenue
steel	3	1300.00
energy	2	2600.00
retail	1	20.00'
}

@test "--by with a window, in CSV and JSON" {
	# since 2026-10-24T10:00:00Z: Ann 100, Bob 1000, Dee 600, Gus -30,
	# Hal 800 (11-21 and 11-01); alice: Ann + Cai + Gus = 70.00,
	# bob: Bob + Dee + Hal = 2400.00, carol: 0.00
	run --separate-stderr crm-segment --by owner --window 30d -o csv
	status_is 0
	eq "$output" 'owner,customers,revenue
alice,3,70.00
bob,3,2400.00
carol,2,0.00'
	run --separate-stderr crm-segment --by tier -o json 'tier is empty'
	eq "$output" '{"tier":null,"customers":2,"revenue":"570.00"}'
}

@test "--rfm: scores worked out by hand, ties sharing the lowest rank" {
	# Six customers bought (Fay and Gus did not: left out), n = 6, and
	# score = 1 + floor(5 (rank - 1) / 6): rank 1 -> 1, 2 -> 1, 3 -> 2,
	# 4 -> 3, 5 -> 4, 6 -> 5.
	# R, longest ago first: Eve 335 (1), Cai 90 (2), Dee 20 (3), Ann and
	#   Bob 10 (both 4), Hal 2 (6): r = 1 1 2 3 3 5
	# F, fewest first: Bob and Dee 1 (both 1), Eve 2 (3), Ann and Cai 3
	#   (both 4), Hal 4 (6): f = Bob 1, Dee 1, Eve 2, Ann 3, Cai 3, Hal 5
	# M, least first: Eve 20 (1), Cai 100 (2: 150 less the 50 returned),
	#   Ann and Dee 600 (both 3), Bob 1000 (5), Hal 1600 (6):
	#   m = Eve 1, Cai 1, Ann 2, Dee 2, Bob 4, Hal 5
	# Segments, first match in the table:
	#   Hal 555 champions (r>=4 f>=4 m>=4); Ann 332 need attention (r=3
	#   f>=3); Bob 314 about to sleep (r=3); Dee 212 hibernating (r=2);
	#   Cai 131 at risk (r<=2 f>=3); Eve 121 lost
	# Sorted by rfm, highest first.
	run --separate-stderr crm-segment --rfm -f id,name
	status_is 0
	eq "$stderr" ""
	eq "$output" 'id	name	recency_days	frequency	monetary	r	f	m	rfm	segment
8	Hal	2	4	1600.00	5	5	5	555	champions
1	Ann	10	3	600.00	3	3	2	332	need attention
2	Bob	10	1	1000.00	3	1	4	314	about to sleep
4	Dee	20	1	600.00	2	1	2	212	hibernating
3	Cai	90	3	100.00	1	3	1	131	at risk
5	Eve	335	2	20.00	1	2	1	121	lost'
}

@test "--rfm --window: only the purchases in the window, only the customers who bought in it" {
	# --window 30d starts at 2026-10-24T10:00:00Z.  Buyers, n = 4:
	#   Ann 10 days, 1 purchase (11-13), 100.00 (10-20 is outside)
	#   Bob 10 days, 1, 1000.00; Dee 20 days, 1, 600.00
	#   Hal 2 days, 2 (11-21, 11-01), 800.00
	# Cai, Eve bought before; Gus's return alone does not count.
	# score = 1 + floor(5 (rank - 1) / 4): 1 -> 1, 2 -> 2, 3 -> 3, 4 -> 4
	# R: Dee (1), Ann and Bob (2), Hal (4): r = 1 2 2 4
	# F: Ann Bob Dee (1), Hal (4): f = 1 1 1 4
	# M: Ann 100 (1), Dee 600 (2), Hal 800 (3), Bob 1000 (4)
	# Hal 443 loyal (r>=3 f>=4, m too low for champions); Bob 214 and Ann
	# 211 hibernating; Dee 112 lost
	run --separate-stderr crm-segment --rfm --window 30d -f id,name
	status_is 0
	eq "$output" 'id	name	recency_days	frequency	monetary	r	f	m	rfm	segment
8	Hal	2	2	800.00	4	4	3	443	loyal
2	Bob	10	1	1000.00	2	1	4	214	hibernating
1	Ann	10	1	100.00	2	1	1	211	hibernating
4	Dee	20	1	600.00	1	1	2	112	lost'
}

@test "--rfm in a window without purchases prints the header alone" {
	# since 2026-11-22T10:00:00Z nobody bought (Hal's last is 11-21)
	run --separate-stderr crm-segment --rfm --window 1d -f id
	status_is 0
	eq "$stderr" ""
	eq "$output" 'id	recency_days	frequency	monetary	r	f	m	rfm	segment'
}

@test "--rfm: money that is none (a purchase without an amount) prints 0.00 and ranks lowest, on either engine" {
	# crm-log refuses such a purchase; older data has them.  SQL's sum()
	# of no amount is NULL, which SQLite sorts first: rank 1 by money.
	# Fay bought on 11-22 without an amount; n = 7, score = 1 +
	# floor(5 (rank - 1) / 7): rank 1 -> 1, 2 -> 1, 3 -> 2, 4 -> 3,
	# 5 -> 3, 6 -> 4, 7 -> 5.
	# R: Eve 335 (1), Cai 90 (2), Dee 20 (3), Ann and Bob 10 (4), Hal 2
	#   (6), Fay 1 (7): Eve 1, Cai 1, Dee 2, Ann 3, Bob 3, Hal 4, Fay 5
	# F: Bob, Dee and Fay 1 (1), Eve 2 (4), Ann and Cai 3 (5), Hal 4
	#   (7): Bob 1, Dee 1, Fay 1, Eve 3, Ann 3, Cai 3, Hal 5
	# M: Fay none (1), Eve 20 (2), Cai 100 (3), Ann and Dee 600 (4),
	#   Bob 1000 (6), Hal 1600 (7): Fay 1, Eve 1, Cai 2, Ann 3, Dee 3,
	#   Bob 4, Hal 5 (PostgreSQL sorts NULL last: Fay had 5 there)
	sql "INSERT INTO interactions (customer_id, at, kind, created) VALUES
	    (6, '2026-11-22T00:00:00Z', 'purchase', '2026-11-22T00:00:00Z')"
	run --separate-stderr crm-segment --rfm -f id,name
	status_is 0
	eq "$stderr" ""
	eq "$output" 'id	name	recency_days	frequency	monetary	r	f	m	rfm	segment
6	Fay	1	1	0.00	5	1	1	511	new
8	Hal	2	4	1600.00	4	5	5	455	champions
1	Ann	10	3	600.00	3	3	3	333	need attention
2	Bob	10	1	1000.00	3	1	4	314	about to sleep
4	Dee	20	1	600.00	2	1	3	213	hibernating
3	Cai	90	3	100.00	1	3	2	132	at risk
5	Eve	335	2	20.00	1	3	1	131	at risk'
}

@test "a model over more customers than one look-up (256) prints each its own columns" {
	# 300 customers, N<i> of E<i>, whose revenue orders them otherwise
	# than by id: every row's name and external_id are its id's.
	new_db
	{
		echo "external_id,name,email"
		for ((i = 1; i <= 300; i++)); do
			echo "E$i,N$i,e$i@x.example"
		done
	} >"$BATS_TEST_TMPDIR/c.csv"
	{
		echo "External ID,At,Kind,Amount"
		for ((i = 1; i <= 300; i++)); do
			echo "E$i,2026-11-01,purchase,$((i * 37 % 101 + 1)).00"
		done
	} >"$BATS_TEST_TMPDIR/l.csv"
	crm-add --import "$BATS_TEST_TMPDIR/c.csv" 2>/dev/null
	crm-log --import "$BATS_TEST_TMPDIR/l.csv" 2>/dev/null
	for model in --pareto --rfm "--tiers a=50"; do
		run --separate-stderr crm-segment $model -f name,id,external_id
		status_is 0
		eq "${#lines[@]}" 301
		eq "$(printf '%s\n' "${lines[@]:1}" | awk -F '\t' '
		    { i = $2 - ids } $1 != "N" i || $3 != "E" i { bad++ }
		    END { print bad + 0 }' ids="$(sql "SELECT min(id) - 1 FROM
		    customers")")" 0
	done
	# the first rows by revenue, ties by id: 101.00 for i = 30, 131, ...
	eq "$(crm-segment --pareto -f external_id | sed -n 2,4p | cut -f 1,2)" \
	    "E30	101.00
E131	101.00
E232	101.00"
}

@test "--rfm with a filter ranks among the matching customers only" {
	# steel buyers, n = 3: Ann (10 days, 3, 600), Cai (90, 3, 100),
	# Dee (20, 1, 600); score = 1 + floor(5 (rank - 1) / 3): 1 2 4
	# R: Cai 1, Dee 2, Ann 3 -> r Cai 1, Dee 2, Ann 4
	# F: Dee 1, Ann and Cai tied at the most (3 orders): both rank 3 ->
	#   f Dee 1, Ann 4, Cai 4 (before, the lowest rank 2 of the tie gave
	#   the most frequent buyers f 2)
	# M: Cai 1, Ann and Dee tied at the most (600): both rank 3 ->
	#   m Cai 1, Ann 4, Dee 4
	# Ann 444 champions; Dee 214 hibernating (r=2); Cai 141 at risk
	# (r<=2 f>=3: a frequent buyer gone 90 days)
	run --separate-stderr crm-segment --rfm -f id 'industry = steel'
	status_is 0
	eq "$output" 'id	recency_days	frequency	monetary	r	f	m	rfm	segment
1	10	3	600.00	4	4	4	444	champions
4	20	1	600.00	2	1	4	214	hibernating
3	90	3	100.00	1	4	1	141	at risk'
	# one buyer alone ranks 1 of 1: 111, lost
	run --separate-stderr crm-segment --rfm -f name 'name = Hal'
	eq "$output" 'name	recency_days	frequency	monetary	r	f	m	rfm	segment
Hal	2	4	1600.00	1	1	1	111	lost'
}

@test "--rfm output in CSV and JSON, and the customers at risk through crm-log -" {
	run --separate-stderr crm-segment --rfm -o csv -f id,email 'industry = steel'
	status_is 0
	eq "${lines[0]}" 'id,email,recency_days,frequency,monetary,r,f,m,rfm,segment'
	eq "${lines[1]}" '1,ann@acme.example,10,3,600.00,4,4,4,444,champions'
	# JSON Lines, no header: Cai is the fifth (see the first --rfm test)
	run --separate-stderr crm-segment --rfm -o json -f id
	eq "${#lines[@]}" 6
	eq "${lines[4]}" '{"id":3,"recency_days":90,"frequency":3,"monetary":"100.00","r":1,"f":3,"m":1,"rfm":"131","segment":"at risk"}'
	# every customer at risk (Cai) gets a call
	run --separate-stderr bash -c "crm-segment --rfm -f id,email |
	    awk -F '\t' 'NR == 1 || \$NF == \"at risk\"' | crm-log - call 'We miss you'"
	status_is 0
	eq "$stderr" "1 interaction logged"
	eq "$(sql "SELECT customer_id, kind FROM interactions WHERE id = $output")" "3|call"
}

@test "--pareto: A is the top set reaching 80%, a tie kept whole, B up to 95%, C the rest" {
	# The contributors' total (revenue above 0) is 3920.00: Gus's -30
	# takes nothing off it.  80% is 3136, 95% is 3724.  By revenue, ties
	# by id, classed by the revenue above the customer's (a tie is one):
	#   Hal 1600 cum 1600 (40.82%): above it 0 < 3136 -> A
	#   Bob 1000 cum 2600 (66.33%): above it 1600 -> A
	#   Ann  600 cum 3200 (81.63%): above it 2600 < 3136 -> A (80% reached)
	#   Dee  600 cum 3800 (96.94%): Ann's tie, above it 2600 too -> A
	#   Cai  100 cum 3900 (99.49%): above it 3800 >= 3724 -> C
	#   Eve   20 cum 3920 (100.00%) -> C
	#   Fay 0 and Gus -30 are no contributors: no share, class none
	# share = 100 * revenue / 3920: 40.82 25.51 15.31 15.31 2.55 0.51
	run --separate-stderr crm-segment --pareto -f id,name
	status_is 0
	eq "$stderr" ""
	eq "$output" 'id	name	revenue	share	cumulative_share	class
8	Hal	1600.00	40.82	40.82	A
2	Bob	1000.00	25.51	66.33	A
1	Ann	600.00	15.31	81.63	A
4	Dee	600.00	15.31	96.94	A
3	Cai	100.00	2.55	99.49	C
5	Eve	20.00	0.51	100.00	C
6	Fay	0.00			none
7	Gus	-30.00			none'
}

@test "--pareto --window: class B may be empty; with a filter the shares are of its total" {
	# --window 30d: Bob 1000, Hal 800, Dee 600, Ann 100, Cai Eve Fay 0,
	# Gus -30; contributors' total 2500, 80% 2000, 95% 2375.
	#   Bob cum 1000 A; Hal cum 1800 (above 1000) A; Dee cum 2400
	#   (above 1800 < 2000) A; Ann: above 2400, past 95% too -> C
	run --separate-stderr crm-segment --pareto --window 30d -f id -o csv
	status_is 0
	eq "$output" 'id,revenue,share,cumulative_share,class
2,1000.00,40.00,40.00,A
8,800.00,32.00,72.00,A
4,600.00,24.00,96.00,A
1,100.00,4.00,100.00,C
3,0.00,,,none
5,0.00,,,none
6,0.00,,,none
7,-30.00,,,none'
	# energy: Hal 1600, Bob 1000, Gus -30; total 2600, 80% 2080:
	# Hal A (61.54%), Bob: above 1600 < 2080 -> A (100.00%), Gus none
	run --separate-stderr crm-segment --pareto -f name 'industry = energy'
	eq "$output" 'name	revenue	share	cumulative_share	class
Hal	1600.00	61.54	61.54	A
Bob	1000.00	38.46	100.00	A
Gus	-30.00			none'
}

@test "--pareto with no revenue: no shares, no customer a contributor" {
	run --separate-stderr crm-segment --pareto --window 1d -f id 'id <= 2'
	status_is 0
	eq "$output" 'id	revenue	share	cumulative_share	class
1	0.00			none
2	0.00			none'
}

@test "--tiers: the highest tier each customer's revenue reaches, or none" {
	# platinum 1500: Hal 1600; gold 600: Bob 1000, Ann 600 and Dee 600
	# (reached exactly); silver 100: Cai; general 0: Eve, Fay; Gus's
	# -30.00 reaches none
	run --separate-stderr crm-segment --tiers 'platinum=1500,gold=600,silver=100,general=0' -f id,name,tier
	status_is 0
	eq "$stderr" ""
	eq "$output" 'id	name	tier	revenue	new_tier
8	Hal	gold	1600.00	platinum
2	Bob	silver	1000.00	gold
1	Ann	gold	600.00	gold
4	Dee		600.00	gold
3	Cai	silver	100.00	silver
5	Eve	general	20.00	general
6	Fay	general	0.00	general
7	Gus		-30.00	'
	# amounts in currency units with cents, spaces around names; a filter
	run --separate-stderr crm-segment --tiers ' top = 999.99 , rest=0' -f id 'industry = steel'
	eq "$output" 'id	revenue	new_tier
1	600.00	rest
4	600.00	rest
3	100.00	rest'
	run --separate-stderr crm-segment --tiers 'top=600.00' -f id --window 30d 'id in (2, 4, 8)'
	eq "$output" 'id	revenue	new_tier
2	1000.00	top
8	800.00	top
4	600.00	top'
}

@test "--tiers finds the highest tier whatever the order they are given in" {
	run --separate-stderr crm-segment --tiers 'general=0,silver=100,gold=600,platinum=1500' -f id 'id in (8, 2, 3, 5)'
	status_is 0
	eq "$output" 'id	revenue	new_tier
8	1600.00	platinum
2	1000.00	gold
3	100.00	silver
5	20.00	general'
	# any order; Gus (-30.00) reaches none
	run --separate-stderr crm-segment --tiers 'silver=100,platinum=1500,general=0,gold=600' -f id 'id in (8, 2, 3, 5, 7)'
	status_is 0
	eq "$output" 'id	revenue	new_tier
8	1600.00	platinum
2	1000.00	gold
3	100.00	silver
5	20.00	general
7	-30.00	'
	# two tiers with one amount: which is meant is unclear
	run --separate-stderr crm-segment --tiers 'gold=600,silver=100,vip=600.00'
	fails 64 "crm-segment: --tiers: 'gold' and 'vip' have the same amount"
}

@test "returns logged with a negative amount reduce revenue in every model" {
	# Bob returns 400.00 of his 1000.00: 600.00, tied with Ann and Dee
	crm-log 2 return --amount -400 --at 2026-11-15 >/dev/null
	run --separate-stderr crm-segment -f id,revenue,returns 'id = 2'
	eq "$output" $'id\trevenue\treturns\n2\t600.00\t1'
	run --separate-stderr crm-segment --tiers 'gold=600.01,silver=0' -f id 'id = 2'
	eq "$output" $'id\trevenue\tnew_tier\n2\t600.00\tsilver'
	# RFM: the return is not a purchase; M is net
	run --separate-stderr crm-segment --rfm -f id 'id = 2'
	eq "$output" $'id\trecency_days\tfrequency\tmonetary\tr\tf\tm\trfm\tsegment\n2\t10\t1\t600.00\t1\t1\t1\t111\tlost'
	# Pareto over the four with 600.00 or more: total 3400, 80% 2720;
	# ties by id in the order.  Hal 1600 A (47.06%); Ann, Bob and Dee,
	# 600 each, one tie with 1600 above it (< 2720): all three A (cum
	# 2200, 2800, 3400: 64.71%, 82.35%, 100.00%), though by id Dee would
	# have had 2800 before her, past 80%
	run --separate-stderr crm-segment --pareto -f id 'revenue >= 600'
	eq "$output" 'id	revenue	share	cumulative_share	class
8	1600.00	47.06	47.06	A
1	600.00	17.65	64.71	A
2	600.00	17.65	82.35	A
4	600.00	17.65	100.00	A'
}

@test "a return logged with a positive amount reduces revenue too" {
	# crm-log takes a return's amount with either sign; 200 is 200 back
	crm-log 2 return --amount 200 --at 2026-11-15 >/dev/null
	run --separate-stderr crm-segment -f id,revenue 'id = 2'
	eq "$output" $'id\trevenue\n2\t800.00'
	run --separate-stderr crm-segment --rfm -f id 'id = 2'
	eq "${lines[1]}" $'2\t10\t1\t800.00\t1\t1\t1\t111\tlost'
	run --separate-stderr crm-segment --tiers 'gold=900,silver=0' -f id 'id = 2'
	eq "${lines[1]}" $'2\t800.00\tsilver'
	run --separate-stderr crm-segment --pareto -f id 'id = 2'
	eq "${lines[1]}" $'2\t800.00\t100.00\t100.00\tA'
	eq "$(crm-segment --by industry 'id = 2' | sed 1d)" $'energy\t1\t800.00'
}

@test "a model without --apply writes nothing" {
	local before
	before=$(dump)
	crm-segment --tiers 'platinum=1500,gold=600' >/dev/null
	crm-segment --rfm >/dev/null
	crm-segment --pareto >/dev/null
	# Only the three export rows of the audit trail are new.
	eq "$(sql "SELECT count(*) FROM audit WHERE action = 'export'")" 3
	sql "DELETE FROM audit WHERE action = 'export'"
	eq "$(dump)" "$before"
}

@test "--tiers --apply writes the tier column: the changes, audited, then nothing to do" {
	# Hal gold -> platinum, Bob silver -> gold, Dee none -> gold; the
	# others keep theirs (Gus reaches no tier and had none); in the
	# model's order, by revenue
	run --separate-stderr crm-segment --tiers 'platinum=1500,gold=600,silver=100,general=0' --apply
	status_is 0
	eq "$stderr" "3 customers changed"
	eq "$output" 'id	name	old	new
8	Hal	gold	platinum
2	Bob	silver	gold
4	Dee		gold'
	eq "$(sql 'SELECT id, tier FROM customers ORDER BY id' | paste -sd ' ' -)" \
	    "1|gold 2|gold 3|silver 4|gold 5|general 6|general 7| 8|platinum"
	eq "$(sql "SELECT customer_id, actor, action, at FROM audit WHERE action = 'update' ORDER BY id" | paste -sd ' ' -)" \
	    "8|tester|update|2026-11-23T10:00:00Z 2|tester|update|2026-11-23T10:00:00Z 4|tester|update|2026-11-23T10:00:00Z"
	eq "$(sql "SELECT detail FROM audit WHERE action = 'update' AND customer_id = 8")" '{"tier":["gold","platinum"]}'
	# again: nothing changes, nothing is audited
	run --separate-stderr crm-segment --tiers 'platinum=1500,gold=600,silver=100,general=0' --apply
	status_is 0
	eq "$stderr" "0 customers changed"
	eq "$output" $'id\tname\told\tnew'
	eq "$(sql "SELECT count(*) FROM audit WHERE action = 'update'")" 3
}

@test "--tiers --apply with a filter changes only the matching customers; one change is singular" {
	run --separate-stderr crm-segment --tiers 'gold=1000,silver=0' --apply -o csv 'industry = energy and tier is not empty'
	# energy with a tier: Bob silver (1000 -> gold), Hal gold (stays)
	status_is 0
	eq "$stderr" "1 customer changed"
	eq "$output" $'id,name,old,new\n2,Bob,silver,gold'
	eq "$(sql 'SELECT tier FROM customers WHERE id = 7')" ""
}

@test "--tiers --apply clears the tier of a customer whose revenue reaches none" {
	# gold=600 only: Cai (100.00, silver) and Eve (20.00, general) and Fay
	# reach no tier, so theirs is cleared
	run --separate-stderr crm-segment --tiers 'gold=600' --apply 'id in (3, 5, 6, 8)'
	status_is 0
	eq "$stderr" "3 customers changed"
	eq "$output" 'id	name	old	new
3	Cai	silver	
5	Eve	general	
6	Fay	general	'
	eq "$(sql 'SELECT id, quote(tier) FROM customers WHERE id IN (3, 5, 6, 8) ORDER BY id' | paste -sd ' ' -)" \
	    "3|NULL 5|NULL 6|NULL 8|'gold'"
}

@test "--tiers --apply=FIELD writes an extra field and leaves the tier alone" {
	run --separate-stderr crm-segment --tiers 'big=1000,small=0' --apply=size 'id <= 2'
	status_is 0
	eq "$stderr" "2 customers changed"
	eq "$output" $'id\tname\told\tnew\n2\tBob\t\tbig\n1\tAnn\t\tsmall'
	run --separate-stderr crm-segment -f id,tier,size 'size is not empty'
	eq "$output" $'id\ttier\tsize\n1\tgold\tsmall\n2\tsilver\tbig'
}

@test "--rfm --apply=FIELD writes the segment, --pareto --apply=FIELD the class" {
	# the steel RFM above: Ann champions, Dee hibernating, Cai at risk
	run --separate-stderr crm-segment --rfm --apply=segment 'industry = steel'
	status_is 0
	eq "$stderr" "3 customers changed"
	eq "$output" 'id	name	old	new
1	Ann		champions
4	Dee		hibernating
3	Cai		at risk'
	eq "$(crm-segment -f id,segment 'segment is not empty' | paste -sd ' ' -)" \
	    "id	segment 1	champions 3	at risk 4	hibernating"
	# the whole base now: Ann needs attention, Cai and Dee stay
	run --separate-stderr crm-segment --rfm --apply=segment 'industry = steel'
	eq "$stderr" "0 customers changed"
	run --separate-stderr crm-segment --rfm --apply=segment
	eq "$stderr" "4 customers changed"
	eq "$output" 'id	name	old	new
8	Hal		champions
1	Ann	champions	need attention
2	Bob		about to sleep
5	Eve		lost'
	eq "$(sql "SELECT count(*) FROM audit WHERE action = 'update'")" 7
	# the classes of the Pareto test above, by id: A A C A C none none A
	run --separate-stderr crm-segment --pareto --apply=abc -o csv
	status_is 0
	eq "$stderr" "8 customers changed"
	eq "$(sql "SELECT group_concat(value, ' ') FROM (SELECT value FROM customer_fields WHERE key = 'abc' ORDER BY customer_id) AS f")" "A A C A C none none A"
}

@test "--apply is refused without a model, without a field, or with a column" {
	local before
	before=$(dump)
	run --separate-stderr crm-segment --apply
	fails_usage 64 "crm-segment: --apply writes a model's verdict: give --rfm, --pareto or --tiers"
	run --separate-stderr crm-segment --rfm --apply
	fails_usage 64 "crm-segment: --apply=FIELD: --rfm and --pareto write into an extra field you name"
	run --separate-stderr crm-segment --pareto --apply=
	fails_usage 64 "crm-segment: --apply=FIELD: --rfm and --pareto write into an extra field you name"
	run --separate-stderr crm-segment --rfm --apply=tier
	fails_usage 64 "crm-segment: --apply=tier: name an extra field, not a column"
	run --separate-stderr crm-segment --tiers gold=1 --apply=owner
	fails_usage 64 "crm-segment: --apply=owner: name an extra field, not a column"
	# "--apply segment" is --apply and an expression "segment"
	run --separate-stderr crm-segment --rfm --apply segment
	fails_usage 64 "crm-segment: --apply=FIELD: --rfm and --pareto write into an extra field you name"
	eq "$(dump)" "$before"
}

@test "--apply on a database that does not exist makes none" {
	run --separate-stderr crm-segment -d none.db --tiers gold=1 --apply
	fails 66 "crm-segment: none.db: no database yet (crm-add creates it)"
	[[ ! -e none.db ]]
}

@test "a listing or a model records one export row in the audit trail; --count none" {
	crm-segment -f id 'industry = steel' >/dev/null
	crm-segment --rfm -f id,name 'industry = steel' >/dev/null
	crm-segment --pareto --spreadsheet -f id >/dev/null
	crm-segment --count >/dev/null
	eq "$(sql "SELECT actor, action, quote(customer_id), detail FROM audit WHERE action = 'export' ORDER BY id")" \
	    'tester|export|NULL|{"what":"crm-segment -f id: industry = steel","rows":3}
tester|export|NULL|{"what":"crm-segment --rfm -f id,name: industry = steel","rows":3}
tester|export|NULL|{"what":"crm-segment --pareto --spreadsheet -f id","rows":8}'
}

@test "the export row of --by and --sample says what was printed" {
	local detail
	crm-segment --by tier >/dev/null
	detail=$(sql "SELECT detail FROM audit WHERE action = 'export'")
	has "$detail" "--by tier"
	has "$detail" '"rows":4'
	sql "DELETE FROM audit WHERE action = 'export'"
	crm-segment -f id --sample 2 --seed 1 --window 30d 'industry = steel' >/dev/null
	detail=$(sql "SELECT detail FROM audit WHERE action = 'export'")
	has "$detail" "--sample 2"
	has "$detail" "--seed 1"
	has "$detail" "--window 30d"
	eq "$detail" '{"what":"crm-segment -f id --sample 2 --seed 1 --window 30d: industry = steel","rows":2}'
	sql "DELETE FROM audit WHERE action = 'export'"
	# --by has no -f; a model keeps its window
	crm-segment --by tier --window 1y 'id > 1' >/dev/null
	crm-segment --pareto -f id --window 1y >/dev/null
	eq "$(sql "SELECT detail FROM audit WHERE action = 'export' ORDER BY id")" \
	    '{"what":"crm-segment --by tier --window 1y: id > 1","rows":4}
{"what":"crm-segment --pareto -f id --window 1y","rows":8}'
	sql "DELETE FROM audit WHERE action = 'export'"
	# a seed picked at random is recorded, so the sample can be had again
	local seed one
	one=$(crm-segment -f id --sample 3)
	detail=$(sql "SELECT detail FROM audit WHERE action = 'export'")
	[[ "$detail" =~ --sample\ 3\ --seed\ ([0-9]+)\" ]]
	seed=${BASH_REMATCH[1]}
	eq "$(crm-segment -f id --sample 3 --seed "$seed")" "$one"
}

@test "--sample N --seed S: the same seed, the same customers; within the filter" {
	local one
	run --separate-stderr crm-segment -f id --sample 3 --seed 42
	status_is 0
	eq "$stderr" ""
	eq "${#lines[@]}" 4
	eq "${lines[0]}" id
	one=$output
	run --separate-stderr crm-segment -f id --sample 3 --seed 42
	eq "$output" "$one"
	# the sample is printed in id order, without repeats
	eq "$(sed 1d <<<"$one" | sort -n | uniq)" "$(sed 1d <<<"$one")"
	# some other seed picks other customers
	local s other=0
	for s in 1 2 3 4 5 6 7 8 9 10; do
		[[ "$(crm-segment -f id --sample 3 --seed $s)" != "$one" ]] && other=1
	done
	eq "$other" 1
	# only matching customers: the steel ones are 1, 3, 4
	run --separate-stderr crm-segment -f id --sample 2 --seed 7 'industry = steel'
	status_is 0
	eq "${#lines[@]}" 3
	[[ "${lines[1]} ${lines[2]}" =~ ^(1\ 3|1\ 4|3\ 4)$ ]]
	# more than match: all of them
	run --separate-stderr crm-segment -f id,name --sample 30 --seed 7 'industry = steel'
	eq "$output" $'id\tname\n1\tAnn\n3\tCai\n4\tDee'
}

@test "--sample is even: over 200 seeds each of 16 customers is picked about as often" {
	# 8 more customers, 16 in all; 200 samples of 4 pick 800 times, 50
	# per customer on average.  The hash is fixed, so this is not flaky:
	# the bounds only guard against a bias such as always the lowest ids.
	local i
	for i in 9 10 11 12 13 14 15 16; do crm-add -n "c$i" >/dev/null; done
	run bash -c 'for s in $(seq 200); do crm-segment -f id --sample 4 --seed $s | sed 1d; done |
	    sort -n | uniq -c | awk "{ print \$1 }"'
	status_is 0
	eq "${#lines[@]}" 16
	local n
	for n in "${lines[@]}"; do
		(( n >= 25 && n <= 75 )) || { echo "picked $n times" >&2; return 1; }
	done
}

@test "--count and --by count the sample when --sample is given" {
	run --separate-stderr crm-segment --count --sample 2 --seed 1
	status_is 0
	eq "$output" "2"
	run --separate-stderr crm-segment --by industry --sample 2 --seed 1
	status_is 0
	eq "$(sed 1d <<<"$output" | awk -F '\t' '{ n += $2 } END { print n }')" 2
	# the same customers as the list with that seed
	eq "$(crm-segment --by industry --sample 3 --seed 5 -o csv | sed 1d | cut -d, -f1,2 | sort)" \
	    "$(crm-segment -f industry --sample 3 --seed 5 | sed 1d | sort | uniq -c | awk '{ print $2 "," $1 }')"
	# within the filter, and all when there are fewer
	run --separate-stderr crm-segment --count --sample 2 --seed 1 'industry = steel'
	eq "$output" "2"
	run --separate-stderr crm-segment --count --sample 30 --seed 1
	eq "$output" "8"
}

@test "options that do not go together, and bad values: 64 with the message" {
	run --separate-stderr crm-segment --rfm --pareto
	fails_usage 64 "crm-segment: --rfm, --pareto and --tiers: one at a time"
	run --separate-stderr crm-segment --pareto --tiers gold=1
	fails_usage 64 "crm-segment: --rfm, --pareto and --tiers: one at a time"
	run --separate-stderr crm-segment --rfm --count
	fails_usage 64 "crm-segment: --count, --by and --sample do not go with a model"
	run --separate-stderr crm-segment --tiers gold=1 --by tier
	fails_usage 64 "crm-segment: --count, --by and --sample do not go with a model"
	run --separate-stderr crm-segment --pareto --sample 2
	fails_usage 64 "crm-segment: --count, --by and --sample do not go with a model"
	run --separate-stderr crm-segment --count --by tier
	fails_usage 64 "crm-segment: --count and --by: one at a time"
	run --separate-stderr crm-segment --seed 3
	fails_usage 64 "crm-segment: --seed goes with --sample"
	run --separate-stderr crm-segment --window 3x
	fails_usage 64 "crm-segment: --window: '3x' is not a duration (24h, 3d, 2w, 1m, 1y)"
	run --separate-stderr crm-segment --window -30d
	fails_usage 64 "crm-segment: --window: '-30d' is not a duration (24h, 3d, 2w, 1m, 1y)"
	run --separate-stderr crm-segment tier = gold
	fails_usage 64 "crm-segment: one expression, in quotes: 'tier ...'"
	run --separate-stderr crm-segment --sample 0
	fails 64 "crm-segment: --sample: '0' is not a whole number of at least 1"
	run --separate-stderr crm-segment --sample 2x
	fails 64 "crm-segment: --sample: '2x' is not a whole number of at least 1"
	run --separate-stderr crm-segment --sample 2 --seed -1
	fails 64 "crm-segment: --seed: '-1' is not a whole number of at least 0"
	run --separate-stderr crm-segment --by teir
	fails 64 "crm-segment: --by: unknown field 'teir' (did you mean 'tier'?)"
	run --separate-stderr crm-segment --rfm -f id,teir
	fails 64 "crm-segment: -f: unknown field 'teir' (did you mean 'tier'?)"
	run --separate-stderr crm-segment --pareto 'teir = gold'
	fails 64 "crm-segment: expression: column 1: unknown field 'teir' (did you mean 'tier'?)"
}

@test "--tiers that are not NAME=AMOUNT: 64, and nothing applied" {
	local before
	before=$(dump)
	run --separate-stderr crm-segment --tiers 'gold=abc'
	fails 64 "crm-segment: --tiers: 'gold=abc' is not NAME=AMOUNT"
	run --separate-stderr crm-segment --tiers 'gold'
	fails 64 "crm-segment: --tiers: 'gold' is not NAME=AMOUNT"
	run --separate-stderr crm-segment --tiers '=100'
	fails 64 "crm-segment: --tiers: '=100' is not NAME=AMOUNT"
	run --separate-stderr crm-segment --tiers 'gold=1,000'
	fails 64 "crm-segment: --tiers: '000' is not NAME=AMOUNT"
	run --separate-stderr crm-segment --tiers ','
	fails 64 "crm-segment: --tiers: no tiers given"
	run --separate-stderr crm-segment --tiers 'gold=600,silver=1.234' --apply
	fails 64 "crm-segment: --tiers: 'silver=1.234' is not NAME=AMOUNT"
	eq "$(dump)" "$before"
}
