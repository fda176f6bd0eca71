#!/usr/bin/env bats
# t/160-crm-add-orgs.bats - organisations and their contacts in crm-add.
#
# Test plan:
#   - --org: an organisation (type, key, company its name, domain from a
#     web address), its id printed, audited; one of the same name as
#     names are matched ("Globex, Ltd." is "GLOBEX LTD") refused with 65
#     naming it; a mailbox provider's domain, no domain, a taken domain
#     refused; the options that are a person's refused with 64; the
#     database unchanged on every refusal
#   - --update ORG by name, domain or org:NAME, its key kept in step with
#     its name; what an organisation cannot have (a role, a company, an
#     organisation) and a person cannot (a domain) refused with 65;
#     -u PERSON --org makes one an organisation, not a contact
#   - --contact-of ORG [--role R] on add and update, '' unlinks; an
#     unknown organisation or a person refused with 65; the company
#     filled from the organisation's name; the organisation's domain
#     learnt as an import learns it (two contacts there), -c only text
#   - any program names an organisation by its name or domain
#   - --import: a company column makes or finds the organisation, a
#     legal-form variant finds the same, an e-mail at an organisation's
#     domain links a person with no company, gmail.com never makes nor
#     finds one, a company of another name at an organisation's domain is
#     an organisation of its own; Job Title and 职位 are the role; the
#     summary counts the organisations; a re-import changes nothing
#   - organisation exports (HubSpot companies, Salesforce accounts,
#     Pipedrive organizations): organisations with domain, owner and ids,
#     a second system's export finds them, a re-import changes nothing, a
#     deal export's company finds them; Odoo's Is a Company; a type
#     column; a type that is neither, or that the found customer is not,
#     refused; a person made of a companies export before, made one
#   - crm's own export with type, org, role and domain columns into a
#     fresh database: the same organisations and links; a column headed
#     "company" as crm writes it is text, only org links
#   - --merge of two organisations moves the contacts and the deals; a
#     person and an organisation are not merged (65, unchanged)
#   - --reassign hands on organisations and open deals
#   - into an empty database, people at a company each (its own
#     domain) give it no domain; two colleagues in any case still do

load helper

REAL="$BATS_TEST_DIRNAME/data/real"

# The organisation Globex (1) with two contacts, Ann (2) and Raj (3).
globex() {
	crm-add --org -n 'Globex, Ltd.' --domain 'HTTPS://www.Globex.com/about' \
	    -i steel --owner bob -x G-1 >/dev/null
	crm-add -n Ann -e ann@globex.com --contact-of globex --role buyer >/dev/null
	crm-add -n Raj -e raj@globex.com -c 'Globex Research' \
	    --contact-of 'GLOBEX LTD' >/dev/null
}

@test "--org adds an organisation: its id, type, key, company and domain; audited" {
	run --separate-stderr crm-add --org -n 'Globex, Ltd.' \
	    --domain 'HTTPS://www.Globex.com/about' -i steel -T gold --owner bob \
	    -x G-1 -F 'Founded=1999' -t key
	status_is 0
	eq "$output" 1
	eq "$stderr" ""
	eq "$(sql 'SELECT type, name, company, org_key, domain, industry, tier, owner, external_id, quote(org_id), quote(role) FROM customers')" \
	    'org|Globex, Ltd.|Globex, Ltd.|globex|globex.com|steel|gold|bob|G-1|NULL|NULL'
	eq "$(sql "SELECT key, value FROM customer_fields; SELECT tag FROM tags")" $'Founded|1999\nkey'
	eq "$(sql "SELECT action, customer_id, detail FROM audit")" \
	    'add|1|{"external_id":"G-1","name":"Globex, Ltd.","company":"Globex, Ltd.","industry":"steel","tier":"gold","owner":"bob","domain":"globex.com","type":"org","field:Founded":"1999","tag:key":"added"}'
}

@test "--org of a name another organisation has, as names are matched, is refused naming it" {
	globex
	local before; before=$(dump)
	run --separate-stderr crm-add --org -n 'GLOBEX LTD'
	fails 65 "crm-add: organisation 1 'Globex, Ltd.' has this name (to change that organisation: crm-add --update 1)"
	run --separate-stderr crm-add --org -n ' globex  corporation '
	fails 65 "crm-add: organisation 1 'Globex, Ltd.' has this name (to change that organisation: crm-add --update 1)"
	run --separate-stderr crm-add --org -n Initech --domain www.globex.com
	fails 65 "crm-add: customer 1 already has this domain (to change that customer: crm-add --update 1)"
	run --separate-stderr crm-add --org -n Initech --domain gmail.com
	fails 65 "crm-add: --domain: a mailbox provider's domain, no organisation's own"
	run --separate-stderr crm-add --org -n Initech --domain 'not a domain'
	fails 65 "crm-add: --domain: not a domain (such as example.com)"
	eq "$(dump)" "$before"
}

@test "--org with what is a person's, or without a name, is a usage error" {
	run --separate-stderr crm-add --org -e info@initech.com
	fails_usage 64 "crm-add: an organisation needs a --name"
	run --separate-stderr crm-add --org -n Initech -c Other
	fails_usage 64 "crm-add: an organisation's company is its --name: -c is a person's"
	run --separate-stderr crm-add --org -n Initech --contact-of globex
	fails_usage 64 "crm-add: --contact-of and --role are a person's: an organisation is no contact"
	run --separate-stderr crm-add --org -n Initech --role buyer
	fails_usage 64 "crm-add: --contact-of and --role are a person's: an organisation is no contact"
	run --separate-stderr crm-add -n Ann --domain ann.example
	fails_usage 64 "crm-add: --domain is an organisation's: give --org"
	run --separate-stderr crm-add --import --org x.csv
	fails_usage 64 "crm-add: customer options do not go with --import: the file gives the values"
	no_db
}

@test "--update ORG by name, domain or org:NAME; its key follows its name" {
	globex
	run --separate-stderr crm-add -u 'Globex Ltd' -T silver
	status_is 0
	eq "$output" 1
	run --separate-stderr crm-add -u globex.com -n 'Globex Holdings PLC'
	eq "$output" 1
	eq "$(sql 'SELECT name, company, org_key, tier FROM customers WHERE id = 1')" \
	    'Globex Holdings PLC|Globex Holdings PLC|globex holdings|silver'
	run --separate-stderr crm-add -u org:globex -T gold
	fails 65 "crm-add: no customer 'org:globex'"
	run --separate-stderr crm-add -u 'org:GLOBEX HOLDINGS' -T gold
	eq "$output" 1
	eq "$(sql "SELECT detail FROM audit WHERE action = 'update' ORDER BY id")" \
	    '{"tier":["","silver"]}
{"name":["Globex, Ltd.","Globex Holdings PLC"],"company":["Globex, Ltd.","Globex Holdings PLC"]}
{"tier":["silver","gold"]}'
	# its contacts keep their company, as text
	eq "$(sql 'SELECT company FROM customers WHERE id = 2')" 'Globex, Ltd.'
}

@test "what an organisation or a person cannot have is refused; the database is unchanged" {
	globex
	crm-add --org -n Initech >/dev/null
	local before; before=$(dump)
	run --separate-stderr crm-add -u globex --role cto
	fails 65 "crm-add: customer 1 is an organisation: a role is a contact's"
	run --separate-stderr crm-add -u globex -c Other
	fails 65 "crm-add: customer 1 is an organisation: its company is its name"
	run --separate-stderr crm-add -u globex --contact-of initech
	fails 65 "crm-add: customer 1 is an organisation: only a person is a contact of one"
	run --separate-stderr crm-add -u ann@globex.com --domain ann.example
	fails 65 "crm-add: customer 2 is a person: a domain is an organisation's"
	run --separate-stderr crm-add -u globex -n ''
	fails 65 "crm-add: an organisation needs a name"
	run --separate-stderr crm-add -u globex -n ' - '
	fails 65 "crm-add: '-' is no organisation's name: nothing is left of it to find it by"
	run --separate-stderr crm-add -u globex -n 'Initech Inc.'
	fails 65 "crm-add: organisation 4 'Initech' has this name (to change that organisation: crm-add --update 4)"
	run --separate-stderr crm-add -u ann@globex.com --org
	fails 65 "crm-add: customer 2 is a contact, and an organisation is none: unlink it first (--contact-of '' --role '')"
	eq "$(dump)" "$before"
}

@test "-u PERSON --org makes a person an organisation" {
	crm-add -n 'Northwind Example' -c 'Northwind Example' -x N-1 >/dev/null
	run --separate-stderr crm-add -u N-1 --org
	status_is 0
	eq "$output" 1
	eq "$(sql 'SELECT type, name, company, org_key FROM customers')" \
	    'org|Northwind Example|Northwind Example|northwind example'
	eq "$(sql "SELECT detail FROM audit WHERE action = 'update'")" '{"type":["person","org"]}'
	crm-add -n Ann --contact-of 'northwind example' >/dev/null
	eq "$(sql 'SELECT org_id FROM customers WHERE id = 2')" 1
}

@test "--contact-of and --role link a person; '' unlinks; the company comes from the organisation" {
	globex
	# Ann took Globex's name as her company; Raj kept his own
	eq "$(sql "SELECT id, org_id, quote(role), company FROM customers WHERE type = 'person' ORDER BY id")" \
	    $'2|1|\'buyer\'|Globex, Ltd.\n3|1|NULL|Globex Research'
	eq "$(sql "SELECT detail FROM audit WHERE customer_id = 2")" \
	    '{"name":"Ann","company":"Globex, Ltd.","email":"ann@globex.com","role":"buyer","org":"1"}'
	crm-add --org -n Initech >/dev/null
	run --separate-stderr crm-add -u ann@globex.com --contact-of initech --role engineer
	status_is 0
	eq "$output" 2
	eq "$(sql 'SELECT org_id, role, company FROM customers WHERE id = 2')" '4|engineer|Globex, Ltd.'
	run --separate-stderr crm-add -u raj@globex.com --contact-of ''
	eq "$output" 3
	eq "$(sql 'SELECT quote(org_id) FROM customers WHERE id = 3')" NULL
	eq "$(sql "SELECT customer_id, detail FROM audit WHERE action = 'update' ORDER BY id")" \
	    '2|{"role":["buyer","engineer"],"org":["1","4"]}
3|{"org":["1",null]}'
	# unlinking what is not linked changes nothing
	run --separate-stderr crm-add -u raj@globex.com --contact-of ''
	eq "$(sql "SELECT count(*) FROM audit WHERE action = 'update'")" 2
}

# Two colleagues at docomo.ne.jp (a Japanese carrier's mail) and
# freemail.hu: neither becomes Acme's domain, so Cara, with no company,
# is nobody's contact.
@test "carriers' and regional providers' mail domains never become an organisation's" {
	printf 'Name,Email,Company\nAnn,ann@docomo.ne.jp,Acme\nBob,bob@docomo.ne.jp,Acme\nCara,cara@docomo.ne.jp,\nDan,dan@freemail.hu,Acme\nEve,eve@freemail.hu,Acme\nFay,fay@freemail.hu,\n' >c.csv
	run --separate-stderr crm-add --import c.csv
	status_is 0
	eq "$(sql "SELECT count(*) FROM customers WHERE type = 'org' AND domain IS NOT NULL")" 0
	eq "$(sql "SELECT name FROM customers WHERE type = 'person' AND org_id IS NOT NULL ORDER BY name" | paste -sd ' ')" "Ann Bob Dan Eve"
	run --separate-stderr crm-add --org -n Initech --domain i.softbank.jp
	fails 65 "crm-add: --domain: a mailbox provider's domain, no organisation's own"
}

@test "--contact-of learns the organisation's domain as an import does: shared by two contacts, never one person's, nor a provider's" {
	crm-add --org -n NewCo >/dev/null
	crm-add -n Tia -e tia@newco.example --contact-of NewCo >/dev/null
	eq "$(sql "SELECT quote(domain) FROM customers WHERE name = 'NewCo'")" NULL
	# -c is the company as text: no organisation made, nor a domain
	crm-add -n Uri -c NewCo -e uri@newco.example >/dev/null
	eq "$(sql "SELECT quote(org_id) FROM customers WHERE name = 'Uri'")" NULL
	eq "$(sql "SELECT count(*), quote(max(domain)) FROM customers WHERE type = 'org'")" '1|NULL'
	# linked, the second colleague at newco.example gives it its domain
	crm-add -u uri@newco.example --contact-of NewCo >/dev/null
	eq "$(sql "SELECT quote(domain) FROM customers WHERE name = 'NewCo'")" "'newco.example'"
	# two at a mailbox provider give none; nor a domain another has
	crm-add --org -n Gee >/dev/null
	crm-add -n Al -e al@gmail.com --contact-of Gee >/dev/null
	crm-add -n Bo -e bo@gmail.com --contact-of Gee >/dev/null
	crm-add -n Cy -e cy@newco.example --contact-of Gee >/dev/null
	crm-add -n Di -e di@newco.example --contact-of Gee >/dev/null
	eq "$(sql "SELECT quote(domain) FROM customers WHERE name = 'Gee'")" NULL
}

@test "--contact-of that names no organisation, or a person, is refused; nothing changed" {
	globex
	local before; before=$(dump)
	run --separate-stderr crm-add -n Cy --contact-of Initek
	fails 65 "crm-add: no organisation 'Initek' (to add one: crm-add --org -n NAME)"
	run --separate-stderr crm-add -n Cy --contact-of ann@globex.com
	fails 65 "crm-add: 'ann@globex.com' is customer 2, a person, not an organisation"
	run --separate-stderr crm-add -u raj@globex.com --contact-of 99
	fails 65 "crm-add: no organisation '99' (to add one: crm-add --org -n NAME)"
	eq "$(dump)" "$before"
}

@test "every program names an organisation by its name or domain; a name two have is an error" {
	globex
	crm-log 'Globex Ltd.' call 'first call' >/dev/null
	crm-log globex.com note 'a note' >/dev/null
	crm-deal add 'GLOBEX' 'Rolling mill' --amount 1000 >/dev/null
	eq "$(sql 'SELECT DISTINCT customer_id FROM interactions; SELECT customer_id FROM deals')" $'1\n1'
	# an address nobody has is nobody's, not its domain's organisation
	run --separate-stderr crm-log nobody@globex.com note hi
	fails 65 "crm-log: no customer 'nobody@globex.com'"
	# an id, an e-mail or an external id wins over a name
	crm-add -n 'Acme' -x Globex >/dev/null
	eq "$(crm-log Globex note x && sql 'SELECT customer_id FROM interactions ORDER BY id DESC LIMIT 1')" $'3\n4'
	sql "INSERT INTO customers (type, name, org_key, created, updated)
	    VALUES ('org', 'Initech', 'initech', 'x', 'x'), ('org', 'INITECH INC', 'initech', 'x', 'x')"
	run --separate-stderr crm-log initech note hi
	fails 65 "crm-log: 'initech' is the name of two organisations (5 and 6): say which by its id"
}

@test "import: a company makes or finds its organisation; a legal form does not count; gmail.com never" {
	printf '%s\n' 'Name,Email,Company,Job Title' \
	    'Ann,ann@globex.com,"Globex, Ltd.",Buyer' \
	    'Cy,cy@globex.com,GLOBEX LTD,' \
	    'Di,di@gmail.com,Initech,' \
	    'Bob,bob@globex.com,,Engineer' \
	    'Ed,ed@gmail.com,,' \
	    'Fay,fay@initech.com,,' \
	    'Gus,gus@globex.com,Globex Research,' \
	    'Hal,hal@umbrella.com,N/A,' \
	    'Ivy Chen,ivy@ivychen.example,IVY CHEN,Owner' >people.csv
	run --separate-stderr crm-add --import people.csv
	status_is 0
	# Globex (with the domain of Ann and Cy, two of its people),
	# Initech (Di's gmail.com is no one's)
	# and Globex Research, whose name is not Globex's: 3 organisations
	eq "$stderr" "9 added, 0 updated, 0 unchanged, 0 rejected, 3 organisations added"
	eq "$(sql "SELECT id, name, quote(domain), org_key FROM customers WHERE type = 'org' ORDER BY id")" \
	    $'1|Globex, Ltd.|\'globex.com\'|globex\n4|Initech|NULL|initech\n9|Globex Research|NULL|globex research'
	# Bob has no company and an e-mail at Globex's domain: its contact,
	# named after it; Ed at gmail.com and Fay at a domain no one has are
	# no one's; so are Hal, whose company says there is none, and Ivy,
	# whose company is her own name
	eq "$(sql "SELECT name, quote(org_id), quote(company), quote(role) FROM customers WHERE type = 'person' ORDER BY id")" \
	    "Ann|1|'Globex, Ltd.'|'Buyer'
Cy|1|'GLOBEX LTD'|NULL
Di|4|'Initech'|NULL
Bob|1|'Globex, Ltd.'|'Engineer'
Ed|NULL|NULL|NULL
Fay|NULL|NULL|NULL
Gus|9|'Globex Research'|NULL
Hal|NULL|'N/A'|NULL
Ivy Chen|NULL|'IVY CHEN'|'Owner'"
	eq "$(sql "SELECT count(*) FROM customers WHERE domain = 'gmail.com'")" 0
	eq "$(sql "SELECT customer_id, detail FROM audit WHERE action = 'add' ORDER BY id")" \
	    '1|{"org":"Globex, Ltd."}
4|{"org":"Initech"}
9|{"org":"Globex Research"}'
	local before; before=$(sql 'SELECT * FROM customers')
	CRM_NOW=2026-12-01T00:00:00Z
	run --separate-stderr crm-add --import people.csv
	eq "$stderr" "0 added, 0 updated, 9 unchanged, 0 rejected"
	eq "$(sql 'SELECT * FROM customers')" "$before"
}

@test "import: one person's address is not the company's domain, nor ever an internet provider's: Amy at comcast.net is not Joe's Smith Plumbing's" {
	printf '%s\n' 'Name,Email,Company' 'Joe Smith,joe@comcast.net,Smith Plumbing' \
	    'Amy Jones,amy@comcast.net,' 'Kai,kai@yahoo.de,Kai Bau' 'Lu,lu@yahoo.de,' \
	    'Max,max@btinternet.com,Max Ltd' 'Mo,mo@btinternet.com,Max Ltd' \
	    'Ned,ned@btinternet.com,' 'Ola,ola@example.com,Ola AS' 'Pia,pia@example.com,Ola AS' \
	    'Ann,ann@smith.example,Smith Plumbing' 'Rex,rex@smith.example,' \
	    'Bo,bo@smith.example,Smith Plumbing' 'Cy,cy@smith.example,' >isp.csv
	run --separate-stderr crm-add --import isp.csv
	status_is 0
	# Rex comes after one person of Smith Plumbing at smith.example, Cy
	# after two: both its contacts, Rex at the end of the import, once Bo
	# gave it the domain (as a second run would: qa41 F4)
	eq "$(sql "SELECT name, quote(org_id) FROM customers WHERE type = 'person' AND company IS NULL OR name IN ('Rex', 'Cy') ORDER BY id")" \
	    "Amy Jones|NULL
Lu|NULL
Ned|NULL
Rex|1
Cy|1"
	eq "$(sql "SELECT name, quote(domain) FROM customers WHERE type = 'org' ORDER BY id")" \
	    "Smith Plumbing|'smith.example'
Kai Bau|NULL
Max Ltd|NULL
Ola AS|NULL"
	run --separate-stderr crm-add --org -n Zed --domain yahoo.co.uk
	fails 65 "crm-add: --domain: a mailbox provider's domain, no organisation's own"
}

@test "import: a person's organisation is the one the row names; without a company it stays" {
	globex
	crm-add --org -n Initech --domain initech.com >/dev/null
	printf '%s\n' 'Email,Company,职位' 'ann@globex.com,Initech,采购' \
	    'raj@globex.com,,' 'new@initech.com,,' >moves.csv
	run --separate-stderr crm-add --import moves.csv
	status_is 0
	# the company she had is kept aside, and the change said (qa50 F1)
	eq "$stderr" "crm-add: moves.csv: 1 customer's company changed to the file's: the old one kept in 'other companies', where a later row's leaves the company as it is (line 2, customer 2, ann@globex.com: 'Globex, Ltd.' to 'Initech')
1 added, 1 updated, 1 unchanged, 0 rejected"
	eq "$(sql "SELECT value FROM customer_fields WHERE key = 'other companies'")" 'Globex, Ltd.'
	eq "$(sql "SELECT email, org_id, role, company FROM customers WHERE type = 'person' ORDER BY id")" \
	    $'ann@globex.com|4|采购|Initech\nraj@globex.com|1||Globex Research\nnew@initech.com|4||Initech'
}

@test "organisation exports: HubSpot companies, Salesforce accounts, Pipedrive organizations" {
	run --separate-stderr crm-add --import --source hubspot "$REAL/hubspot-companies.csv"
	status_is 0
	eq "$stderr" "crm-add: $REAL/hubspot-companies.csv: an organisation export: each row is an organisation
4 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql 'SELECT type, name, company, domain, quote(owner), quote(industry), created FROM customers ORDER BY id')" \
	    "org|Northwind Example|Northwind Example|northwind.example.com|'Dana Whitfield'|'Computer Software'|2024-11-04T10:15:00Z
org|Globex Example|Globex Example|globex.example.org|'Sam Lee'|'Information Technology and Services'|2024-12-12T09:00:00Z
org|Initech Example|Initech Example|initech.example.com|'Dana Whitfield'|'Financial Services'|2025-01-20T13:37:00Z
org|Umbrella Example|Umbrella Example|umbrella.example.org|NULL|NULL|2025-05-02T11:10:00Z"
	eq "$(sql "SELECT customer_id, value FROM identities WHERE source = 'hubspot' ORDER BY 1")" \
	    $'1|9011000201\n2|9011000202\n3|9011000203\n4|9011000204'
	# Salesforce's accounts find them by name: their ids join, the web
	# site is kept, the domain it gives is the one they have
	run --separate-stderr crm-add --import --source salesforce --date-format %m/%d/%Y \
	    "$REAL/salesforce-accounts.csv"
	status_is 0
	eq "${stderr_lines[1]}" "0 added, 4 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT value FROM identities WHERE source = 'salesforce' AND customer_id = 3")" 0015g00000XyZaDAAV
	eq "$(sql "SELECT value FROM customer_fields WHERE customer_id = 3 AND key = 'Website'")" 'https://initech.example.com'
	# Umbrella had no owner: the account's is taken; the others keep theirs
	eq "$(sql 'SELECT owner FROM customers ORDER BY id')" $'Dana Whitfield\nSam Lee\nDana Whitfield\nPriya Nair'
	run --separate-stderr crm-add --import --source pipedrive "$REAL/pipedrive-organizations.csv"
	status_is 0
	eq "${stderr_lines[1]}" "0 added, 4 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT customer_id, value FROM identities WHERE source = 'pipedrive' ORDER BY 1")" \
	    $'1|11\n2|12\n3|13\n4|14'
	eq "$(ncustomers)" 4
	# the same export again changes nothing
	local before; before=$(sql 'SELECT * FROM customers; SELECT * FROM identities')
	run --separate-stderr crm-add --import --source pipedrive "$REAL/pipedrive-organizations.csv"
	eq "${stderr_lines[1]}" "0 added, 0 updated, 4 unchanged, 0 rejected"
	eq "$(sql 'SELECT * FROM customers; SELECT * FROM identities')" "$before"
	# where two systems disagree (Salesforce's industry is Technology,
	# HubSpot's Computer Software) the last import's value stands: the
	# three with an industry in both are updated, Umbrella is not
	run --separate-stderr crm-add --import --source hubspot "$REAL/hubspot-companies.csv"
	eq "${stderr_lines[1]}" "0 added, 3 updated, 1 unchanged, 0 rejected"
	run --separate-stderr crm-add --import --source hubspot "$REAL/hubspot-companies.csv"
	eq "${stderr_lines[1]}" "0 added, 0 updated, 4 unchanged, 0 rejected"
}

@test "an organisation export alone: Salesforce's Account ID is the external id, the web site the domain" {
	run --separate-stderr crm-add --import --date-format %m/%d/%Y "$REAL/salesforce-accounts.csv"
	status_is 0
	eq "$(sql "SELECT name, external_id, quote(domain), owner, created FROM customers WHERE type = 'org' ORDER BY id")" \
	    "Northwind Example|0015g00000XyZaBAAV|'northwind.example.com'|Dana Whitfield|2024-11-04T00:00:00Z
Globex Example|0015g00000XyZaCAAV|'globex.example.org'|Sam Lee|2024-12-12T00:00:00Z
Initech Example|0015g00000XyZaDAAV|'initech.example.com'|Dana Whitfield|2025-01-20T00:00:00Z
Umbrella Example|0015g00000XyZaEAAV|NULL|Priya Nair|2025-05-02T00:00:00Z"
	# Type is the account's kind, kept as a field
	eq "$(sql "SELECT value FROM customer_fields WHERE customer_id = 1 AND key = 'Type'")" 'Customer - Direct'
	new_db
	run --separate-stderr crm-add --import "$REAL/pipedrive-organizations.csv"
	status_is 0
	eq "$(sql "SELECT name, external_id, owner, created FROM customers WHERE id = 4")" \
	    'Umbrella Example|14|Priya Nair|2025-05-02T11:10:00Z'
	eq "$(sql "SELECT value FROM customer_fields WHERE customer_id = 4 AND key = 'Organization - Open deals'")" 1
}

@test "a deal export's company finds the organisations a companies export made" {
	crm-add --import --source hubspot "$REAL/hubspot-companies.csv" 2>/dev/null
	printf '%s\n' '"Record ID","Deal Name","Deal Stage","Amount","Associated Company"' \
	    '"18734500101","Northwind Example - Annual licence","Closed Won","24000","Northwind Example"' \
	    '"18734500103","Initech Example - Expansion","Contract Sent","125000.5","INITECH EXAMPLE INC."' >deals.csv
	run --separate-stderr crm-deal --import --source hubspot deals.csv
	status_is 0
	eq "$(sql 'SELECT customer_id, amount FROM deals ORDER BY id')" $'1|2400000\n3|12500050'
	eq "$(ncustomers)" 4
}

@test "a contacts export after a companies export: each contact linked to its company" {
	crm-add --import --source hubspot "$REAL/hubspot-companies.csv" 2>/dev/null
	printf '%s\n' '"Record ID","First Name","Last Name","Email","Associated Company","Company Domain Name"' \
	    '"501","Ann","Lee","ann@gmail.com","Northwind Example",""' \
	    '"502","Bo","Chen","bo@yahoo.com","","globex.example.org"' \
	    '"503","Cy","Diaz","cy@umbrella.example.org","",""' >contacts.csv
	run --separate-stderr crm-add --import --source hubspot contacts.csv
	status_is 0
	eq "$stderr" "3 added, 0 updated, 0 unchanged, 0 rejected"
	# by name; by the domain column; by the e-mail's domain
	eq "$(sql "SELECT name, org_id, company, quote(domain) FROM customers WHERE type = 'person' ORDER BY id")" \
	    $'Ann Lee|1|Northwind Example|NULL\nBo Chen|2|Globex Example|NULL\nCy Diaz|4|Umbrella Example|NULL'
}

@test "Odoo's Is a Company, and a type column, say which rows are organisations" {
	printf '%s\n' 'Name,Email,Is a Company,Related Company,Job Position' \
	    'Azure Interior,info@azure.example,True,,' \
	    'Brandon Freeman,brandon@gmail.com,False,Azure Interior,Creative Director' >odoo.csv
	run --separate-stderr crm-add --import odoo.csv
	status_is 0
	eq "$stderr" "2 added, 0 updated, 0 unchanged, 0 rejected"
	# the organisation's own domain comes from its e-mail
	eq "$(sql 'SELECT id, type, quote(domain), quote(org_id), quote(role) FROM customers ORDER BY id')" \
	    "1|org|'azure.example'|NULL|NULL
2|person|NULL|1|'Creative Director'"
	printf '%s\n' 'type,name,email,org,role' 'org,Umbrella,,,' \
	    'person,Zed,zed@gmail.com,Umbrella,cfo' 'Organisation,Hooli,,,' >typed.csv
	run --separate-stderr crm-add --import typed.csv
	status_is 0
	eq "$(sql 'SELECT name, type, quote(org_id), quote(role) FROM customers WHERE id > 2 ORDER BY id')" \
	    "Umbrella|org|NULL|NULL
Zed|person|3|'cfo'
Hooli|org|NULL|NULL"
}

@test "a type that is neither, or that the customer found is not, is refused; nothing changed" {
	crm-add --org -n Globex -e info@globex.com >/dev/null
	crm-add -n Ann -e ann@x.example -x A-1 >/dev/null
	local before; before=$(dump)
	printf 'type,name,email\nperson,Globex,info@globex.com\n' >p.csv
	run --separate-stderr crm-add --import p.csv
	fails 65 "crm-add: p.csv:2: type: its keys name organisation 1, and the row is a person"
	printf 'type,name,email\norg,Ann,ann@x.example\n' >o.csv
	run --separate-stderr crm-add --import o.csv
	fails 65 "crm-add: o.csv:2: type: its keys name customer 2, a person, and the row is an organisation (to make the customer one: crm-add -u 2 --org)"
	printf 'type,name\ncustomer,Cy\n' >t.csv
	run --separate-stderr crm-add --import t.csv
	fails 65 "crm-add: t.csv:2: type: 'customer' is neither person nor org"
	printf 'Name,Is a Company\nCy,maybe\n' >c.csv
	run --separate-stderr crm-add --import c.csv
	fails 65 "crm-add: c.csv:2: Is a Company: 'maybe' is neither True nor False"
	printf 'type,name,role\norg,Hooli,cto\n' >r.csv
	run --separate-stderr crm-add --import r.csv
	fails 65 "crm-add: r.csv:2: role: an organisation has no role: a role is a contact's"
	eq "$(dump)" "$before"
}

@test "a companies export made people before: refused with what to do, then imported unchanged" {
	# what crm-add made of a companies export before organisations
	crm-add -n 'Northwind Example' -c 'Northwind Example' -x 9011000201 >/dev/null
	local before; before=$(dump)
	run --separate-stderr crm-add --import "$REAL/hubspot-companies.csv"
	status_is 65
	eq "${stderr_lines[1]}" "crm-add: $REAL/hubspot-companies.csv:2: its keys name customer 1, a person, and the row is an organisation (to make the customer one: crm-add -u 1 --org)"
	eq "$(dump)" "$before"
	crm-add -u 1 --org >/dev/null
	run --separate-stderr crm-add --import "$REAL/hubspot-companies.csv"
	status_is 0
	eq "${stderr_lines[1]}" "3 added, 1 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT count(*) FROM customers WHERE type = 'org'")" 4
}

@test "crm's own export with type, org, role and domain columns: the same organisations and links" {
	globex
	crm-add --org -n Initech --domain initech.com >/dev/null
	# an export as crm-segment -f all writes it, with the organisations'
	# columns: ids are local, the org column names the organisation
	printf '%s\n' 'id,external_id,name,company,email,type,org,role,domain,tier,owner,updated' \
	    '1,G-1,"Globex, Ltd.","Globex, Ltd.",,org,,,globex.com,,bob,2026-11-23T10:00:00Z' \
	    '2,,Ann,"Globex, Ltd.",ann@globex.com,person,"Globex, Ltd.",buyer,,,,2026-11-23T10:00:00Z' \
	    '3,,Raj,Globex Research,raj@globex.com,person,"Globex, Ltd.",,,,,2026-11-23T10:00:00Z' \
	    '4,,Initech,Initech,,org,,,initech.com,,,2026-11-23T10:00:00Z' >export.csv
	run --separate-stderr crm-add -d fresh.db --import export.csv
	status_is 0
	eq "$stderr" "4 added, 0 updated, 0 unchanged, 0 rejected"
	local q='SELECT id, type, name, company, quote(org_id), quote(role), quote(domain), org_key FROM customers ORDER BY id'
	eq "$(sqlite3 fresh.db "$q")" "$(sql "$q")"
	# into its own database: nothing changes
	run --separate-stderr crm-add --import export.csv
	eq "$stderr" "0 added, 0 updated, 4 unchanged, 0 rejected"
}

@test "a column headed company, as crm writes it, is text: crm-segment -f into another database makes no organisation" {
	globex
	crm-segment -f name,company,email -o csv >part.csv
	run --separate-stderr crm-add -d other.db --import part.csv
	status_is 0
	# crm-segment lists people (organisations with --orgs): the two,
	# and their company is text; no organisation is made
	eq "$stderr" "2 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sqlite3 other.db "SELECT count(*) FROM customers WHERE type = 'org' OR org_id IS NOT NULL")" 0
	# the same file headed Company, as another system writes it, links
	sed '1s/company/Company/' part.csv >other.csv
	run --separate-stderr crm-add -d third.db --import other.csv
	eq "$stderr" "2 added, 0 updated, 0 unchanged, 0 rejected, 2 organisations added"
	# -f all has type, org and role: into its own database the people
	# are found again, each with their organisation
	local before; before=$(sql 'SELECT * FROM customers')
	run --separate-stderr bash -c 'crm-segment -f all | crm-add --import'
	eq "$stderr" "0 added, 0 updated, 2 unchanged, 0 rejected"
	eq "$(sql 'SELECT * FROM customers')" "$before"
}

@test "--merge of two organisations moves the contacts and the deals, keeps the other domain" {
	globex
	crm-add --org -n 'Globex UK' --domain globex.co.uk -T gold >/dev/null
	crm-add -n Gus -e gus@globex.co.uk --contact-of 'globex uk' >/dev/null
	crm-deal add 'Globex UK' 'UK mill' --amount 500 >/dev/null
	crm-log 'Globex UK' call 'called' >/dev/null
	run --separate-stderr crm-add --merge globex.com 'Globex UK'
	status_is 0
	eq "$output" 1
	eq "$(sql "SELECT id, name, tier, domain FROM customers WHERE type = 'org'")" '1|Globex, Ltd.|gold|globex.com'
	eq "$(sql 'SELECT org_id FROM customers WHERE id = 5')" 1
	eq "$(sql 'SELECT customer_id FROM deals; SELECT customer_id FROM interactions')" $'1\n1'
	eq "$(sql "SELECT key, value FROM customer_fields WHERE customer_id = 1")" 'other domains|globex.co.uk'
	# the duplicate's record is in the audit row, its type among it
	run python3 -c 'import json, sys; m = json.loads(sys.argv[1])["merged"]; print(m["id"], m["name"], m["type"], m["domain"])' \
	    "$(sql "SELECT detail FROM audit WHERE action = 'merge'")"
	eq "$output" '4 Globex UK org globex.co.uk'
	# the kept organisation is found by its contact's domain: gus's
	# domain now is an extra field, not the organisation's
	eq "$(sql "SELECT count(*) FROM customers WHERE domain = 'globex.co.uk'")" 0
}

@test "--merge of two people keeps the duplicate's organisation where keep has none" {
	globex
	crm-add -n 'Ann L' -e ann.l@home.example >/dev/null
	crm-add --merge ann.l@home.example ann@globex.com >/dev/null
	eq "$(sql 'SELECT name, org_id, role FROM customers WHERE id = 4')" 'Ann L|1|buyer'
}

@test "a person and an organisation are not merged; nothing changed" {
	globex
	local before; before=$(dump)
	run --separate-stderr crm-add --merge globex ann@globex.com
	fails 65 "crm-add: cannot merge person 2 into organisation 1: only two people or two organisations are merged"
	run --separate-stderr crm-add --merge ann@globex.com globex
	fails 65 "crm-add: cannot merge organisation 1 into person 2: only two people or two organisations are merged"
	eq "$(dump)" "$before"
}

@test "--reassign hands on organisations and open deals, not closed ones" {
	globex
	crm-add -n Pia --owner bob >/dev/null
	crm-deal add globex 'Open' --amount 100 --owner bob >/dev/null
	crm-deal add globex 'Done' --amount 100 --owner bob >/dev/null
	crm-deal won 2 >/dev/null
	run --separate-stderr crm-add --reassign bob dana
	status_is 0
	# Globex (1) and Pia (4)
	eq "$stderr" "2 customers reassigned from bob to dana"
	eq "$(sql 'SELECT id, owner FROM customers WHERE owner IS NOT NULL ORDER BY id')" $'1|dana\n4|dana'
	eq "$(sql 'SELECT title, owner FROM deals ORDER BY id')" $'Open|dana\nDone|bob'
}

@test "names, companies, organisations and fields written in NFD (macOS) are kept in NFC: one organisation, found by filters and search in either form (qa13 #2)" {
	# NFD: e + U+0301, o + U+0308; NFC: U+00E9, U+00F6
	printf 'Name,Email,Company,City\nJose\xcc\x81 Garci\xcc\x81a,jose@example.com,Cafe\xcc\x81 Ltd,Ko\xcc\x88ln\n' >nfd.csv
	printf 'Name,Email,Company\nZo\xc3\xab Wei\xc3\x9f,zoe@example.com,Caf\xc3\xa9 Ltd\n' >nfc.csv
	crm-add --import nfd.csv 2>/dev/null
	crm-add --import nfc.csv 2>/dev/null
	crm-add -n "$(printf 'Rene\xcc\x81')" -e rene@example.com \
	    -i "$(printf 'Ba\xcc\x88ckerei')" >/dev/null
	crm-add --org -n "$(printf 'So\xcc\x88hne AG')" >/dev/null
	# stored in NFC, byte for byte (this file is NFC)
	eq "$(sql "SELECT name || '|' || coalesce(company, '') FROM customers ORDER BY id")" \
	    "Café Ltd|Café Ltd
José García|Café Ltd
Zoë Weiß|Café Ltd
René|
Söhne AG|Söhne AG"
	eq "$(sql "SELECT value FROM customer_fields")" Köln
	eq "$(sql "SELECT industry FROM customers WHERE industry IS NOT NULL")" Bäckerei
	# one organisation "Café Ltd", with both people
	eq "$(crm-segment --orgs -f id,name,contacts)" "id	name	contacts
1	Café Ltd	2
5	Söhne AG	0"
	# a filter's and a search's words in either form
	eq "$(crm-segment -f email "name = 'José García'")" "email
jose@example.com"
	eq "$(crm-segment -f email "$(printf "name = 'Jose\xcc\x81 Garci\xcc\x81a'")")" "email
jose@example.com"
	eq "$(crm-segment -f email "$(printf "City = 'Ko\xcc\x88ln'")")" "email
jose@example.com"
	eq "$(crm-segment --search 'josé' -f email | cut -f1)" "email
jose@example.com"
	eq "$(crm-segment --search "$(printf 'Rene\xcc\x81')" -f email | cut -f1)" "email
rene@example.com"
}

# nfc.c takes text whose every character NFC leaves alone (ASCII, CJK,
# most letters) as it is, without the algorithm: the table's last entries
# (the Ohm, Kelvin and Angstrom signs), a mark after CJK, and a letter
# and mark after CJK must still be normalised as the algorithm does.
@test "Salesforce's Data Export: Account.csv is organisations (Id the external id, OwnerId a field), Contact.csv's AccountId links each contact" {
	local acc="$REAL/salesforce-dataexport-accounts.csv" con="$REAL/salesforce-contacts.csv"
	run --separate-stderr crm-add --import "$acc"
	status_is 0
	eq "$stderr" "crm-add: $acc: an organisation export: each row is an organisation
3 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT id, type, external_id, name, company, quote(domain), industry, created FROM customers ORDER BY id")" \
	    "1|org|0015g00000XyZaBAAV|Northwind Traders|Northwind Traders|'northwind.example'|Manufacturing|2023-06-20T09:12:00Z
2|org|0015g00000XyZaCAAV|Contoso Ltd|Contoso Ltd|'contoso.example'|Consulting|2023-07-02T14:00:00Z
3|org|0015g00000XyZaDAAV|Northwind Hamburg|Northwind Hamburg|NULL|Manufacturing|2024-01-15T08:30:00Z"
	# a user's id is no owner's name: kept as the field it is
	eq "$(sql "SELECT quote(owner) || '|' || (SELECT value FROM customer_fields WHERE customer_id = 1 AND key = 'OwnerId') FROM customers WHERE id = 1")" \
	    "NULL|0055g00000Qw12AAAR"
	eq "$(sql "SELECT value FROM customer_fields WHERE customer_id = 3 AND key = 'ParentId'")" 0015g00000XyZaBAAV
	run --separate-stderr crm-add --import "$con"
	status_is 0
	eq "${stderr_lines[0]}" "2 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT name, org_id, company FROM customers WHERE type = 'person' ORDER BY id")" \
	    $'Ann Lee|1|Northwind Traders\nBob Martin|2|Contoso Ltd'
	eq "$(sql "SELECT count(*) FROM customer_fields WHERE key = 'AccountId'")" 0
	eq "$(sql "SELECT count(*) FROM customers WHERE type = 'org'")" 3
	run --separate-stderr crm-add --import "$acc"
	eq "${stderr_lines[1]}" "0 added, 0 updated, 3 unchanged, 0 rejected"
	run --separate-stderr crm-add --import "$con"
	eq "${stderr_lines[0]}" "0 added, 0 updated, 2 unchanged, 0 rejected"
}

@test "Salesforce's Contact.csv before Account.csv: AccountId kept as a field and said once, never an organisation's name; linked when imported again" {
	local acc="$REAL/salesforce-dataexport-accounts.csv" con="$REAL/salesforce-contacts.csv"
	run --separate-stderr crm-add --import "$con"
	status_is 0
	eq "${stderr_lines[0]}" "crm-add: $con: AccountId: 2 rows name an organisation not known here (the first '0015g00000XyZaBAAV'): kept as a field; import the accounts (Account.csv) first, then this file again to link them"
	eq "$(sql "SELECT count(*) FROM customers WHERE type = 'org' OR company IS NOT NULL OR org_id IS NOT NULL")" 0
	eq "$(sql "SELECT value FROM customer_fields WHERE customer_id = 1 AND key = 'AccountId'")" 0015g00000XyZaBAAV
	crm-add --import "$acc" 2>/dev/null
	run --separate-stderr crm-add --import "$con"
	status_is 0
	eq "$stderr" "0 added, 2 updated, 0 unchanged, 0 rejected
1 row skipped: deleted in the source"
	eq "$(sql "SELECT name, org_id, company FROM customers WHERE type = 'person' ORDER BY id")" \
	    $'Ann Lee|3|Northwind Traders\nBob Martin|4|Contoso Ltd'
	# an Accounts file that is people's (Ids not an account's) stays people's
	printf '"Id","Name","BillingCity"\n"0035g00000AbCdEAAV","Ann Lee","London"\n' >people.csv
	run --separate-stderr crm-add --import people.csv
	status_is 0
	eq "$(sql "SELECT type FROM customers WHERE external_id = '0035g00000AbCdEAAV'")" person
}

@test "names, companies and fields beside CJK, Greek and Cyrillic are kept in NFC: Ohm, Kelvin and Angstrom signs, marks after CJK" {
	# U+2126 Ohm -> U+03A9; U+212A Kelvin -> K; U+212B Angstrom -> U+00C5;
	# e + U+0301 after CJK -> U+00E9; U+0301 after CJK stays (no composite)
	printf 'Name,Email,Company,City\n\xe5\x8c\x97\xe2\x84\xa6,a@example.com,\xe2\x84\xaaelvin,\xe5\x8c\x97\xcc\x81\n\xd0\x98\xd0\xb2\xd0\xb0\xce\xb1\xe2\x84\xab,b@example.com,\xe5\x8c\x97\xe4\xba\xac,\xe4\xb8\x8a\xe6\xb5\xb7e\xcc\x81\n' >mix.csv
	crm-add --import mix.csv 2>/dev/null
	# stored in NFC, byte for byte (this file is NFC)
	eq "$(sql "SELECT name || '|' || company FROM customers WHERE type = 'person' ORDER BY id")" \
	    "北Ω|Kelvin
ИваαÅ|北京"
	eq "$(sql "SELECT value FROM customer_fields ORDER BY customer_id")" \
	    "$(printf '\xe5\x8c\x97\xcc\x81\n\xe4\xb8\x8a\xe6\xb5\xb7\xc3\xa9')"
}

# qa14 F6: owners, tags and fields' names too; and crm-log's, crm-deal's,
# crm-remind's owners and --reassign's.
@test "owners, tags and extra fields' names written in NFD (macOS) are kept in NFC: one owner, tag and field, found by filters in either form" {
	# NFD: u + U+0308, e + U+0301, o + U+0308; NFC: U+00FC, U+00E9, U+00F6
	printf 'Name,Email,Gro\xcc\x88\xc3\x9fe,Tags,Owner\nAnn,ann@example.com,L,cafe\xcc\x81,Ju\xcc\x88rgen\n' >nfd.csv
	printf 'Name,Email,Gr\xc3\xb6\xc3\x9fe,Tags,Owner\nBo,bo@example.com,M,caf\xc3\xa9,J\xc3\xbcrgen\n' >nfc.csv
	crm-add --import nfd.csv 2>/dev/null
	crm-add --import nfc.csv 2>/dev/null
	crm-add -n Cy -e cy@example.com --owner "$(printf 'Ju\xcc\x88rgen')" \
	    -t "$(printf 'cafe\xcc\x81')" -F "$(printf 'Gro\xcc\x88\xc3\x9fe')=S" >/dev/null
	# stored in NFC, byte for byte (this file is NFC)
	eq "$(sql "SELECT DISTINCT owner FROM customers")" Jürgen
	eq "$(sql "SELECT DISTINCT tag FROM tags")" café
	eq "$(sql "SELECT DISTINCT key FROM customer_fields")" Größe
	eq "$(crm-segment --by owner | cut -f1,2)" "owner	customers
Jürgen	3"
	eq "$(crm-segment -f email "$(printf "owner = 'Ju\xcc\x88rgen' and has cafe\xcc\x81 and Gro\xcc\x88\xc3\x9fe ~ ''")" | wc -l)" 4
	eq "$(crm-segment -f email "owner = 'Jürgen' and has café and Größe ~ ''" | wc -l)" 4
	# an owner given to crm-log, crm-deal and crm-remind, and --reassign's
	crm-log --owner "$(printf 'Ju\xcc\x88rgen')" ann@example.com note hi >/dev/null
	crm-deal add ann@example.com Pumps --owner "$(printf 'Ju\xcc\x88rgen')" >/dev/null
	crm-remind add ann@example.com --in 1d call --owner "$(printf 'Ju\xcc\x88rgen')" >/dev/null
	eq "$(sql "SELECT owner FROM interactions UNION ALL SELECT owner FROM deals UNION ALL SELECT owner FROM reminders")" $'Jürgen\nJürgen\nJürgen'
	crm-add --reassign "$(printf 'Ju\xcc\x88rgen')" "$(printf 'Jo\xcc\x88rg')" 2>/dev/null
	eq "$(sql "SELECT DISTINCT owner FROM customers UNION ALL SELECT owner FROM deals")" $'Jörg\nJörg'
}

# qa-left F2: the names were NFC in filters but not in field lists.
@test "an extra field's name written in NFD (macOS) on the command line (-f, --by, --apply=, --group, --matrix) is the field stored in NFC" {
	crm-add -n Ann -e ann@example.com -F 'Café=Latte' >/dev/null
	crm-add -n Bo -e bo@example.com -F 'Café=Mocha' >/dev/null
	crm-log --amount 10 ann@example.com purchase >/dev/null
	local nfd
	nfd=$(printf 'Cafe\xcc\x81')
	run --separate-stderr crm-segment -f "name, $nfd"
	status_is 0
	eq "$stderr" ""
	eq "$output" $'name\tCafé\nAnn\tLatte\nBo\tMocha'
	run --separate-stderr crm-segment --by "$nfd"
	status_is 0
	eq "$stderr" ""
	eq "$output" $'Café\tcustomers\trevenue\nLatte\t1\t10.00\nMocha\t1\t0.00'
	run --separate-stderr crm-report --from 2026-11-01 sales --group "$nfd" -f "$nfd",revenue
	status_is 0
	eq "$output" $'Café\trevenue\nLatte\t10.00'
	run --separate-stderr crm-report --from 2026-11-01 sales --matrix "$nfd",product
	status_is 0
	eq "$(head -1 <<<"$output")" $'Café\t[]\ttotal'
	# the old value is the stored field's
	run --separate-stderr crm-segment --tiers 'big=5,small=0' --apply="$nfd" 'name = Ann'
	status_is 0
	eq "$output" $'id\tname\told\tnew\n1\tAnn\tLatte\tbig'
	eq "$(sql "SELECT key, value FROM customer_fields WHERE customer_id = 1")" 'Café|big'
	eq "$(sql "SELECT count(DISTINCT key) FROM customer_fields")" 1
}

# h-sfacct35 saw an organisation export's "Northwind Traders GmbH"
# (another Id) update "Northwind Traders", its name and city over hers.
@test "an organisation found by its name with another id of the same system is refused, never merged into it" {
	printf '%s\n' 'Account Name,Account ID,Billing City' 'Northwind Traders,001A,London' \
	    'Northwind Traders GmbH,001B,Berlin' >a.csv
	run --separate-stderr crm-add --import a.csv
	status_is 65
	eq "${stderr_lines[1]}" "crm-add: a.csv:3: Account ID: 'Northwind Traders GmbH' is organisation 1, 'Northwind Traders', by its name, but that one has the id '001A' and the row '001B': two ids, two organisations, which crm does not keep under one name; --rejects FILE leaves the row out, or give it the id '001A' if it is the same one"
	no_db
	run --separate-stderr crm-add --import --rejects r.csv a.csv
	status_is 0
	eq "$(sql "SELECT name || ' ' || external_id || ' ' || (SELECT value FROM customer_fields WHERE customer_id = id AND key = 'Billing City') FROM customers")" "Northwind Traders 001A London"
	# the same organisation again, by its id: found, not refused
	printf '%s\n' 'Account Name,Account ID,Billing City' 'Northwind Traders Ltd,001A,London' >b.csv
	run --separate-stderr crm-add --import b.csv
	status_is 0
}

# Into an empty SQLite table the index of people by organisation is
# built after the load, so the colleague count behind a domain learnt
# (crm_org_learn_domain) scanned the table for every person with a
# company at a domain (20,000 such people: a minute of CPU before,
# under a second after).  A row whose organisation has no earlier contact at its
# domain in the load does not ask; two colleagues in any case still give
# it the domain.
@test "import into an empty database: people at a company each, at its own domain, give it none; two colleagues (any case) still give the domain" {
	only_on sqlite "the index of people by organisation is built after a load into an empty SQLite table"
	awk 'BEGIN { print "Name,Email,Company"
		for (i = 0; i < 500; i++) printf "Solo %d,solo%d@firm%d.com,\n", i, i, i
		for (i = 0; i < 2000; i++) printf "Staff %d,staff%d@firm%d.com,Firm %d Ltd\n", i, i, i, i
		print "Amy Pond,Amy.Pond@ACME-WIDGETS.CO.UK,Acme Widgets"
		print "Rory Williams,rory@acme-widgets.co.uk,Acme Widgets" }' >many.csv
	run --separate-stderr crm-add --import many.csv
	status_is 0
	eq "$stderr" "2,502 added, 0 updated, 0 unchanged, 0 rejected, 2,001 organisations added"
	# one contact each: no organisation took a domain, but Acme's two
	eq "$(sql "SELECT name, domain FROM customers WHERE domain IS NOT NULL")" 'Acme Widgets|acme-widgets.co.uk'
	eq "$(sql "SELECT count(*) FROM customers WHERE type = 'person' AND org_id IS NOT NULL")" 2002
}
