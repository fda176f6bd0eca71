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

# qa31 F1: the lead's id was read as the customer's: Karl (no e-mail)
# was added again by every import, with no phone; since 0ddf68d the row
# was refused instead.  The id is the lead's: its ref.
@test "Meta lead form: a lead without an e-mail is added once, with her phone, and found again" {
	local f="$DATA/real/meta-leads.tsv"
	crm-add -n 'Bob Turner' -e bob@example.com -p '(415) 555-0132' >/dev/null
	run --separate-stderr crm-log --import --kind inquiry --add-customers "$f"
	status_is 0
	has "$stderr" "3 logged, 0 already there, 2 customers added, 0 rejected"
	eq "$(sql "SELECT name || '|' || coalesce(email, '') || '|' || phone || '|' ||
	    external_id FROM customers WHERE id > 1 ORDER BY id")" \
	    "Julia Rossi|julia@example.it|+393471234567|l:120211112
Karl Weber||+4917112345678|l:120211113"
	eq "$(sql "SELECT group_concat(ref, ' ') FROM (SELECT ref FROM
	    interactions ORDER BY ref) r")" "l:120211111 l:120211112 l:120211113"
	run --separate-stderr crm-log --import --kind inquiry --add-customers "$f"
	status_is 0
	has "$stderr" "0 logged, 3 already there, 0 customers added, 0 rejected"
	eq "$(ncustomers)" 3
	# and crm-add, given the same file, finds the leads crm-log added
	crm-add --import "$f" >/dev/null 2>&1
	eq "$(ncustomers)" 3
}

# The other way: crm-add first, whose leads crm-log then finds.
@test "Meta lead form: the leads crm-add imported are found, none added twice" {
	local f="$DATA/real/meta-leads.tsv"
	crm-add --import "$f" >/dev/null 2>&1
	run --separate-stderr crm-log --import --kind inquiry --add-customers "$f"
	status_is 0
	has "$stderr" "3 logged, 0 already there, 0 customers added, 0 rejected"
	eq "$(ncustomers)" 3
}

@test "an organisation nobody is adds nobody, --add-customers or not" {
	printf '%s\n' 'Note - ID,Note - Content,Person - Email,Organization - Name' \
	    '7002,Org-only note,,Fabrikam' >o.csv
	crm-add -n 'Ann Lee' >/dev/null
	run --separate-stderr crm-log --import --kind note --add-customers o.csv
	fails 65 "crm-log: o.csv:2: Organization - Name: no organisation 'Fabrikam' (crm-add --org -n NAME adds it)"
	eq "$(ncustomers)" 1
}

# qa31 F9: Ko-fi needed --map BuyerEmail=email --map Received=amount
# --map 'DateTime (UTC)=at', and its anonymous tip stopped the file.
# Python over the file: Bob 5.00 + 6.00, Gus 12.00, Hana 80.00.
@test "Ko-fi: read as it is; From names the supporters added; an anonymous tip is skipped and counted" {
	local f="$DATA/real/kofi-transactions.csv"
	crm-add -n 'Bob Turner' -e bob@example.com >/dev/null
	run --separate-stderr crm-log --import --add-customers "$f"
	status_is 0
	eq "$stderr" "crm-log: $f: 1 row skipped: no customer named
4 logged, 0 already there, 2 customers added, 0 rejected"
	eq "$(sql "SELECT c.name || ' ' || sum(i.amount) || ' ' || count(*)
	    FROM interactions i JOIN customers c ON c.id = i.customer_id
	    WHERE i.kind = 'purchase' GROUP BY c.name ORDER BY c.name")" \
	    "Bob Turner 1100 2
Gus Park 1200 1
Hana Ito 8000 1"
	eq "$(sql "SELECT ref || ' ' || at || ' ' || coalesce(summary, '')
	    FROM interactions ORDER BY ref LIMIT 1")" \
	    "TX-1 2026-10-03T14:32:05Z Thanks, love the zine!"
	run --separate-stderr crm-log --import --add-customers "$f"
	status_is 0
	has "$stderr" "0 logged, 4 already there, 0 customers added, 0 rejected"
}

# qa31 F3: "no amount column: say which with --map 'Lifetime Amount=amount'";
# following it logged lifetime totals as purchases, again every month.
@test "a member list's lifetime and pledge amounts are never offered as an amount" {
	run --separate-stderr crm-log --import --kind purchase \
	    "$DATA/real/patreon-members.csv"
	fails 65 "crm-log: $DATA/real/patreon-members.csv:1: no amount column: a member or customer list holds running totals and pledges, not payments (each would be counted again by every month's list): crm-add --import reads it; crm-log reads the payments export"
	printf '%s\n' 'Email,Total Spent,Order Total' 'a@example.com,100.00,20.00' >t.csv
	run --separate-stderr crm-log --import --kind purchase --map 'Order Total=-' t.csv
	status_is 65
	has "$stderr" "no amount column: a member or customer list"
}

# qa31 F8: the names and phones in bookings and payments were dropped
# by --add-customers: Calendly's Invitee Name and Text Reminder
# Number, Acuity's Phone, Razorpay's contact.
@test "--add-customers gives the customers it adds the row's name and phone" {
	printf '%s\n' 'User Name,Invitee Name,Invitee Email,Text Reminder Number,Event Type Name,Start Date & Time,User Email' \
	    'Jo Coach,Ian Moss,ian@example.co.uk,+44 7700 900456,60 Minute Session,2026-11-04 14:30,jo@coach.example' >cal.csv
	run --separate-stderr crm-log --import --kind meeting --add-customers \
	    --map 'Start Date & Time=at' cal.csv
	status_is 0
	printf '%s\n' 'Start Time,First Name,Last Name,Phone,Email,Appointment ID' \
	    '2026-11-05 15:30,Max,Müller,0171 2345678,max@example.de,9002' >ac.csv
	run --separate-stderr crm-log --import --kind meeting --add-customers ac.csv
	status_is 0
	printf '%s\n' 'id,amount,currency,status,email,contact,created_at' \
	    'pay_A1,1500.00,INR,captured,ravi@example.in,+919876543210,2026-11-06 14:05:33' >rz.csv
	run --separate-stderr crm-log --import --kind purchase --add-customers rz.csv
	status_is 0
	eq "$(sql "SELECT name || '|' || phone FROM customers ORDER BY id")" \
	    "Ian Moss|+44 7700 900456
Max Müller|0171 2345678
ravi@example.in|+919876543210"
	# a bare Phone is no extra field of the interaction, as before
	eq "$(sql "SELECT count(*) FROM interaction_fields WHERE key = 'Phone'")" 0
}

# The first of several is an id's or an address's: a name's ';' is its own.
@test "a bare customer key with a ';' is a name as it is" {
	crm-add -n 'Smith; John' >/dev/null
	printf '%s\n' 'Customer,Subject,Date' '"Smith; John",Hi,2026-03-01' >s.csv
	run --separate-stderr crm-log --import --kind call s.csv
	status_is 0
	eq "$(sql "SELECT count(*) FROM interactions")" 1
}

# A contact id crm never learned (HubSpot's contacts not imported), but
# the row's Associated Contact gives an address crm has: hers, and the
# id learned with it.
@test "HubSpot calls without the contacts imported: the e-mail in Associated Contact finds her, who learns the id" {
	crm-add -n 'Ann Lee' -e ann.lee@northwind.example >/dev/null
	run --separate-stderr crm-log --import --kind call --rejects rj.csv \
	    "$DATA/real/hubspot-calls.csv"
	status_is 0
	has "$stderr" "1 logged, 0 already there, 2 rejected"
	has "$(cat rj.csv)" "no customer with Associated Contact IDs '39779198736'"
	eq "$(sql "SELECT c.external_id || ' ' || i.ref FROM interactions i
	    JOIN customers c ON c.id = i.customer_id")" "39779198735 51000000001"
	eq "$(ncustomers)" 1
}

# Pipedrive's activities (its export's header, t/data/real) read before
# its people: Cai (Person - ID 103, no e-mail) at Initech.
pd_acts() {
	head -1 "$DATA/real/pipedrive-activities.csv" >acts.csv
	printf '%s\n' \
	    '9001,Intro call,Call,2026-03-10,10:30,00:15,Done,2026-03-10 10:50:00,Rep One,,2026-03-09 08:00:00,101,Ann Lee,ann@northwind.example,Northwind Example,' \
	    '9007,Check-in call,Call,2026-04-02,16:00,00:30,Done,2026-04-02 16:40:00,Rep Two,,2026-04-01 08:00:00,103,Cai Chen,,Initech Example,' >>acts.csv
}

# qa35 F3: Cai's call went on the organisation Initech, which was given
# his id 103; his contacts export then renamed Initech "Cai Chen".
@test "Pipedrive activities before the people: a person's id is never the organisation's, the row is refused" {
	crm-add --import "$DATA/real/pipedrive-organizations.csv" >/dev/null 2>&1
	pd_acts
	run --separate-stderr crm-log --import --kind call --rejects rj.csv acts.csv
	status_is 65
	has "$stderr" "every row was rejected (2, each with why in rj.csv)"
	has "$(cat rj.csv)" "Person - ID: no customer with Person - ID '103': the contacts export"
	eq "$(sql "SELECT count(*) FROM interactions")" 0
	eq "$(sql "SELECT group_concat(external_id, ' ') FROM customers")" \
	    "11 12 13 14"
	eq "$(sql "SELECT count(*) FROM identities WHERE value = '103'")" 0
	eq "$(ncustomers)" 4
}

@test "Pipedrive activities before the people, --add-customers: the person is added with the id, a contact of her organisation" {
	crm-add --import "$DATA/real/pipedrive-organizations.csv" >/dev/null 2>&1
	pd_acts
	run --separate-stderr crm-log --import --kind call --add-customers acts.csv
	status_is 0
	has "$stderr" "2 logged, 0 already there, 2 customers added, 0 rejected"
	eq "$(sql "SELECT c.name || ' ' || c.type || ' ' || c.external_id || ' '
	    || o.name FROM interactions i JOIN customers c ON c.id =
	    i.customer_id JOIN customers o ON o.id = c.org_id ORDER BY i.ref")" \
	    "Ann Lee person 101 Northwind Example
Cai Chen person 103 Initech Example"
	eq "$(sql "SELECT group_concat(external_id, ' ') FROM customers WHERE
	    type = 'org'")" "11 12 13 14"
	# his contacts export then finds him, and Initech stays Initech
	printf '%s\n' '"Person - ID","Person - Name","Person - Organization","Person - Email"' \
	    '"103","Cai Chen","Initech Example",""' >people.csv
	run --separate-stderr crm-add --import people.csv
	status_is 0
	has "$stderr" "0 added"
	eq "$(sql "SELECT count(*) FROM customers WHERE name = 'Initech Example'
	    AND type = 'org'")" 1
	eq "$(sql "SELECT count(*) FROM customers WHERE name = 'Cai Chen'")" 1
}

# qa35 F10: "acts.csv:2: Person - Email: no customer '101'".
@test "an unknown person's error quotes the value of the column it names" {
	pd_acts
	run --separate-stderr crm-log --import --kind call acts.csv
	fails 65 "crm-log: acts.csv:2: Person - Email: no customer 'ann@northwind.example' (--add-customers adds them)"
}
