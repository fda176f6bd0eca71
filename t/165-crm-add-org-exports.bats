#!/usr/bin/env bats
# t/165-crm-add-org-exports.bats - crm-add --import of other CRMs'
# organisation exports and mixed lists (qa41), and a domain's link made
# final in one run.
#
# Test plan:
#   - an organisation export with an e-mail (vtiger's Organizations:
#     Organization Name, Primary Email) is organisations, with their
#     e-mail, domain, number and owner; no person, no second organisation
#   - Freshsales' accounts (Name beside Number of employees, Industry
#     type ...) are organisations; its contacts' Account is their company
#     and links them; an Account of ids stays a field; a list of people
#     with an Email and a Company alone stays people
#   - Close's leads: display_name the company, primary_contact_* the
#     person, linked; a lead named by its contact is a person with no
#     company (in Close the lead is the account), where elsewhere a
#     company of the person's own name is a sole trader's and is kept
#   - Capsule's Type (Person, Organisation) and Business Central's
#     Type and Contact Type (Company, Person) are crm's type in any case;
#     vtiger's Type (Customer, Prospect) stays a field; its people before
#     their organisations count every row added on a fresh database
#   - a person with no company before the colleagues who give the
#     organisation its domain is linked in the same run; a second run
#     changes nothing; at a mailbox provider's domain never
#   - each file imported twice changes nothing

load helper

REAL="$BATS_TEST_DIRNAME/data/real"

import() {
	run --separate-stderr crm-add --import "$@"
}

@test "vtiger's Organizations with their e-mails are organisations, not nameless people and empty organisations (qa41 F2a)" {
	local f="$REAL/vtiger-organizations.csv"
	import --date-format '%d-%m-%Y %H:%M:%S' "$f"
	status_is 0
	eq "$stderr" "crm-add: $f: an organisation export: each row is an organisation
2 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT id, type, name, email, phone, external_id, industry, owner, domain, created, quote(org_id) FROM customers ORDER BY id")" \
	    "1|org|Initech GmbH|info@initech.de|+49 30 1234567|ACC12|Technology|Peter Gibbons|initech.de|2025-03-15T10:20:00Z|NULL
2|org|Vandelay Industries|sales@vandelay.biz|+1 212 555 0170|ACC13|Manufacturing|Milton Waddams|vandelay.biz|2026-06-02T14:05:00Z|NULL"
	# its Type is a kind of customer, not crm's type
	eq "$(sql "SELECT value FROM customer_fields WHERE customer_id = 1 AND key = 'Type'")" Customer
	import --date-format '%d-%m-%Y %H:%M:%S' "$f"
	eq "${stderr_lines[1]}" "0 added, 0 updated, 2 unchanged, 0 rejected"
}

@test "Freshsales' accounts are organisations, named by their Name beside Number of employees and Industry type (qa41 F2b)" {
	local acc="$REAL/freshsales-accounts.csv"
	import "$acc"
	status_is 0
	eq "$stderr" "crm-add: $acc: an organisation export: each row is an organisation
2 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT id, type, name, company, industry, owner, domain, created FROM customers ORDER BY id")" \
	    "1|org|Stark Logistics|Stark Logistics|Transportation|Maria Hill|starklogistics.io|2025-05-01T10:00:00Z
2|org|Wayne Foods|Wayne Foods|Food|Lucius Fox|waynefoods.co|2026-02-11T09:30:00Z"
	eq "$(sql "SELECT value FROM customer_fields WHERE customer_id = 1 AND key = 'Number of employees'")" 120
	import "$acc"
	eq "${stderr_lines[1]}" "0 added, 0 updated, 2 unchanged, 0 rejected"
	# a people file with such columns stays people's
	printf 'First name,Last name,Email,Company,Number of employees\nAnn,Lee,ann@lee.example,Lee Ltd,12\n' >lead.csv
	import lead.csv
	status_is 0
	eq "$(sql "SELECT type FROM customers WHERE email = 'ann@lee.example'")" person
}

@test "Freshsales' contacts' Account is their company and links them to the accounts, as crm-deal reads it (qa41 F6)" {
	local acc="$REAL/freshsales-accounts.csv" con="$REAL/freshsales-contacts.csv"
	import "$acc"
	status_is 0
	eq "$stderr" "crm-add: $acc: an organisation export: each row is an organisation
2 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT id, type, name, company, industry, owner, domain, created FROM customers ORDER BY id")" \
	    "1|org|Stark Logistics|Stark Logistics|Transportation|Maria Hill|starklogistics.io|2025-05-01T10:00:00Z
2|org|Wayne Foods|Wayne Foods|Food|Lucius Fox|waynefoods.co|2026-02-11T09:30:00Z"
	import "$con"
	status_is 0
	eq "$stderr" "3 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT name, company, org_id FROM customers WHERE type = 'person' ORDER BY id")" \
	    "Pepper Potts|Stark Logistics|1
Happy Hogan|Stark Logistics|1
Alfred Pennyworth|Wayne Foods|2"
	eq "$(sql "SELECT count(*) FROM customers WHERE type = 'org'")" 2
	eq "$(sql "SELECT count(*) FROM customer_fields WHERE key = 'Account'")" 0
	import "$con"
	eq "$stderr" "0 added, 0 updated, 3 unchanged, 0 rejected"
	import "$acc"
	eq "${stderr_lines[1]}" "0 added, 0 updated, 2 unchanged, 0 rejected"
}

@test "an Account column of numbers or user names stays a field; an Email and a Company alone are people and where they work" {
	printf 'First name,Last name,Email,Account\nAnn,Lee,ann@lee.example,ACC-1001\nBob,Ray,bob@ray.example,C1002\n' >acct.csv
	import acct.csv
	status_is 0
	eq "$(sql "SELECT count(*) FROM customers WHERE type = 'org' OR company IS NOT NULL")" 0
	eq "$(sql "SELECT value FROM customer_fields WHERE key = 'Account' ORDER BY customer_id")" $'ACC-1001\nC1002'
	printf 'Email,Company\nann@acme.example,Acme Widgets\n' >list.csv
	import list.csv
	status_is 0
	eq "$(sql "SELECT type, company FROM customers WHERE email = 'ann@acme.example'")" 'person|Acme Widgets'
	eq "$(sql "SELECT type, name FROM customers WHERE type = 'org'")" 'org|Acme Widgets'
}

@test "Close's leads: the lead is the company, its primary contact the person linked to it (qa41 F2c)" {
	local f="$REAL/close-leads.csv"
	import "$f"
	status_is 0
	eq "$stderr" "3 added, 0 updated, 0 unchanged, 0 rejected, 2 organisations added"
	# Carlos Mendes's lead is named by him: a person with no company
	eq "$(sql "SELECT id, type, name, quote(company), quote(email), quote(phone), quote(role), quote(org_id) FROM customers ORDER BY id")" \
	    "1|org|Northwind Traders|'Northwind Traders'|NULL|NULL|NULL|NULL
2|person|Ann Lee|'Northwind Traders'|'ann.lee@nwtraders.biz'|'+14155550101'|'CFO'|1
3|org|Globex Corporation|'Globex Corporation'|NULL|NULL|NULL|NULL
4|person|Hank Scorpio|'Globex Corporation'|'hank@globexcorp.biz'|'+15035550142'|'CEO'|3
5|person|Carlos Mendes|NULL|'carlos.mendes@gmail.com'|'+351912345678'|NULL|NULL"
	# her other address is hers; the types of e-mail and phone are no data
	eq "$(sql "SELECT value FROM identities WHERE customer_id = 2 AND kind = 'email'")" a.lee@nwtraders.biz
	eq "$(sql "SELECT count(*) FROM customer_fields WHERE key IN ('lead_name', 'display_name', 'primary_contact_name', 'primary_contact_primary_email_type', 'primary_contact_primary_phone_type')")" 0
	# the lead's url is the company's web site: its organisation's domain
	eq "$(sql "SELECT name, domain FROM customers WHERE type = 'org' ORDER BY id")" \
	    $'Northwind Traders|nwtraders.biz\nGlobex Corporation|globexcorp.biz'
	import "$f"
	eq "$stderr" "0 added, 0 updated, 3 unchanged, 0 rejected"
}

@test "Capsule's Type column (Person, Organisation) says what each row is, as crm's type does (qa41 F3)" {
	local f="$REAL/capsule-contacts.csv"
	import "$f"
	status_is 0
	eq "$stderr" "5 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT id, type, name, quote(email), external_id, quote(domain), quote(org_id) FROM customers ORDER BY id")" \
	    "1|org|Acme Widgets Ltd|'hello@acmewidgets.co.uk'|101|'acmewidgets.co.uk'|NULL
2|person|Gene Hunt|'gene.hunt@acmewidgets.co.uk'|102|NULL|1
3|person|Annie Cartwright|'annie@acmewidgets.co.uk'|103|NULL|1
4|org|Fenchurch Bakery|NULL|104|NULL|NULL
5|person|Ray Carling|'ray@fenchurchbakery.co.uk'|105|NULL|4"
	eq "$(sql "SELECT count(*) FROM customer_fields WHERE key = 'Type'")" 0
	import "$f"
	eq "$stderr" "0 added, 0 updated, 5 unchanged, 0 rejected"
	# in any case; a Type of other words stays a field
	printf 'Name,Type,Email\nInitrode,ORGANIZATION,info@initrode.example\nPeter,person,peter@initrode.example\n' >t.csv
	import t.csv
	status_is 0
	eq "$(sql "SELECT type FROM customers WHERE name IN ('Initrode', 'Peter') ORDER BY name")" $'org\nperson'
	printf 'Name,Type,Email\nMilton,Customer,milton@initrode.example\n' >t2.csv
	import t2.csv
	status_is 0
	eq "$(sql "SELECT c.type || '|' || f.value FROM customers c JOIN customer_fields f ON f.customer_id = c.id WHERE c.name = 'Milton' AND f.key = 'Type'")" 'person|Customer'
}

@test "Capsule's people before their organisations on a fresh database: all added, none updated (the organisations made for them are their rows')" {
	local f="$REAL/capsule-contacts.csv"
	{ head -n 1 "$f"; grep '^[0-9]*,Person,' "$f"; grep '^[0-9]*,Organisation,' "$f"; } >people-first.csv
	import people-first.csv
	status_is 0
	eq "$stderr" "5 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT type, name, quote(email), quote(external_id), quote(domain), quote(org_id) FROM customers ORDER BY name")" \
	    "org|Acme Widgets Ltd|'hello@acmewidgets.co.uk'|'101'|'acmewidgets.co.uk'|NULL
person|Annie Cartwright|'annie@acmewidgets.co.uk'|'103'|NULL|1
org|Fenchurch Bakery|NULL|'104'|NULL|NULL
person|Gene Hunt|'gene.hunt@acmewidgets.co.uk'|'102'|NULL|1
person|Ray Carling|'ray@fenchurchbakery.co.uk'|'105'|NULL|4"
	eq "$(sql "SELECT detail FROM audit WHERE action = 'import'")" \
	    '{"file":"people-first.csv","added":5,"updated":0,"unchanged":0,"rejected":0,"added_ids":[2,5]}'
	import people-first.csv
	eq "$stderr" "0 added, 0 updated, 5 unchanged, 0 rejected"
	# an organisation known before is updated by its row, as ever; a
	# second row of one this file made finds it as any row does
	crm-add --org -n Initech >/dev/null
	{ printf 'Id,Type,Organisation,Name,Email Address\n'
	  printf '301,Person,Initrode,Bill Lumbergh,bill@initrode.example\n'
	  printf '302,Organisation,,Initrode,info@initrode.example\n'
	  printf '302,Organisation,,Initrode,sales@initrode.example\n'
	  printf '303,Organisation,,Initech,info@initech.example\n'; } >more.csv
	import more.csv
	status_is 0
	eq "$stderr" "2 added, 2 updated, 0 unchanged, 0 rejected"
}

@test "Business Central's contacts: Type Company is an organisation, Person a person of it; its customers' Contact Type likewise" {
	local f="$REAL/bc-contacts.csv"
	import "$f"
	status_is 0
	eq "$stderr" "5 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT id, type, name, quote(email), quote(phone), quote(domain), quote(org_id) FROM customers ORDER BY id")" \
	    "1|org|Adatum Corporation|'info@adatum.example'|'+1 404 555 0100'|'adatum.example'|NULL
2|person|Robert Townes|'robert.townes@adatum.example'|'+1 404 555 0111'|NULL|1
3|org|Trey Research|NULL|'+1 312 555 0120'|NULL|NULL
4|person|Helen Ray|'helen.ray@treyresearch.example'|'+1 312 555 0177'|NULL|3
5|person|Jesse Homer|'jesse.homer@gmail.com'|'+1 206 555 0130'|NULL|NULL"
	# the type is crm's, not a field; No. and Company No. stay fields
	eq "$(sql "SELECT count(*) FROM customer_fields WHERE key = 'Type'")" 0
	eq "$(sql "SELECT value FROM customer_fields WHERE customer_id = 2 AND key = 'Company No.'")" CT000010
	import "$f"
	eq "$stderr" "0 added, 0 updated, 5 unchanged, 0 rejected"
	# the customers list's Contact Type (the Customer table's field)
	printf 'No.,Name,Phone No.,E-Mail,Contact Type\nC00010,Fabrikam Inc.,+1 425 555 0100,info@fabrikam.example,Company\nC00020,Ana Ruiz,,ana.ruiz@gmail.com,Person\n' >cust.csv
	import cust.csv
	status_is 0
	eq "$(sql "SELECT type FROM customers WHERE name IN ('Fabrikam Inc.', 'Ana Ruiz') ORDER BY name")" $'person\norg'
	eq "$(sql "SELECT count(*) FROM customer_fields WHERE key = 'Contact Type'")" 0
	# crm's own type column still takes person and org only
	printf 'name,type,email\nInitrode,company,info@initrode.example\n' >own.csv
	import own.csv
	status_is 65
}

@test "a person with no company before the colleagues who give their organisation its domain is linked in the same run; a second run changes nothing (qa41 F4)" {
	printf 'Name,Email,Company\nJoe Bloggs,joe@acmewidgets.co.uk,\nAmy Pond,amy@acmewidgets.co.uk,Acme Widgets Ltd\nRory Williams,rory@acmewidgets.co.uk,Acme Widgets Ltd\nJo Free,jo@gmail.com,\n' >o.csv
	import o.csv
	status_is 0
	eq "$stderr" "4 added, 0 updated, 0 unchanged, 0 rejected, 1 organisation added"
	eq "$(sql "SELECT name, quote(company), quote(org_id) FROM customers WHERE type = 'person' ORDER BY id")" \
	    "Joe Bloggs|'Acme Widgets Ltd'|2
Amy Pond|'Acme Widgets Ltd'|2
Rory Williams|'Acme Widgets Ltd'|2
Jo Free|NULL|NULL"
	eq "$(sql "SELECT domain FROM customers WHERE type = 'org'")" acmewidgets.co.uk
	local before
	before=$(sql "SELECT count(*) FROM audit")
	import o.csv
	eq "$stderr" "0 added, 0 updated, 4 unchanged, 0 rejected"
	eq "$(sql "SELECT count(*) FROM audit")" $((before + 1))
}

@test "a person known before, with no organisation, is linked when her organisation takes its domain later in the file, and counted updated (qa41 F4)" {
	crm-add -n 'Joe Bloggs' -e joe@acmewidgets.co.uk >/dev/null
	printf 'Name,Email,Company\nJoe Bloggs,joe@acmewidgets.co.uk,\nAmy Pond,amy@acmewidgets.co.uk,Acme Widgets Ltd\nRory Williams,rory@acmewidgets.co.uk,Acme Widgets Ltd\n' >o.csv
	import o.csv
	status_is 0
	eq "$stderr" "2 added, 1 updated, 0 unchanged, 0 rejected, 1 organisation added"
	eq "$(sql "SELECT org_id FROM customers WHERE name = 'Joe Bloggs'")" 2
	import o.csv
	eq "$stderr" "0 added, 0 updated, 3 unchanged, 0 rejected"
}
