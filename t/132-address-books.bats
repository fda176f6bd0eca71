#!/usr/bin/env bats
# Test plan: one person in two address books (an Android phone's vCard
# 2.1, an iPhone's 3.0 from iCloud, a spreadsheet of "Last, First"
# names; t/data/real/ab-*), imported in turn, night after night, settles:
#   - "Müller, Jürgen" and "Jürgen Müller" are one name: no rename either
#     way, no audit row, the customer's spelling kept
#   - a phone's contact saved without the e-mail (Tom Baker, a number)
#     is the customer of that name and number known by an e-mail, found
#     and said; when two customers known by e-mails have them, added as
#     another, said with the merge
#   - one person's two cards (in one export, or two books) without
#     --source: the number the second replaces is kept in other phones,
#     and the next import changes nothing; the same number written two
#     ways changes nothing, no audit row; --source per book still
#     settles as before
#   - ORG's unit (iCloud's ORG:Straßenbau GmbH;Vertrieb) is the field
#     Department, as Outlook's and Thunderbird's Department column is; the
#     company the organisation's name alone, so two books agree; -o vcard
#     writes ORG:company;department back

load helper

REAL="$BATS_TEST_DIRNAME/data/real"

# import FILE [OPTION...]: run crm-add --import, stdout and stderr apart.
import() {
	local f=$1
	shift
	run --separate-stderr crm-add --import "$@" "$f"
}

# How many rows of the audit trail renamed a customer.
renames() {
	sql "SELECT count(*) FROM audit WHERE action = 'update' AND
	    detail LIKE '%\"name\"%'"
}

@test "'Müller, Jürgen' and 'Jürgen Müller' are one name: 'Last, First' takes 'First Last' once (qa24 F10), then no rename either way" {
	import "$REAL/ab-excel-names.csv"
	status_is 0
	import "$REAL/ab-android-21.vcf"
	status_is 0
	has "$stderr" "'Müller, Jürgen' renamed 'Jürgen Müller', the same name first name first"
	eq "$(sql "SELECT name FROM customers WHERE email LIKE 'juergen%'")" \
	    'Jürgen Müller'
	eq "$(renames)" 2
	import "$REAL/ab-excel-names.csv"
	eq "$stderr" "0 added, 0 updated, 2 unchanged, 0 rejected"
	import "$REAL/ab-android-21.vcf"
	[[ $stderr != *renamed* ]]
	eq "$(renames)" 2
	# and the other way round: the card's spelling first
	new_db
	import "$REAL/ab-android-21.vcf"
	import "$REAL/ab-excel-names.csv"
	[[ $stderr != *renamed* ]]
	eq "$(sql "SELECT name FROM customers WHERE email LIKE 'juergen%'")" \
	    'Jürgen Müller'
	eq "$(renames)" 0
	# a fuller name is still one
	printf 'Name,Email\nJürgen K. Müller,juergen.mueller@example.de\n' >f.csv
	import f.csv
	has "$stderr" "renamed 'Jürgen K. Müller', a fuller name"
}

@test "a contact with a phone and no e-mail is the customer of that name and number known by an e-mail: found and said; two such: added, said with the merge" {
	import "$REAL/ab-icloud-30.vcf"
	eq "$stderr" "3 added, 0 updated, 0 unchanged, 0 rejected, 2 organisations added"
	import "$REAL/ab-android-21.vcf"
	status_is 0
	eq "${stderr_lines[0]}" "crm-add: $REAL/ab-android-21.vcf:9: 'Tom Baker' (+44 7700 900456), with no e-mail or id, is customer 3 by its name and phone"
	eq "$(sql "SELECT count(*) FROM customers WHERE name = 'Tom Baker'")" 1
	eq "$(sql "SELECT email FROM customers WHERE name = 'Tom Baker'")" \
	    tom@example.co.uk
	# again: found again, nobody added
	import "$REAL/ab-android-21.vcf"
	has "$stderr" "0 added,"
	eq "$(sql "SELECT count(*) FROM customers WHERE name = 'Tom Baker'")" 1
	# a number written another way, in one file, after the card with
	# the e-mail: the same
	printf 'Name,Email,Phone\nRia Sen,ria@example.in,+91 98765 43210\nRia Sen,,098765 43210\n' >r.csv
	import r.csv
	eq "$stderr" "crm-add: r.csv:3: 'Ria Sen' (098765 43210), with no e-mail or id, is line 2 by its name and phone
crm-add: r.csv: 1 number taken as customers' written with a country code and without (the first: 098765 43210 as customer 6's +91 98765 43210): one number if both are in one country, which crm does not know (crm country CC names the home country and makes such numbers sure)
1 added, 0 updated, 1 unchanged, 0 rejected"
	# two customers of the name and number (a shared office line), each
	# with an e-mail: which one, nothing says: another, and the merge
	printf 'Name,Email,Phone\nSam Cole,sam@a.example,+44 20 7946 0999\nSam Cole,sam@b.example,+44 20 7946 0999\n' >s.csv
	import s.csv
	local a b
	a=$(sql "SELECT id FROM customers WHERE email = 'sam@a.example'")
	b=$(sql "SELECT id FROM customers WHERE email = 'sam@b.example'")
	printf 'Name,Phone\nSam Cole,020 7946 0999\n' >s2.csv
	import s2.csv
	status_is 0
	local c; c=$(sql "SELECT id FROM customers WHERE name = 'Sam Cole' AND email IS NULL")
	eq "$stderr" "crm-add: s2.csv:2: 'Sam Cole' (020 7946 0999), with no e-mail or id, has the name and phone of customers $a, $b: added as customer $c; if it is one of them, join them with crm-add --merge $a $c
1 added, 0 updated, 0 unchanged, 0 rejected"
	# and again: that one, found by name and phone, nothing said
	import s2.csv
	eq "$stderr" "0 added, 0 updated, 1 unchanged, 0 rejected"
	# the other way round: the phone's contact first, then the card with
	# the e-mail, whose keys become hers
	new_db
	import "$REAL/ab-android-21.vcf"
	import "$REAL/ab-icloud-30.vcf"
	status_is 0
	eq "${stderr_lines[0]}" "crm-add: $REAL/ab-icloud-30.vcf:11: 'Tom Baker' (07700 900456) is customer 3 by its name and phone, who had no e-mail or id: the row's are the customer's now"
	eq "$(sql "SELECT id, email FROM customers WHERE name = 'Tom Baker'")" \
	    '3|tom@example.co.uk'
	# and in one file, loaded into an empty database
	new_db
	printf 'Name,Email,Phone\nRia Sen,,098765 43210\nRia Sen,ria@example.in,+91 98765 43210\n' >r2.csv
	import r2.csv
	eq "$stderr" "crm-add: r2.csv:3: 'Ria Sen' (+91 98765 43210) is line 2 by its name and phone, who had no e-mail or id: the row's are the customer's now
crm-add: r2.csv: 1 number taken as customers' written with a country code and without (the first: +91 98765 43210 as customer 1's 098765 43210): one number if both are in one country, which crm does not know (crm country CC names the home country and makes such numbers sure)
1 added, 1 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT email, phone FROM customers")" 'ria@example.in|098765 43210'
}

# The audit rows that changed a phone.
phone_changes() {
	sql "SELECT count(*) FROM audit WHERE action = 'update' AND
	    (detail LIKE '%\"phone\"%' OR detail LIKE '%other phones%')"
}

@test "one person's two cards without --source: the number the second gives is the phone, the first kept in other phones; the next import changes nothing; one number written two ways changes nothing" {
	# two cards in one export (Ann Lee's mobile, then her work number)
	printf '%s\r\n' BEGIN:VCARD VERSION:3.0 'FN:Ann Lee' 'N:Lee;Ann;;;' \
	    'EMAIL;type=INTERNET:ann.lee@example.com' \
	    'TEL;type=CELL:+44 7700 900123' END:VCARD \
	    BEGIN:VCARD VERSION:3.0 'FN:Ann Lee' 'N:Lee;Ann;;;' \
	    'EMAIL;type=INTERNET:ANN.LEE@EXAMPLE.COM' \
	    'TEL;type=WORK:+44 20 7946 0001' 'ORG:Northwind' END:VCARD >dups.vcf
	import dups.vcf
	status_is 0
	eq "$stderr" "crm-add: dups.vcf: 1 phone replaced by the file's: the old number kept in 'other phones'
1 added, 1 updated, 0 unchanged, 0 rejected, 1 organisation added"
	eq "$(crm-segment -f phone,'other phones' -o csv 'email = "ann.lee@example.com"' | tail -n +2)" \
	    '+44 20 7946 0001,+44 7700 900123'
	import dups.vcf
	eq "$stderr" "0 added, 0 updated, 2 unchanged, 0 rejected"
	# two books: Android's, then iCloud's, then both again
	new_db
	import "$REAL/ab-android-21.vcf"
	import "$REAL/ab-icloud-30.vcf"
	status_is 0
	eq "$(crm-segment -f name,phone,'other phones' -o csv | tail -n +2)" \
	    $'Jürgen Müller,+49 170 1234567,\nTom Baker,+44 7700 900456,\nAnn Lee,+44 20 7946 0001,+44 7700 900123'
	local before; before=$(phone_changes)
	eq "$before" 1
	import "$REAL/ab-android-21.vcf"
	import "$REAL/ab-icloud-30.vcf"
	eq "$(phone_changes)" "$before"
	eq "$(crm-segment -f name,phone,'other phones' -o csv | tail -n +2)" \
	    $'Jürgen Müller,+49 170 1234567,\nTom Baker,+44 7700 900456,\nAnn Lee,+44 20 7946 0001,+44 7700 900123'
}

@test "one person's cards in two books with --source each: each book's number kept apart, as before; a book's own new number replaces its old one" {
	import "$REAL/ab-android-21.vcf" --source android
	import "$REAL/ab-icloud-30.vcf" --source icloud
	eq "$(crm-segment -f name,phone,'other phones','phone source' -o csv 'email = "ann.lee@example.com"' | tail -n +2)" \
	    'Ann Lee,+44 7700 900123,+44 20 7946 0001,android'
	local before; before=$(phone_changes)
	import "$REAL/ab-android-21.vcf" --source android
	import "$REAL/ab-icloud-30.vcf" --source icloud
	eq "$(phone_changes)" "$before"
	sed 's/+44 7700 900123/+44 7700 900124/' "$REAL/ab-android-21.vcf" >new.vcf
	import new.vcf --source android
	eq "$(crm-segment -f name,phone,'other phones','phone source' -o csv 'email = "ann.lee@example.com"' | tail -n +2)" \
	    'Ann Lee,+44 7700 900124,+44 20 7946 0001,android'
}

@test "ORG's unit is the Department, the company the organisation's name: two books agree, a filter on the company finds both; -o vcard writes ORG:company;unit, as an Outlook file's Department" {
	import "$REAL/ab-android-21.vcf" --source android
	import "$REAL/ab-icloud-30.vcf" --source icloud
	local updates; updates=$(sql "SELECT count(*) FROM audit WHERE action = 'update'")
	import "$REAL/ab-android-21.vcf" --source android
	eq "${stderr##*$'\n'}" "0 added, 0 updated, 3 unchanged, 0 rejected"
	import "$REAL/ab-icloud-30.vcf" --source icloud
	eq "$stderr" "0 added, 0 updated, 3 unchanged, 0 rejected"
	eq "$(sql "SELECT count(*) FROM audit WHERE action = 'update'")" "$updates"
	eq "$(crm-segment -f name,company,Department,org -o csv "company = 'Straßenbau GmbH'" | tail -n +2)" \
	    'Jürgen Müller,Straßenbau GmbH,Vertrieb,Straßenbau GmbH'
	run crm-segment -o vcard 'name = "Jürgen Müller"'
	has "$output" $'\r\nORG:Straßenbau GmbH;Vertrieb\r\n'
	[[ $output != *'NAME="Department"'* ]]
	# and back: the same customer, nothing changed
	crm-segment -o vcard >all.vcf
	import all.vcf
	eq "$stderr" "0 added, 0 updated, 3 unchanged, 0 rejected"
	# a sheet's Department beside its Company goes out the same way; with
	# no company, as a field
	printf 'Name,Email,Company,Department\nBo Ek,bo@x.example,Acme Ltd,Sales\nCy Mo,cy@x.example,,Legal\n' >d.csv
	import d.csv
	run crm-segment -o vcard 'email ~ "x.example"'
	has "$output" $'\r\nORG:Acme Ltd;Sales\r\n'
	has "$output" $'\r\nX-CRM-FIELD;NAME="Department":Legal\r\n'
}

# qa24 F4: a phone-only row found its customer only by a byte-identical
# name and the current phone: "Ann Lee" for "Lee, Ann", TOM BAKER, a US
# number in national form and a number in other phones made duplicates.
@test "a phone-only row is the customer of the same name in any order or case with the number as phone or among other phones, however written; kept as the customer has it" {
	printf '%s\n' 'Name,Email,Phone' '"Lee, Ann",ann@l.example,+44 7700 900123' \
	    'Tom Baker,tb@x.example,+44 7700 900456' \
	    'Kate Hill,kh@x.example,+1 212 555 0199' \
	    'Jo Park,jp@x.example,+44 1111 111111' \
	    '王小明,wxm@x.example,+86 10 1234 5678' >a.csv
	import a.csv
	crm-add -u jp@x.example -F 'other phones=+44 20 7946 0001, +44 7700 900999'
	printf '%s\n' 'Name,Phone' 'Ann Lee,+44 7700 900123' \
	    'TOM BAKER,+44 7700 900456' 'Kate Hill,212-555-0199' \
	    'Jo Park,+44 7700 900999' '小明 王,+86 10 1234 5678' >b.csv
	import b.csv
	status_is 0
	eq "$stderr" "crm-add: b.csv:2: customer 1 'Lee, Ann' renamed 'Ann Lee', the same name first name first
crm-add: b.csv:2: 'Ann Lee' (+44 7700 900123), with no e-mail or id, is customer 1 by its name and phone; and 4 more rows so found
crm-add: b.csv: 1 number taken as customers' written with a country code and without (the first: 212-555-0199 as customer 3's +1 212 555 0199): one number if both are in one country, which crm does not know (crm country CC names the home country and makes such numbers sure)
0 added, 1 updated, 4 unchanged, 0 rejected"
	eq "$(sql "SELECT name, phone FROM customers WHERE type = 'person' ORDER BY id")" \
	    'Ann Lee|+44 7700 900123
Tom Baker|+44 7700 900456
Kate Hill|+1 212 555 0199
Jo Park|+44 1111 111111
王小明|+86 10 1234 5678'
	# another name with the number is still another person
	printf 'Name,Phone\nTom Baker Jr,+44 7700 900456\n' >c.csv
	import c.csv
	eq "$stderr" "1 added, 0 updated, 0 unchanged, 0 rejected"
	# in one file: a person an earlier row added by her e-mail, after
	# the first phone-only row made the look-up's index
	printf '%s\n' 'Name,Email,Phone' 'Zed Ray,,+44 7700 900555' \
	    'Eve Long,eve@x.example,+44 7700 900777' \
	    'LONG EVE,,+44 7700 900777' >d.csv
	import d.csv
	eq "$stderr" "crm-add: d.csv:4: 'LONG EVE' (+44 7700 900777), with no e-mail or id, is line 3 by its name and phone
2 added, 0 updated, 1 unchanged, 0 rejected"
}

# qa25 F1: a phone-only row looked among the customers without an e-mail
# by its name written byte for byte (NAMESAKES): TOM BAKER, "Lee Ann"
# and tom baker beside Tom Baker and Ann Lee, known by their numbers
# alone, were three customers more, nothing said.
@test "a phone-only row is the customer without an e-mail of the same name in any order or case and the number; a row with an e-mail too; in one file too (qa25)" {
	printf '%s\n' 'Name,Phone' 'Tom Baker,+44 7700 900456' \
	    'Ann Lee,+44 7700 900123' '王小明,+86 10 1234 5678' >a.csv
	import a.csv
	printf '%s\n' 'Name,Phone' 'TOM BAKER,+44 7700 900456' \
	    'Lee Ann,+44 7700 900123' 'Tom Baker,07700 900456' \
	    'tom baker,+44 7700 900456' '小明 王,010 1234 5678' >b.csv
	import b.csv
	status_is 0
	eq "$stderr" "crm-add: b.csv:2: 'TOM BAKER' (+44 7700 900456), with no e-mail or id, is customer 1 by its name and phone; and 3 more rows so found
crm-add: b.csv: 2 numbers taken as customers' written with a country code and without (the first: 07700 900456 as customer 1's +44 7700 900456): one number if both are in one country, which crm does not know (crm country CC names the home country and makes such numbers sure)
0 added, 0 updated, 5 unchanged, 0 rejected"
	eq "$(sql "SELECT name, phone, email FROM customers ORDER BY id")" \
	    'Tom Baker|+44 7700 900456|
Ann Lee|+44 7700 900123|
王小明|+86 10 1234 5678|'
	# another name with the number is still another person
	printf 'Name,Phone\nTom Baker Jr,+44 7700 900456\n' >c.csv
	import c.csv
	eq "$stderr" "1 added, 0 updated, 0 unchanged, 0 rejected"
	# a row with an e-mail: its keys become hers
	printf 'Name,Email,Phone\n"LEE, ANN",ann@l.example,07700 900123\n' >d.csv
	import d.csv
	status_is 0
	eq "$stderr" "crm-add: d.csv:2: 'LEE, ANN' (07700 900123) is customer 2 by its name and phone, who had no e-mail or id: the row's are the customer's now
crm-add: d.csv: 1 number taken as customers' written with a country code and without (the first: 07700 900123 as customer 2's +44 7700 900123): one number if both are in one country, which crm does not know (crm country CC names the home country and makes such numbers sure)
0 added, 1 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT name, email FROM customers WHERE id = 2")" 'Ann Lee|ann@l.example'
	eq "$(ncustomers)" 4
	# in one file, into an empty database
	new_db
	printf '%s\n' 'Name,Email,Phone' 'Tom Baker,,+44 7700 900456' \
	    'TOM BAKER,,07700 900456' 'Baker Tom,tb@x.example,+44 7700 900456' >e.csv
	import e.csv
	status_is 0
	eq "$stderr" "crm-add: e.csv:3: 'TOM BAKER' (07700 900456), with no e-mail or id, is line 2 by its name and phone; and 1 more row so found
crm-add: e.csv: 1 number taken as customers' written with a country code and without (the first: 07700 900456 as customer 1's +44 7700 900456): one number if both are in one country, which crm does not know (crm country CC names the home country and makes such numbers sure)
1 added, 1 updated, 1 unchanged, 0 rejected"
	eq "$(sql "SELECT name, phone, email FROM customers")" 'Tom Baker|+44 7700 900456|tb@x.example'
}
