#!/usr/bin/env bats
# Test plan: crm-add --import's look-ups of a customer by phone.
#   - a row of a name and a number she had (kept among her other phones)
#     is hers, not a duplicate (qa29 F4, crm-add's side)
#   - a row's name and phone matching a customer's number written with
#     its country code on one side only ("030 1234567" for "+49 30
#     1234567") is said once after the import, how many and the first,
#     as crm-log says its own: by name, by a name written otherwise
#     (keyed_namesake), and a row with an e-mail held by phone

bats_require_minimum_version 1.5.0

load helper

@test "a row of her name and the number she had is hers, not a duplicate" {
	crm-add -n 'Anna Schmidt' -p '+49 30 1234567' >/dev/null
	crm-add -u 1 -p '+49 171 7654321' 2>/dev/null
	printf 'Name,Phone\nAnna Schmidt,+49 30 1234567\nAnna Schmidt,+49 171 7654321\n' >a.csv
	run --separate-stderr crm-add --import a.csv
	status_is 0
	eq "$stderr" "0 added, 0 updated, 2 unchanged, 0 rejected"
	eq "$(ncustomers)" 1
	eq "$(sql "SELECT phone FROM customers")" '+49 171 7654321'
}

@test "a name and phone matched across writings is said once after the import: by name, by a name written otherwise, and held by phone" {
	crm-add -n 'Anna Schmidt' -p '+49 30 1234567' >/dev/null
	crm-add -n 'David Lee' -e dlee@example.co.uk -p '07700 900123' >/dev/null
	crm-add -n 'Karl Weber' -p '040 7654321' >/dev/null
	printf 'Name,Phone,Tags\nAnna Schmidt,030 1234567,a\nDAVID LEE,+44 7700 900123,b\nAnna Schmidt,+49 30 1234567,c\n' >x.csv
	run --separate-stderr crm-add --import x.csv
	status_is 0
	eq "$stderr" "crm-add: x.csv:3: 'DAVID LEE' (+44 7700 900123), with no e-mail or id, is customer 2 by its name and phone
crm-add: x.csv: 2 numbers taken as customers' written with a country code and without (the first: 030 1234567 as customer 1's +49 30 1234567): one number if both are in one country, which crm does not know
0 added, 3 updated, 0 unchanged, 0 rejected"
	eq "$(ncustomers)" 3
	eq "$(sql "SELECT customer_id || tag FROM tags ORDER BY tag" | paste -sd ' ')" "1a 2b 1c"
	# A row with an e-mail, whom crm knows by name and number alone.
	printf 'Name,Email,Phone\nKarl Weber,karl@example.de,+49 40 7654321\n' >k.csv
	run --separate-stderr crm-add --import k.csv
	status_is 0
	eq "$stderr" "crm-add: k.csv:2: 'Karl Weber' (+49 40 7654321) is customer 3 by its name and phone, who had no e-mail or id: the row's are the customer's now
crm-add: k.csv: 1 number taken as customers' written with a country code and without (the first: +49 40 7654321 as customer 3's 040 7654321): one number if both are in one country, which crm does not know
0 added, 1 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT email FROM customers WHERE id = 3")" karl@example.de
	# Written alike: nothing to say.
	printf 'Name,Phone\nAnna Schmidt,+49 30 1234567\n' >y.csv
	run --separate-stderr crm-add --import y.csv
	eq "$stderr" "0 added, 0 updated, 1 unchanged, 0 rejected"
}
