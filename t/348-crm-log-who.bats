#!/usr/bin/env bats
# Test plan: who a row of crm-log --import is (lib/iaimport.c keycols,
# record_id, add_customer), in the exports qa30 and qa31 met:
#   - another CRM's activity export: its own record id (Salesforce's ID,
#     HubSpot's Record ID, Zoho's Record Id) is the row's ref, and the
#     person it is with (WHOID, Associated Contact IDs, Who Id, Person -
#     ID; HubSpot's "Ann Lee (ann@...)") is the customer, found by the
#     id her contacts export gave crm (external_id); an id of nobody
#     adds nobody, --add-customers or not (qa30 F2)
#   - a Salesforce report's 15-character id is the contact whose
#     18-character id (Data Loader's) begins with it, case and all
#   - crm-remind add - reads the same columns
#   - a note on an organisation alone is the organisation's, and the
#     hint never names our own user's column as the customer (qa30 F5)

bats_require_minimum_version 1.5.0

load helper

sf_contacts() {
	crm-add --import "$DATA/real/salesforce-dataloader-contacts.csv" \
	    >/dev/null 2>&1
}

# qa30 F2: "ID: no customer '00T5g...' (--add-customers adds them)", and
# following it added a customer named by each task's id.
@test "Salesforce tasks: the ID is the task's ref, WHOID the contact" {
	sf_contacts
	local n=$(ncustomers)
	run --separate-stderr crm-log --import --kind call --add-customers \
	    "$DATA/real/salesforce-dataloader-tasks.csv"
	status_is 0
	has "$stderr" "3 logged, 0 already there, 0 customers added, 0 rejected"
	eq "$(ncustomers)" "$n"
	eq "$(sql "SELECT c.external_id || ' ' || i.ref FROM interactions i
	    JOIN customers c ON c.id = i.customer_id ORDER BY i.ref")" \
	    "0035g00000AbCdEAAV 00T5g00000T0001EAB
0035g00000AbCdEAAV 00T5g00000T0002EAB
0035g00000AbCdGAAV 00T5g00000T0003EAB"
	run --separate-stderr crm-log --import --kind call \
	    "$DATA/real/salesforce-dataloader-tasks.csv"
	status_is 0
	has "$stderr" "0 logged, 3 already there, 0 rejected"
}

@test "Salesforce: a WHOID nobody has adds nobody, and says to import the contacts" {
	sf_contacts
	local n=$(ncustomers)
	printf '%s\n' ID,WHOID,SUBJECT 00T5g00000T0009EAB,0035g00000ZzZzZAAV,Hi >t.csv
	run --separate-stderr crm-log --import --kind call --add-customers t.csv
	fails 65 "crm-log: t.csv:2: WHOID: no customer with WHOID '0035g00000ZzZzZAAV': the contacts export of the system it is from, imported first (crm-add --import), gives crm its contacts' ids"
	eq "$(ncustomers)" "$n"
}

# qa30 F2: a report's 15-character Contact ID after Data Loader's
# 18-character ids: "--add-customers adds them" made a second María.
@test "Salesforce: a 15-character id is the contact of the 18-character one, case and all" {
	sf_contacts
	local n=$(ncustomers)
	printf '%s\n' 'Contact ID,Subject,Date' '0035g00000AbCdE,Call María,2026-03-01' >r.csv
	run --separate-stderr crm-log --import --kind call --add-customers r.csv
	status_is 0
	eq "$(sql "SELECT c.name FROM interactions i JOIN customers c ON
	    c.id = i.customer_id")" "María González"
	# AbCdE in other capitals is another record: nobody, no one added
	printf '%s\n' 'Contact ID,Subject,Date' '0035g00000ABCDE,Call,2026-03-02' >u.csv
	run --separate-stderr crm-log --import --kind call --add-customers u.csv
	status_is 65
	has "$stderr" "no customer with Contact ID '0035g00000ABCDE'"
	eq "$(ncustomers)" "$n"
	# and the other way: an 18-character id for a 15-character one
	crm-add -n 'Wu Li' --external-id 0035g00000Zq9Xy >/dev/null
	printf '%s\n' 'Contact ID,Subject,Date' '0035g00000Zq9XyAAJ,Call Wu,2026-03-03' >w.csv
	run --separate-stderr crm-log --import --kind call w.csv
	status_is 0
	eq "$(sql "SELECT count(*) FROM interactions i JOIN customers c ON
	    c.id = i.customer_id WHERE c.name = 'Wu Li'")" 1
}

hs_contacts() {
	crm-add --import "$DATA/real/hubspot-contacts.csv" >/dev/null 2>&1
}

# qa30 F2: "Record ID: no customer '51000000001'"; --add-customers added
# three customers named by the calls' ids.
@test "HubSpot calls: Record ID is the ref, Associated Contact IDs the contact" {
	hs_contacts
	local n=$(ncustomers)
	run --separate-stderr crm-log --import --kind call --add-customers \
	    "$DATA/real/hubspot-calls.csv"
	status_is 0
	has "$stderr" "3 logged, 0 already there, 0 customers added, 0 rejected"
	eq "$(ncustomers)" "$n"
	eq "$(sql "SELECT c.external_id || ' ' || i.ref FROM interactions i
	    JOIN customers c ON c.id = i.customer_id ORDER BY i.ref")" \
	    "39779198735 51000000001
39779198736 51000000002
39779198737 51000000003"
}

# Two contacts on one note: the first's.  No id: the e-mail in
# "Bob Martin <BOB@Contoso.example>".
@test "HubSpot notes: the first of several contacts, or the e-mail in Associated Contact" {
	hs_contacts
	run --separate-stderr crm-log --import --kind note \
	    "$DATA/real/hubspot-notes.csv"
	status_is 0
	eq "$(sql "SELECT i.ref || ' ' || c.external_id FROM interactions i
	    JOIN customers c ON c.id = i.customer_id ORDER BY i.ref")" \
	    "52000000001 39779198735
52000000002 39779198735
52000000003 39779198736"
}

# qa30 F2: "stdin:2: Record ID: no customer '53000000001'".
@test "crm-remind add - reads an activity export's contact, not its Record ID" {
	hs_contacts
	run --separate-stderr crm-remind add - --in 1d 'Call back' \
	    <"$DATA/real/hubspot-calls.csv"
	status_is 0
	eq "$(sql "SELECT group_concat(c.external_id, ' ') FROM (SELECT
	    c.external_id FROM reminders r JOIN customers c ON
	    c.id = r.customer_id ORDER BY 1) c")" \
	    "39779198735 39779198736 39779198737"
}

@test "Zoho calls: Record Id is the ref, Who Id the contact" {
	printf '%s\n' 'Record Id,Contact Owner,First Name,Last Name,Email,Phone,Created Time' \
	    'zcrm_5725767000000384001,Rep One,Ann,Lee,ann@northwind.example,+44 20 7946 0001,2024-03-12 09:14:00' \
	    'zcrm_5725767000000384002,Rep Two,Bob,Martin,bob@contoso.example,,2024-03-15 14:30:00' >zc.csv
	crm-add --import zc.csv >/dev/null 2>&1
	run --separate-stderr crm-log --import --kind call --add-customers \
	    "$DATA/real/zoho-calls.csv"
	status_is 0
	has "$stderr" "2 logged, 0 already there, 0 customers added, 0 rejected"
	eq "$(ncustomers)" 2
	eq "$(sql "SELECT c.name || ' ' || i.ref FROM interactions i
	    JOIN customers c ON c.id = i.customer_id ORDER BY i.ref")" \
	    "Ann Lee zcrm_5725767000000500001
Bob Martin zcrm_5725767000000500002"
}

pd_people() {
	printf '%s\n' 'Person - ID,Person - Name,Person - Email,Person - Phone,Person - Owner,Organization - Name' \
	    '101,Ann Lee,ann@northwind.example,+44 20 7946 0001,Rep One,Northwind' \
	    '102,Bob Martin,bob@contoso.example,,Rep Two,Contoso' \
	    '103,Cai Chen,,+1 206 555 0100,Rep One,' >pp.csv
	crm-add --import pp.csv >/dev/null 2>&1
}

# qa30 F5: the org-only note said --map 'Note - User=customer name', and
# following it added our own rep, "Rep Two", as a customer.
@test "Pipedrive notes: a note on an organisation alone is the organisation's" {
	pd_people
	local n=$(ncustomers)
	run --separate-stderr crm-log --import --kind note \
	    "$DATA/real/pipedrive-notes.csv"
	status_is 0
	has "$stderr" "3 logged, 0 already there, 0 rejected"
	eq "$(ncustomers)" "$n"
	eq "$(sql "SELECT c.name FROM interactions i JOIN customers c ON
	    c.id = i.customer_id ORDER BY i.id")" "Ann Lee
Contoso
Cai Chen"
}

@test "no customer given: the hint never names a user's or owner's column" {
	printf '%s\n' 'Note - ID,Note - Content,Note - User,Person - Email' \
	    '7002,Org-only note,Rep Two,' >n.csv
	run --separate-stderr crm-log --import --kind note n.csv
	fails 65 "crm-log: n.csv:2: Person - Email: no customer given; --rejects FILE leaves such rows out"
}

@test "an organisation nobody is adds nobody, --add-customers or not" {
	printf '%s\n' 'Note - ID,Note - Content,Person - Email,Organization - Name' \
	    '7002,Org-only note,,Fabrikam' >o.csv
	crm-add -n 'Ann Lee' >/dev/null
	run --separate-stderr crm-log --import --kind note --add-customers o.csv
	fails 65 "crm-log: o.csv:2: Organization - Name: no organisation 'Fabrikam' (crm-add --org -n NAME adds it)"
	eq "$(ncustomers)" 1
}
