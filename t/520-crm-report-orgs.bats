#!/usr/bin/env bats
# Test plan: organisations in crm-report (lib/report.c, crm-report(1)),
# on the fixture of t/data/orgs.bash, figures worked out by hand below.
#   - a database without organisations prints byte for byte what it did
#     before them (t/data/report-noorgs.out, made by the release before
#     from the commands in report-noorgs.cmds), but for pareto's "80% of
#     revenue", changed since on purpose: crm-segment's class A, the tie
#     of Ann and Dee at the line kept in it, and said so on stderr
#   - customer ORG: the record with type and domain, the contact section,
#     the lifetime figures and reminders of it and its contacts, the
#     combined timeline, each row saying whose; one export row
#   - customer PERSON: their organisation, its id and their role in the
#     record; a person who is no contact has no such rows
#   - summary and activity count people as customers; an organisation's
#     own revenue and orders count once, in summary as in sales, with
#     and without --where; activity counts its interactions, but not it
#     among the active
#   - owners: people in the book, organisations' revenue under their
#     owner; pareto ranks whoever bought
#   - --where reaches org.NAME

load helper
load data/orgs

setup() {
	crm_setup
	orgs_fixture
}

# The period of every report here: 2026 to the end of today; all the
# fixture's interactions are in it, and the people were created in it.
report() {
	crm-report -o tsv --no-chart --from 2026-01-01 "$@"
}

@test "no organisations: crm-report prints byte for byte what it did before them" {
	new_db
	noorgs_fixture
	eq "$(sql "SELECT count(*) FROM customers WHERE type <> 'person' OR
	    org_id IS NOT NULL OR role IS NOT NULL")" "0"
	run_each "$DATA/report-noorgs.cmds" >out.txt
	cmp out.txt "$DATA/report-noorgs.out" ||
	    diff out.txt "$DATA/report-noorgs.out"
}

@test "customer ORG: its record, contacts, rolled-up lifetime and the combined timeline" {
	crm-remind add id:1 --due 2026-12-01 Call about renewal >/dev/null
	crm-remind add id:5 --due 2026-12-03 --every 30d Account review \
	    >/dev/null
	crm-remind add id:4 --due 2026-12-02 Not Globex >/dev/null
	# Globex and its contacts Ann and Bob (interactions 1-5, 9, 10):
	# first contact Bob's purchase 10-01, last Bob's complaint 11-15;
	# purchases 500.00 (its own), 300.00 (Ann), 200.00 (Bob): 3, net of
	# Ann's 50.00 return 950.00; one complaint, open; ratings 2 and 4:
	# mean 3.00.  The reminders of Globex and Ann, not Dee's.  The
	# timeline newest first, each row after the time saying whose.
	run --separate-stderr crm-report -o tsv customer id:5
	status_is 0
	eq "$stderr" ""
	eq "$output" "section	key	value
record	id	5
record	external_id	
record	name	Globex
record	company	
record	email	
record	phone	
record	industry	steel
record	tier	gold
record	owner	alice
record	status	active
record	created	2026-01-05T00:00:00Z
record	updated	2026-01-05T00:00:00Z
record	type	org
record	domain	globex.example
contact	1	Ann (buyer) <ann@globex.example>
contact	2	Bob (engineer) <bob@globex.example>
field	Employees	120
field	Region	EMEA
lifetime	first_contact	2026-10-01T00:00:00Z
lifetime	last_contact	2026-11-15T00:00:00Z
lifetime	purchases	3
lifetime	revenue	950.00
lifetime	complaints	1
lifetime	open_complaints	1
lifetime	mean_rating	3.00
reminder	1	2026-12-01T00:00:00Z Ann: Call about renewal
reminder	2	2026-12-03T00:00:00Z Globex: Account review (every 30d)
interaction	5	2026-11-15T00:00:00Z Bob: complaint Late
interaction	2	2026-11-12T00:00:00Z Ann: return 50.00 One valve
interaction	3	2026-11-11T00:00:00Z Ann: feedback
interaction	1	2026-11-10T00:00:00Z Ann: purchase 300.00 Valves
interaction	10	2026-11-02T00:00:00Z Globex: feedback
interaction	9	2026-11-01T00:00:00Z Globex: purchase 500.00 Own order
interaction	4	2026-10-01T00:00:00Z Bob: purchase 200.00"
	# one export row, about the organisation
	eq "$(sql "SELECT customer_id, detail FROM audit WHERE action =
	    'export'")" '5|{"what":"crm-report customer 5","rows":1}'
}

@test "customer PERSON: their organisation and role in the record; their own figures" {
	crm-remind add id:5 --due 2026-12-03 Account review >/dev/null
	run --separate-stderr crm-report -o tsv customer ann@globex.example
	status_is 0
	# Ann alone: 300.00 less 50.00, her rating 4; not Globex's reminder
	eq "$output" "section	key	value
record	id	1
record	external_id	
record	name	Ann
record	company	
record	email	ann@globex.example
record	phone	
record	industry	
record	tier	
record	owner	alice
record	status	active
record	created	2026-11-10T00:00:00Z
record	updated	2026-11-23T10:00:00Z
record	org	Globex
record	org_id	5
record	role	buyer
lifetime	first_contact	2026-11-10T00:00:00Z
lifetime	last_contact	2026-11-12T00:00:00Z
lifetime	purchases	1
lifetime	revenue	250.00
lifetime	complaints	0
lifetime	open_complaints	0
lifetime	mean_rating	4.00
interaction	2	2026-11-12T00:00:00Z return 50.00 One valve
interaction	3	2026-11-11T00:00:00Z feedback
interaction	1	2026-11-10T00:00:00Z purchase 300.00 Valves"
	# Dee is no contact: the twelve columns, no org, org_id or role
	run --separate-stderr crm-report -o tsv -f key customer id:4
	status_is 0
	eq "$(grep -c . <<<"$output")" "21"	# header, 12 + 7 lifetime, 1
	eq "$(grep -cx 'org\|org_id\|role\|type\|domain' <<<"$output")" "0"
}

@test "summary counts people; an organisation's own revenue counts once, as in sales" {
	# People Ann, Bob, Cai, Dee: 4, all new (customers since their
	# first interaction, 2026-09-01 at the earliest) and active.
	# Revenue: Ann 250.00 + Bob 200.00 + Cai 1000.00 + Dee 700.00 +
	# Globex's own 500.00 + Umbrella's own 100.00 = 2750.00 in 6 orders.
	# tier: the people and Initech and Umbrella have none: 4 customers,
	#   2150.00 + 100.00 = 2250.00, 5 orders; gold is Globex alone: no
	#   customer, 500.00, 1 order
	# industry: none Ann, Bob, Cai 1450.00 (3); steel Dee and Globex
	#   1 customer, 1200.00 (2); energy Initech 0.00; retail Umbrella
	#   100.00 (1)
	# owner: alice Ann, Dee, Globex 1450.00 (3); bob Bob, Cai, Initech
	#   1200.00 (2); carol Umbrella 100.00 (1)
	run --separate-stderr report summary
	status_is 0
	eq "$output" "grouping	value	customers	new	active	active_rate	revenue	orders
all		4	4	4	100.00	2750.00	6
tier		4	4	4	100.00	2250.00	5
tier	gold	0	0	0		500.00	1
industry		3	3	3	100.00	1450.00	3
industry	steel	1	1	1	100.00	1200.00	2
industry	energy	0	0	0		0.00	0
industry	retail	0	0	0		100.00	1
owner	alice	2	2	2	100.00	1450.00	3
owner	bob	2	2	2	100.00	1200.00	2
owner	carol	0	0	0		100.00	1
status	active	4	4	4	100.00	2750.00	6"
	# sales, month by month, add up to the same 2750.00:
	# 08 Umbrella 100.00; 09 Cai 1000.00; 10 Bob 200.00;
	# 11 Globex 500.00 + Ann 300.00 - 50.00 + Dee 700.00 = 1450.00 in 3
	#    orders, average (500 + 300 + 700) / 3 = 500.00
	run --separate-stderr report sales
	status_is 0
	eq "$output" "period	revenue	orders	units	average_order	returns	returned
2026-08	100.00	1	0	100.00	0	0.00
2026-09	1000.00	1	0	1000.00	0	0.00
2026-10	200.00	1	0	200.00	0	0.00
2026-11	1450.00	3	0	500.00	1	50.00"
}

@test "--where selects organisations too: their own revenue, once" {
	# steel: Dee 700.00 and Globex's own 500.00, in November
	eq "$(report --where 'industry = steel' sales)" \
	    "period	revenue	orders	units	average_order	returns	returned
2026-11	1200.00	2	0	600.00	0	0.00"
	eq "$(report --where 'industry = steel' -f grouping,customers,revenue summary | head -2)" \
	    "grouping	customers	revenue
all	1	1200.00"
	# the people of steel organisations and steel customers: Ann 250.00
	# and Bob's 10-01 200.00, Dee 700.00, Globex 500.00
	eq "$(report --where 'org.industry = steel or industry = steel' -f period,revenue sales)" \
	    "period	revenue
2026-10	200.00
2026-11	1450.00"
}

@test "activity: an organisation's interactions count, it is not among the active" {
	# 08: Umbrella's purchase, nobody active (0 of 4 people);
	# 09: Cai; 10: Bob; 11: Ann 3, Bob 1, Cai 1, Dee 1, Globex 2 = 8,
	#     the four people active: 100.00
	run --separate-stderr report -f period,interactions,purchase,feedback,active,active_rate activity
	status_is 0
	eq "$output" "period	interactions	purchase	feedback	active	active_rate
2026-08	1	1	0	0	0.00
2026-09	1	1	0	1	25.00
2026-10	1	1	0	1	25.00
2026-11	8	3	2	4	100.00"
}

@test "owners: people in the book, organisations' revenue under their owner" {
	# alice: Ann and Dee; 250.00 + 700.00 + Globex 500.00 = 1450.00
	# bob: Bob and Cai; 200.00 + 1000.00 = 1200.00
	# carol owns Umbrella alone: no customer, 100.00
	# The interactions by the customer's owner: alice's Ann 3, Dee 1,
	# Globex 2 (6); bob's Bob 2, Cai 2 (4); carol's Umbrella 1.
	eq "$(report -f owner,customers,interactions,revenue owners)" \
	    "owner	customers	interactions	revenue
alice	2	6	1450.00
bob	2	4	1200.00
carol	0	1	100.00"
	# By logger: tester logged all 11, and all the revenue with them,
	# 1450.00 + 1200.00 + 100.00 = 2750.00.
	eq "$(report -f owner,customers,interactions,revenue owners --credit logger)" \
	    "owner	customers	interactions	revenue
alice	2	0	0.00
bob	2	0	0.00
tester	0	11	2750.00"
}

@test "pareto: whoever bought, an organisation by its own revenue" {
	# Cai 1000.00, Dee 700.00, Globex 500.00, Ann 250.00, Bob 200.00,
	# Umbrella 100.00: 6 buyers, 2750.00; the top 3 make 2200.00,
	# exactly 80%
	eq "$(report pareto | tail -n 1)" \
	    "80% of revenue	3	50.00	2200.00	80.00"
}
