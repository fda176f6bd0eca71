#!/usr/bin/env bats
# Test plan: organisations in crm-segment (lib/expr.c, lib/seg.c,
# crm-segment(1)), on the fixture of t/data/orgs.bash: three
# organisations, four people, figures worked out by hand below.
#   - a database without organisations prints byte for byte what it did
#     before organisations existed (t/data/seg-noorgs.out, made by the
#     release before them from the commands in seg-noorgs.cmds), but for
#     --pareto's rows, changed since on purpose (one Pareto with
#     crm-report's: the positive total, no share below 0, a tie kept)
#   - people by default in every selection (list, --count, --by,
#     --sample, --rfm, --pareto, --tiers, --apply); --orgs selects the
#     organisations instead, with their own default columns
#   - roll-ups: an organisation's metrics are its own and its contacts'
#     interactions (revenue, purchases, returns, complaints, last
#     contact and purchase, rating, interactions), in a --window too
#   - --orgs --pareto, --rfm, --tiers and --apply at organisation level
#   - contacts, deals and pipeline metrics
#   - org.NAME of a contact's organisation: columns, metrics (rolled up),
#     extra fields, in brackets; org alone; role and type; org.NAME as a
#     column and for --by
#   - -f all: type, org, role and domain at the end, only in a database
#     with organisations
#   - crm-remind's rules select people; crm-deal's filter any customer
#   - the audit trail says --orgs
#   - errors: unknown org.NAME, org.org, org. alone, 64 with the message

load helper
load data/orgs

setup() {
	crm_setup
}

# rows OUTPUT: the lines after the header, joined by spaces.
rows() {
	tail -n +2 | paste -sd ' '
}

@test "no organisations: crm-segment prints byte for byte what it did before them" {
	noorgs_fixture
	# the fixture must hold no organisation, whatever crm-add does
	# (-o vcard's cards say X-CRM-ORG: empty for a company with no
	# organisation, so that reading them back links none: qa14 F9)
	eq "$(sql "SELECT count(*) FROM customers WHERE type <> 'person' OR
	    org_id IS NOT NULL OR role IS NOT NULL")" "0"
	run_each "$DATA/seg-noorgs.cmds" >out.txt
	cmp out.txt "$DATA/seg-noorgs.out" || diff out.txt "$DATA/seg-noorgs.out"
}

@test "people by default in every selection; --orgs the organisations" {
	orgs_fixture
	eq "$(crm-segment -f id | rows)" "1 2 3 4"
	eq "$(crm-segment --count)" "4"
	eq "$(crm-segment --count 'industry = steel')" "1"	# Dee, not Globex
	eq "$(crm-segment --sample 9 --seed 3 -f id | rows)" "1 2 3 4"
	eq "$(crm-segment --pareto -f id | cut -f 1 | rows)" "3 4 1 2"
	# the people's own revenue: Cai 1000, Dee 700, Ann 300 - 50, Bob 200
	eq "$(crm-segment --tiers top=700 -f id | rows)" \
	    "3	1000.00	top 4	700.00	top 1	250.00	 2	200.00	"
	run --separate-stderr crm-segment --orgs
	status_is 0
	eq "$output" "id	name	domain	industry	tier	owner	contacts
5	Globex	globex.example	steel	gold	alice	2
6	Initech	initech.example	energy		bob	1
7	Umbrella		retail		carol	0"
	eq "$(crm-segment --orgs --count)" "3"
	eq "$(crm-segment --orgs --count 'industry = steel')" "1"
	eq "$(crm-segment --orgs --sample 2 --seed 3 --count)" "2"
	run crm-segment --orgs --sample 9 --seed 3 -f id
	eq "$(rows <<<"$output")" "5 6 7"
}

@test "--by: customers and revenue per value, people or organisations" {
	orgs_fixture
	# people: Dee is steel (700.00); the other three have no industry:
	# 250.00 + 200.00 + 1000.00 = 1450.00
	eq "$(crm-segment --by industry)" "industry	customers	revenue
	3	1450.00
steel	1	700.00"
	# organisations, rolled up: energy Initech 1000.00, retail Umbrella
	# 100.00, steel Globex 950.00 (see the roll-up test)
	eq "$(crm-segment --orgs --by industry)" "industry	customers	revenue
energy	1	1000.00
retail	1	100.00
steel	1	950.00"
}

@test "roll-up: an organisation with two contacts and its own purchase" {
	orgs_fixture
	# Globex: its own 500.00, Ann's 300.00 less her 50.00 return, Bob's
	# 200.00: 950.00 in three purchases and one return; Bob's open
	# complaint; ratings 2 (its own) and 4 (Ann's): mean 3; seven
	# interactions (its 2, Ann's 3, Bob's 2); last contact Bob's
	# complaint on 11-15, last purchase Ann's on 11-10.
	# Initech has none of its own: Cai's 1000.00 and call on 11-20.
	# Umbrella has no contacts: its own 100.00.
	run --separate-stderr crm-segment --orgs -f \
	    name,revenue,purchases,returns,complaints,open_complaints,rating,interactions,last_contact,last_purchase
	status_is 0
	eq "$output" "name	revenue	purchases	returns	complaints	open_complaints	rating	interactions	last_contact	last_purchase
Globex	950.00	3	1	1	1	3.00	7	2026-11-15T00:00:00Z	2026-11-10T00:00:00Z
Initech	1000.00	1	0	0	0		2	2026-11-20T00:00:00Z	2026-09-01T00:00:00Z
Umbrella	100.00	1	0	0	0		1	2026-08-01T00:00:00Z	2026-08-01T00:00:00Z"
	# a person's figures stay their own: Ann 250.00, one purchase
	eq "$(crm-segment -f name,revenue,purchases,interactions 'id = 1')" \
	    "name	revenue	purchases	interactions
Ann	250.00	1	3"
	# filters see the rolled-up figures
	eq "$(crm-segment --orgs -f name 'revenue > 900' | rows)" \
	    "Globex Initech"
	eq "$(crm-segment --orgs -f name 'open_complaints > 0' | rows)" \
	    "Globex"
	# --window 30d: from 2026-10-24T10:00:00Z; Globex 500.00 + 300.00
	# - 50.00 = 750.00 (Bob's 10-01 purchase is older), the others none
	eq "$(crm-segment --orgs --window 30d -f name,revenue | rows)" \
	    "Globex	750.00 Initech	0.00 Umbrella	0.00"
}

@test "--orgs --pareto on three organisations, by hand" {
	orgs_fixture
	# Rolled up: Initech 1000.00, Globex 950.00, Umbrella 100.00; total
	# 2050.00.  Shares: 1000/2050 = 48.780 -> 48.78, 950/2050 = 46.341
	# -> 46.34, 100/2050 = 4.878 -> 4.88; cumulative 48.78, 1950/2050 =
	# 95.122 -> 95.12, 100.00.  Classes: Initech A (nothing before it);
	# Globex A (1000 before it, under 80% of 2050 = 1640); Umbrella C
	# (1950 before it, not under 95% = 1947.50).
	run --separate-stderr crm-segment --orgs --pareto -f id,name
	status_is 0
	eq "$output" "id	name	revenue	share	cumulative_share	class
6	Initech	1000.00	48.78	48.78	A
5	Globex	950.00	46.34	95.12	A
7	Umbrella	100.00	4.88	100.00	C"
}

@test "--orgs --rfm and --tiers on the rolled-up figures; --apply writes the organisations" {
	orgs_fixture
	# Recency in whole days to 2026-11-23T10:00: Globex's last purchase
	# 11-10 (Ann's) 13, Initech 09-01 83, Umbrella 08-01 114; frequency
	# 3, 1, 1; money 950.00, 1000.00, 100.00.  With n = 3, score = 1 +
	# floor(5 (rank - 1) / 3), ranks 1 2 3 scoring 1 2 4, ties the lowest
	# rank: R Umbrella 1, Initech 2, Globex 4; F the two 1s rank 1 (1),
	# Globex 3 (4); M Umbrella 1, Globex 2, Initech 4.
	# Segments: Globex 442: r >= 3, f >= 4: loyal; Initech 214: r = 2:
	# hibernating; Umbrella 111: lost.
	run --separate-stderr crm-segment --orgs --rfm -f name
	status_is 0
	eq "$output" "name	recency_days	frequency	monetary	r	f	m	rfm	segment
Globex	13	3	950.00	4	4	2	442	loyal
Initech	83	1	1000.00	2	1	4	214	hibernating
Umbrella	114	1	100.00	1	1	1	111	lost"
	# gold from 900.00: Initech and Globex; Umbrella none
	eq "$(crm-segment --orgs --tiers gold=900,silver=500 -f name)" \
	    "name	revenue	new_tier
Initech	1000.00	gold
Globex	950.00	gold
Umbrella	100.00	"
	run --separate-stderr crm-segment --orgs --tiers gold=900,silver=500 \
	    --apply
	status_is 0
	# Globex was gold already: only Initech changes
	eq "$output" "id	name	old	new
6	Initech		gold"
	eq "$stderr" "1 customer changed"
	eq "$(sql "SELECT id, tier FROM customers WHERE tier IS NOT NULL ORDER
	    BY id" | paste -sd ' ')" "5|gold 6|gold"
}

@test "contacts, deals and pipeline: people and organisations" {
	orgs_fixture
	crm-deal add id:5 "Plant" --amount 12000 >/dev/null
	crm-deal add id:1 "Valves" --amount 300 >/dev/null
	crm-deal add id:2 "Spares" --amount 50 >/dev/null
	crm-deal won 3 >/dev/null
	# open deals now: Globex its 12000.00 and Ann's 300.00 (Bob's 50.00
	# is won): 2, 12300.00; Ann 1, 300.00; contacts: Globex 2, Initech 1
	eq "$(crm-segment --orgs -f name,contacts,deals,pipeline)" \
	    "name	contacts	deals	pipeline
Globex	2	2	12300.00
Initech	1	0	0.00
Umbrella	0	0	0.00"
	eq "$(crm-segment -f name,contacts,deals,pipeline 'id <= 2')" \
	    "name	contacts	deals	pipeline
Ann	0	1	300.00
Bob	0	0	0.00"
	eq "$(crm-segment --orgs -f name 'contacts > 0' | rows)" \
	    "Globex Initech"
	eq "$(crm-segment --orgs -f name 'pipeline >= 12300' | rows)" "Globex"
	eq "$(crm-segment -f name 'deals > 0' | rows)" "Ann"
}

@test "org.NAME: a contact's organisation's columns, metrics and extra fields" {
	orgs_fixture
	# Ann and Bob are Globex's (steel, gold), Cai Initech's (energy)
	eq "$(crm-segment -f name 'org.industry = steel' | rows)" "Ann Bob"
	eq "$(crm-segment -f name 'org.industry = steel or industry = steel' |
	    rows)" "Ann Bob Dee"
	# Dee has no organisation: she differs from every value
	eq "$(crm-segment -f name 'org.industry != steel' | rows)" "Cai Dee"
	eq "$(crm-segment -f name 'org.tier = GOLD' | rows)" "Ann Bob"
	eq "$(crm-segment -f name 'org.tier is empty' | rows)" "Cai Dee"
	# rolled up: Globex 950.00, Initech 1000.00
	eq "$(crm-segment -f name 'org.revenue > 999' | rows)" "Cai"
	eq "$(crm-segment -f name 'org.revenue > 900' | rows)" "Ann Bob Cai"
	eq "$(crm-segment -f name 'org.contacts = 2' | rows)" "Ann Bob"
	eq "$(crm-segment -f name 'org.last_contact < 7d' | rows)" "Cai"
	# an organisation's extra field, in brackets too, and as a number
	eq "$(crm-segment -f name 'org.Region = emea' | rows)" "Ann Bob"
	eq "$(crm-segment -f name 'org.[Region] ~ em' | rows)" "Ann Bob"
	eq "$(crm-segment -f name 'org.Employees > 99' | rows)" "Ann Bob"
	# org alone is the organisation's name
	eq "$(crm-segment -f name 'org = globex' | rows)" "Ann Bob"
	eq "$(crm-segment -f name 'org ~ tech' | rows)" "Cai"
	eq "$(crm-segment -f name 'org is empty' | rows)" "Dee"
	# an organisation is in none
	eq "$(crm-segment --orgs --count 'org is not empty')" "0"
}

@test "role, type, org and org.NAME as columns and for --by" {
	orgs_fixture
	eq "$(crm-segment -f name,role 'role = buyer')" "name	role
Ann	buyer
Cai	buyer"
	eq "$(crm-segment --count 'type = person')" "4"
	eq "$(crm-segment --orgs --count 'type = org')" "3"
	run --separate-stderr crm-segment -f name,type,org,role,org.tier,org.revenue,org.Region -o json 'id in (1, 4)'
	status_is 0
	eq "$output" '{"name":"Ann","type":"person","org":"Globex","role":"buyer","org.tier":"gold","org.revenue":"950.00","org.Region":"EMEA"}
{"name":"Dee","type":"person","org":null,"role":null,"org.tier":null,"org.revenue":null,"org.Region":null}'
	# people per organisation, with their own revenue: Ann 250.00 + Bob
	# 200.00; Cai 1000.00; Dee (none) 700.00
	eq "$(crm-segment --by org)" "org	customers	revenue
Globex	2	450.00
	1	700.00
Initech	1	1000.00"
}

@test "-f all: type, org, role and domain at the end, where there are organisations" {
	orgs_fixture
	run --separate-stderr crm-segment -f all 'id = 1'
	status_is 0
	eq "${lines[0]}" "id	external_id	name	company	email	phone	industry	tier	owner	status	created	updated	tags	Employees	Region	type	org	role	domain"
	eq "${lines[1]}" "1		Ann		ann@globex.example				alice	active	2026-11-10T00:00:00Z	2026-11-23T10:00:00Z				person	Globex	buyer	"
	run --separate-stderr crm-segment --orgs -f all 'id = 5'
	eq "${lines[1]}" "5		Globex				steel	gold	alice	active	2026-01-05T00:00:00Z	2026-01-05T00:00:00Z		120	EMEA	org			globex.example"
}

@test "crm-remind's rules select people; crm-deal's filter any customer" {
	orgs_fixture
	sql "UPDATE customers SET tier = 'gold' WHERE id = 3"
	crm-remind rule add 'tier = gold' --every 30d Gold call >/dev/null
	# Globex is gold too, but a rule is about people: Cai alone
	eq "$(crm-remind --until 2027-12-31 -f id | rows)" "complaint:5 rule:1:3"
	crm-deal add id:5 "Plant" --amount 12000 >/dev/null
	crm-deal add id:4 "Pipes" --amount 900 >/dev/null
	# Globex's deal and Dee's: both steel customers
	eq "$(crm-deal -f id,name 'industry = steel' | rows)" "1	Globex 2	Dee"
}

@test "the audit trail says --orgs" {
	orgs_fixture
	crm-segment --orgs --pareto -f id >/dev/null
	eq "$(sql "SELECT detail FROM audit WHERE action = 'export'")" \
	    '{"what":"crm-segment --orgs --pareto -f id","rows":3}'
}

@test "errors: unknown org.NAME, org.org, org. alone; -f and --by" {
	orgs_fixture
	run --separate-stderr crm-segment 'org.teir = gold'
	fails 64 "crm-segment: expression: column 1: unknown field 'org.teir' (did you mean 'org.tier'?)"
	run --separate-stderr crm-segment 'tier = x or org.org = x'
	fails 64 "crm-segment: expression: column 13: unknown field 'org.org' (after org.: a customer column, a metric, or an extra field)"
	run --separate-stderr crm-segment 'org. = x'
	fails 64 "crm-segment: expression: column 1: unknown field 'org.' (after org.: a customer column, a metric, or an extra field)"
	run --separate-stderr crm-segment 'org.[No such] = x'
	fails 64 "crm-segment: expression: column 1: unknown field 'org.No such' (after org.: a customer column, a metric, or an extra field)"
	run --separate-stderr crm-segment 'org.[Region = x'
	fails 64 "crm-segment: expression: column 1: unterminated field name in brackets"
	run --separate-stderr crm-segment -f id,org.teir
	fails 64 "crm-segment: -f: unknown field 'org.teir' (did you mean 'org.tier'?)"
	# an organisation's extra field no one has: empty, said (as -f NAME)
	run --separate-stderr crm-segment -f id,org.nosuch 'id = 1'
	status_is 0
	eq "$output" $'id\torg.nosuch\n1\t'
	eq "$stderr" "crm-segment: -f: no customer has a field 'org.nosuch': its cells are empty"
	run --separate-stderr crm-segment --by org.org
	fails 64 "crm-segment: --by: unknown field 'org.org' (after org.: a customer column, a metric, or an extra field)"
}
