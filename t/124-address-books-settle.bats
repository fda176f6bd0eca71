#!/usr/bin/env bats
# Test plan: one record a person from several address books (qa50).
#   - a person who moved: a book with her old company and one with the
#     new settle, imported in turn, to unchanged; the company changes
#     once, said, the old one kept in 'other companies' (F1)
#   - a row whose e-mail is one customer's and whose phone another's:
#     the phone stays, the number among her other phones, both customers
#     named after the import (F2)
#   - a name in capitals without its accents is the same name (F5)
#   - a colleague's row with a shared address as its second: that
#     address left out, the rest taken (F7); a refusal for a colleague's
#     address names that address (F8)
#   - a row with no e-mail or phone (LinkedIn) is the one person of its
#     name at its organisation, and the reverse; two of the name there,
#     or the name at another organisation, stay apart (F4)
#   - a name written "Lee, Ann" added beside Ann Lee at her organisation
#     is said as "Ann Lee" would be (F6)

bats_require_minimum_version 1.5.0

load helper

@test "a person who moved: two books with the old and the new company settle to unchanged, the change said once" {
	printf 'Name,Email,Company\nPeter Müller,peter@fabrikam.example,Fabrikam GmbH\n' >new.csv
	printf 'Name,Email,Company\nPeter Müller,peter@fabrikam.example,Contoso Energy\n' >old.csv
	crm-add --import new.csv 2>/dev/null
	run --separate-stderr crm-add --import old.csv
	status_is 0
	eq "$stderr" "crm-add: old.csv: 1 customer's company changed to the file's: the old one kept in 'other companies', where a later row's leaves the company as it is (line 2, customer 2, peter@fabrikam.example: 'Fabrikam GmbH' to 'Contoso Energy')
0 added, 1 updated, 0 unchanged, 0 rejected, 1 organisation added"
	for f in new.csv old.csv new.csv; do
		run --separate-stderr crm-add --import $f
		status_is 0
		eq "$stderr" "0 added, 0 updated, 1 unchanged, 0 rejected"
	done
	eq "$(sql "SELECT c.company || '|' || o.name FROM customers c JOIN customers o ON o.id = c.org_id WHERE c.type = 'person'")" 'Contoso Energy|Contoso Energy'
	eq "$(sql "SELECT value FROM customer_fields WHERE key = 'other companies'")" 'Fabrikam GmbH'
	# written otherwise (legal form, case): the same company, nothing aside
	printf 'Name,Email,Company\nPeter Müller,peter@fabrikam.example,CONTOSO ENERGY LTD\n' >same.csv
	run --separate-stderr crm-add --import same.csv
	eq "$(sql "SELECT value FROM customer_fields WHERE key = 'other companies'")" 'Fabrikam GmbH'
}

@test "a row whose e-mail is one customer's and whose phone another's: the phone stays, both named" {
	crm-add -n 'Robert Jones' -e robert.jones@contoso.example -p '+1 555 0102' >/dev/null
	crm-add -n 'Γιώργος Παπαδόπουλος' -e g.papadopoulos@naftilia.example -p '+30 210 1234567' >/dev/null
	printf 'Name,Email,Phone\nRobert Jones,robert.jones@contoso.example,+30 210 1234567\n' >c.csv
	run --separate-stderr crm-add --import c.csv
	status_is 0
	eq "$stderr" "crm-add: c.csv: 1 row's phone is another customer's than the one its e-mail or id found: kept in that one's 'other phones', its phone as it is (line 2: '+30 210 1234567' is customer 2's ('Γιώργος Παπαδόπουλος'), the row customer 1's (Robert Jones): if they are one person, crm-add --merge 1 2 joins them)
0 added, 1 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT phone FROM customers WHERE id = 1")" '+1 555 0102'
	eq "$(sql "SELECT value FROM customer_fields WHERE customer_id = 1 AND key = 'other phones'")" '+30 210 1234567'
	run --separate-stderr crm-add --import c.csv
	eq "$stderr" "0 added, 0 updated, 1 unchanged, 0 rejected"
}

@test "a name in capitals without its accents is the customer's; the accented one wins" {
	crm-add -n 'José Núñez' -e jose.nunez@mail.example >/dev/null
	printf 'First Name,Last Name,Email\nJOSE,NUNEZ,jose.nunez@mail.example\n' >s.csv
	run --separate-stderr crm-add --import s.csv
	status_is 0
	eq "$stderr" "0 added, 0 updated, 1 unchanged, 0 rejected"
	crm-add -u 1 -n 'JOSE NUNEZ' 2>/dev/null
	printf 'First Name,Last Name,Email\nJosé,Núñez,jose.nunez@mail.example\n' >m.csv
	run --separate-stderr crm-add --import m.csv
	status_is 0
	eq "$stderr" "crm-add: m.csv:2: customer 1 'JOSE NUNEZ' renamed 'José Núñez', the same name better cased
0 added, 1 updated, 0 unchanged, 0 rejected"
	printf 'Name,Email\nJose Nunez,jose.nunez@mail.example\n' >p.csv
	run --separate-stderr crm-add --import p.csv
	eq "$stderr" "0 added, 0 updated, 1 unchanged, 0 rejected"
	eq "$(sql "SELECT name FROM customers")" 'José Núñez'
}

@test "a colleague's row with the office's address as its second: that address left out, the rest taken, said" {
	printf '%s\n' 'First Name,Last Name,E-mail 1 - Value,E-mail 2 - Value,Phone 1 - Value' \
	    'Eleni,Nikolaou,eleni@naftilia.example,info@naftilia.example,+30 210 7654321' \
	    'Kostas,Dimitriou,kostas@naftilia.example,info@naftilia.example,+30 210 7654322' >g.csv
	run --separate-stderr crm-add --import g.csv
	status_is 0
	eq "$stderr" "crm-add: g.csv: 1 row's other e-mail is another person's (a name with no word of the row's): left out of the row, the rest of it taken (line 3, Kostas Dimitriou: 'info@naftilia.example' is customer 1's, Eleni Nikolaou)
2 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT name || '|' || email || '|' || phone FROM customers WHERE id = 2")" 'Kostas Dimitriou|kostas@naftilia.example|+30 210 7654322'
	eq "$(sql "SELECT customer_id FROM identities WHERE value = 'info@naftilia.example'")" 1
	run --separate-stderr crm-add --import g.csv
	eq "$stderr" "crm-add: g.csv: 1 row's other e-mail is another person's (a name with no word of the row's): left out of the row, the rest of it taken (line 3, Kostas Dimitriou: 'info@naftilia.example' is customer 1's, Eleni Nikolaou)
0 added, 0 updated, 2 unchanged, 0 rejected"
}

@test "a row refused for a colleague's address names that address, not the colleague's own" {
	printf '%s\n' 'First Name,Last Name,E-mail 1 - Value,E-mail 2 - Value' \
	    'Eleni,Nikolaou,eleni@naftilia.example,info@naftilia.example' \
	    'Kostas,Dimitriou,info@naftilia.example,' >g.csv
	run --separate-stderr crm-add --import g.csv --rejects r.csv
	status_is 0
	has "$(cat r.csv)" "'info@naftilia.example' is line 2's ('Eleni Nikolaou'), a name with no word of 'Kostas Dimitriou'"
}

@test "a LinkedIn row (name, company, profile URL) is the one person of its name at its organisation, and the reverse; namesakes stay apart" {
	printf 'Name,Email,Company\nAnn Lee,ann.lee@northwind.example,Northwind Traders Ltd\nJohn Smith,john@northwind.example,Northwind Traders Ltd\nJohn Smith,js@northwind.example,Northwind Traders Ltd\nKenji Tanaka,kenji@contoso.example,Contoso Energy\n' >a.csv
	crm-add --import a.csv 2>/dev/null
	printf 'First Name,Last Name,URL,Email Address,Company,Position\nANN,LEE,https://www.linkedin.com/in/ann,,Northwind Traders Ltd,Manager\nJohn,Smith,https://www.linkedin.com/in/js,,Northwind Traders Ltd,\nKenji,Tanaka,https://www.linkedin.com/in/kt,,Globex,\nMaría,García,https://www.linkedin.com/in/mg,,Fabrikam GmbH,\n' >l.csv
	run --separate-stderr crm-add --import l.csv
	status_is 0
	has "$stderr" "crm-add: l.csv: 1 row taken as the one person of the name at the organisation, one of the two with no e-mail, phone or external_id (line 2, ANN LEE at Northwind Traders Ltd: customer 2)"
	has "$stderr" "3 added, 1 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT name FROM customers WHERE id = 2")" 'Ann Lee'
	eq "$(sql "SELECT customer_id FROM identities WHERE value = 'https://www.linkedin.com/in/ann'")" 2
	eq "$(sql "SELECT count(*) FROM customers WHERE name = 'John Smith'")" 3
	eq "$(sql "SELECT count(*) FROM customers WHERE name = 'Kenji Tanaka'")" 2
	run --separate-stderr crm-add --import l.csv
	eq "$stderr" "0 added, 0 updated, 4 unchanged, 0 rejected"
	# the reverse: her card with an e-mail after the LinkedIn row
	printf 'Name,Email,Company\nMaría García,maria@fabrikam.example,Fabrikam GmbH\n' >m.csv
	run --separate-stderr crm-add --import m.csv
	status_is 0
	eq "$stderr" "crm-add: m.csv: 1 row taken as the one person of the name at the organisation, one of the two with no e-mail, phone or external_id (line 2, María García at Fabrikam GmbH: customer $(sql "SELECT id FROM customers WHERE name = 'María García'"))
0 added, 1 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT count(*) FROM customers WHERE name = 'María García'")" 1
}

@test "a person who moved is found by her other companies; a second profile URL is another person" {
	printf 'Name,Email,Company\nPeter Müller,peter@fabrikam.example,Fabrikam GmbH\n' >a.csv
	printf 'Name,Email,Company\nPeter Müller,peter@fabrikam.example,Contoso Energy\n' >b.csv
	crm-add --import a.csv 2>/dev/null
	crm-add --import b.csv 2>/dev/null
	printf 'First Name,Last Name,URL,Company\nPeter,Müller,https://www.linkedin.com/in/pm,Fabrikam GmbH\n' >l.csv
	run --separate-stderr crm-add --import l.csv
	status_is 0
	has "$stderr" "0 added, 1 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT company FROM customers WHERE type = 'person'")" 'Contoso Energy'
	printf 'First Name,Last Name,URL,Company\nPeter,Müller,https://www.linkedin.com/in/pm2,Fabrikam GmbH\n' >l2.csv
	run --separate-stderr crm-add --import l2.csv
	has "$stderr" "1 added, 0 updated, 0 unchanged, 0 rejected"
}

@test "Lee, Ann added at Ann Lee's organisation is said as Ann Lee would be" {
	printf 'Name,Email,Company\nAnn Lee,ann.lee@northwind.example,Northwind Traders Ltd\n' >a.csv
	crm-add --import a.csv 2>/dev/null
	printf 'Name,Email,Company\n"Lee, Ann",ann@home.example,Northwind Traders Ltd\n' >b.csv
	run --separate-stderr crm-add --import b.csv
	status_is 0
	eq "$stderr" "crm-add: b.csv:2: Lee, Ann added as customer 3 beside customer 2 of that name at Northwind Traders Ltd, whom no key of the row names: if they are one person, crm-add --merge 2 3 joins them
1 added, 0 updated, 0 unchanged, 0 rejected"
}

@test "Shopify's Phone equal to its Default Address Phone is kept once, not as a Phone 2 field; another number is" {
	printf '%s\n' 'Customer ID,First Name,Last Name,Email,Default Address Phone,Phone' \
	    "'7210448301100,Ann,Lee,annie.lee@mail.example,'+442079460958,'+442079460958" \
	    "'7210448301101,Bo,Ek,bo@mail.example,'+442079460958,'+447700900222" >shop.csv
	run --separate-stderr crm-add --import shop.csv
	status_is 0
	eq "$(sql "SELECT c.name || '=' || f.value FROM customer_fields f JOIN customers c ON c.id = f.customer_id WHERE f.key = 'Phone 2'")" 'Bo Ek=+447700900222'
}

@test "a moved person's old and new vCards (ORG) settle too: her organisation stays with her company" {
	printf 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Peter Müller\r\nORG:Fabrikam GmbH;\r\nEMAIL:peter@fabrikam.example\r\nEND:VCARD\r\n' >new.vcf
	printf 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Peter Müller\r\nORG:Contoso Energy;\r\nEMAIL:peter@fabrikam.example\r\nEND:VCARD\r\n' >old.vcf
	crm-add --import new.vcf 2>/dev/null
	crm-add --import old.vcf 2>/dev/null
	for f in new.vcf old.vcf; do
		run --separate-stderr crm-add --import $f
		status_is 0
		eq "$stderr" "0 added, 0 updated, 1 unchanged, 0 rejected"
	done
	eq "$(sql "SELECT c.company || '|' || o.name FROM customers c JOIN customers o ON o.id = c.org_id WHERE c.type = 'person'")" 'Contoso Energy|Contoso Energy'
}
