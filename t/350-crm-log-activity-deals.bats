#!/usr/bin/env bats
# Test plan: an activity of another CRM is linked to the deal its row
# names (qa35 F7), so that an imported open deal is not "quiet since it
# was made" (crm-remind's deal items, a deal's last activity)
#   - by the deal's id, as crm-deal --import keeps it (ref): Salesforce's
#     WhatId of an opportunity (006...), Pipedrive's Deal - ID, HubSpot's
#     Associated Deal IDs (the first of several); a WhatId of an account
#     names no deal and says nothing
#   - by its title (Pipedrive's Deal - Title) when exactly one of the
#     customer's deals (theirs, their organisation's) has it
#   - a deal named and not linked is counted and said, a line for each
#     reason (none such, another customer's, two of that title), with the
#     first row's line; the row is logged without it, never refused
#   - imported before its deals, the same file again links what it
#     logged; a deal linked by hand stays

bats_require_minimum_version 1.5.0

load helper

PD="$BATS_TEST_DIRNAME/data/real/pipedrive-activities.csv"
SF="$BATS_TEST_DIRNAME/data/real/salesforce-export-tasks.csv"

setup() {
	crm_setup
	export TZ=UTC	# CRM_NOW is 2026-11-23T10:00:00Z (helper)
	crm-add --org -n Northwind -x 0015g00000ACC0001 >/dev/null 2>&1
	crm-add --org -n Contoso -x 0015g00000ACC0002 >/dev/null 2>&1
	printf '%s\n' 'name,email,organization,external_id' \
	    'Ann Lee,ann@northwind.example,Northwind,101' \
	    'Bob Martin,bob@contoso.example,Contoso,102' \
	    'Dora Kim,dora@northwind.example,Northwind,104' >people.csv
	crm-add --import people.csv >/dev/null 2>&1
}

# Pipedrive's deals export (t/data/real/pipedrive-deals.csv's header).
pd_deals() {
	head -1 "$BATS_TEST_DIRNAME/data/real/pipedrive-deals.csv" >deals.csv
	printf '%s\n' "$@" >>deals.csv
	crm-deal --import deals.csv >/dev/null 2>&1
}

BIG='"201","Big deal","Rep One","24000","USD","Northwind","Ann Lee","Pipeline","Proposal Made","Open","","2025-01-09 14:22:10","2027-03-31","","","",""'

linked() {
	sql "SELECT i.ref || ' ' || coalesce(d.title, '-') FROM interactions i LEFT JOIN deals d ON d.id = i.deal_id ORDER BY i.ref"
}

@test "Pipedrive: an activity's Deal - Title links it to the customer's deal of that title; crm-remind counts it" {
	pd_deals "$BIG"
	run --separate-stderr crm-log --import --map 'Person - ID=external_id' "$PD"
	status_is 0
	eq "${stderr##*$'\n'}" "3 logged, 0 already there, 2 linked to their deals, 0 rejected"
	eq "$(linked)" "9001 Big deal
9002 -
9003 Big deal"
	# the deal's last activity is the quote of 2026-03-15, not its making
	run crm-remind --all -f note
	status_is 0
	eq "$output" "note
Deal 'Big deal' (Proposal Made, 24000.00): no activity since 2026-03-15"
}

@test "Pipedrive: a deal of the title on another firm, or on a colleague alone, is not hers: said, not linked" {
	pd_deals '"301","Big deal","Rep One","100","USD","Contoso","Bob Martin","Pipeline","Proposal Made","Open","","2025-01-09 14:22:10","","","","",""' \
	    '"302","Quote","Rep One","100","USD","","Dora Kim","Pipeline","Proposal Made","Open","","2025-01-09 14:22:10","","","","",""'
	head -1 "$PD" >acts.csv
	printf '%s\n' '9101,Call,Call,2026-03-10,10:30,,Done,,Rep One,,,101,Ann Lee,ann@northwind.example,Northwind,Big deal' \
	    '9102,Call,Call,2026-03-11,10:30,,Done,,Rep One,,,101,Ann Lee,ann@northwind.example,Northwind,Quote' >>acts.csv
	run --separate-stderr crm-log --import --map 'Person - ID=external_id' acts.csv
	status_is 0
	eq "$stderr" "crm-log: acts.csv:2: 2 rows name a deal not linked (Deal - Title 'Big deal', ...): the deal is another customer's, not the row's person's nor their organisation's: logged without it
2 logged, 0 already there, 0 rejected"
	eq "$(linked)" "9101 -
9102 -"
	# Dora's deal is on her, not on Northwind: Ann's call is not on it,
	# as crm-log --deal refuses it
	eq "$(sql "SELECT c.name FROM deals d JOIN customers c ON c.id = d.customer_id WHERE d.ref = '302'")" "Dora Kim"
}

@test "Pipedrive: two of the customer's deals of the title: said, linked to neither" {
	pd_deals "$BIG" '"202","Big deal","Rep One","5","USD","Northwind","Ann Lee","Pipeline","Proposal Made","Open","","2025-02-09 14:22:10","","","","",""'
	run --separate-stderr crm-log --import --map 'Person - ID=external_id' "$PD"
	status_is 0
	[[ $stderr == *"crm-log: $PD:2: 2 rows name a deal not linked (Deal - Title 'Big deal', ...): two or more of the customer's deals are named so: logged without one (crm-log --deal ID names it)"* ]]
	eq "$(sql "SELECT count(*) FROM interactions WHERE deal_id IS NOT NULL")" 0
}

@test "activities before their deals: said, logged without them; the same file again links them, once" {
	run --separate-stderr crm-log --import --map 'Person - ID=external_id' "$PD"
	status_is 0
	eq "${stderr##*$'\n'}" "3 logged, 0 already there, 0 rejected"
	[[ $stderr == *"crm-log: $PD:2: 2 rows name a deal not linked (Deal - Title 'Big deal', ...): crm has no such deal: logged without it (import the deals first, crm-deal --import; this file imported again then links them)"* ]]
	pd_deals "$BIG"
	run --separate-stderr crm-log --import --map 'Person - ID=external_id' "$PD"
	status_is 0
	eq "${stderr##*$'\n'}" "0 logged, 3 already there, 2 linked to their deals, 0 rejected"
	eq "$(linked)" "9001 Big deal
9002 -
9003 Big deal"
	run --separate-stderr crm-log --import --map 'Person - ID=external_id' "$PD"
	eq "${stderr##*$'\n'}" "0 logged, 3 already there, 0 rejected"
}

@test "a deal linked by hand stays when the file names another" {
	pd_deals "$BIG" '"203","Other","Rep One","5","USD","Northwind","Ann Lee","Pipeline","Proposal Made","Open","","2025-02-09 14:22:10","","","","",""'
	run --separate-stderr crm-log --import --map 'Person - ID=external_id' "$PD"
	sql "UPDATE interactions SET deal_id = (SELECT id FROM deals WHERE ref = '203') WHERE ref = '9001'"
	sql "UPDATE interactions SET deal_id = NULL WHERE ref = '9003'"
	run --separate-stderr crm-log --import --map 'Person - ID=external_id' "$PD"
	eq "${stderr##*$'\n'}" "0 logged, 3 already there, 1 linked to its deal, 0 rejected"
	eq "$(linked)" "9001 Other
9002 -
9003 Big deal"
}

@test "Pipedrive: Deal - ID before Deal - Title; HubSpot: the first of Associated Deal IDs" {
	pd_deals "$BIG" '"202","Renewal","Rep One","5","USD","Northwind","Ann Lee","Pipeline","Proposal Made","Open","","2025-02-09 14:22:10","","","","",""'
	printf '%s\n' 'Activity - ID,Activity - Subject,Activity - Type,Activity - Due date,Activity - Done,Person - ID,Deal - ID,Deal - Title' \
	    '9201,Call,Call,2026-03-10,Done,101,202,Big deal' >acts.csv
	run --separate-stderr crm-log --import --map 'Person - ID=external_id' acts.csv
	status_is 0
	eq "$(linked)" "9201 Renewal"
	printf '%s\n' 'Record ID,Activity date,Call Title,Call notes,Activity assigned to,Associated Contact,Associated Contact IDs,Associated Deal IDs' \
	    '51000000001,2026-03-11 10:30,Renewal call,Discussed,rep1@ourco.example,Ann Lee (ann@northwind.example),101,201;202' >hs.csv
	run --separate-stderr crm-log --import --kind call --map 'Associated Contact IDs=external_id' hs.csv
	status_is 0
	eq "$(linked)" "51000000001 Big deal
9201 Renewal"
}

@test "Salesforce: a task's WhatId of an opportunity links it to the deal of that Id; an account's says nothing" {
	sed 's/0035g00000AAAAAAA1/101/; s/0035g00000AAAAAAA2/102/' "$SF" >task.csv
	printf '%s\n' 'Id,AccountId,Name,StageName,Amount,CloseDate,IsClosed,IsWon,CreatedDate' \
	    '0065g00000OPP0001,0015g00000ACC0001,Rolling mill,Prospecting,100,2027-01-31,false,false,2025-01-09T14:22:10.000Z' >opp.csv
	run --separate-stderr crm-deal --import --source salesforce opp.csv
	status_is 0
	run --separate-stderr crm-log --import --kind call task.csv
	status_is 0
	eq "${stderr##*$'\n'}" "3 logged, 0 already there, 1 linked to its deal, 0 rejected"
	eq "$(linked)" "00T5g00000TSK0001 Rolling mill
00T5g00000TSK0002 -
00T5g00000TSK0004 -"
}

@test "Salesforce: an opportunity crm has not is said; an 18-character WhatId finds the deal kept by its 15" {
	sed 's/0035g00000AAAAAAA1/101/; s/0035g00000AAAAAAA2/102/' "$SF" >task.csv
	run --separate-stderr crm-log --import --kind call task.csv
	status_is 0
	eq "$stderr" "crm-log: task.csv: 1 row skipped: not done yet (Not Started); open tasks are reminders, not contacts: crm-remind import FILE adds them
crm-log: task.csv:2: 1 row names a deal not linked (WhatId '0065g00000OPP0001'): crm has no such deal: logged without it (import the deals first, crm-deal --import; this file imported again then links them)
3 logged, 0 already there, 0 rejected"
	sql "DELETE FROM interactions"
	printf '%s\n' 'Opportunity ID,Account Name,Opportunity Name,Stage,Amount,Close Date' \
	    '0065g00000OPX01,Northwind,Rolling mill,Prospecting,100,2027-01-31' >opp.csv
	run --separate-stderr crm-deal --import --source salesforce opp.csv
	status_is 0
	sed 's/0065g00000OPP0001/0065g00000OPX01AAA/' task.csv >task18.csv
	run --separate-stderr crm-log --import --kind call task18.csv
	status_is 0
	eq "${stderr##*$'\n'}" "3 logged, 0 already there, 1 linked to its deal, 0 rejected"
}
