#!/usr/bin/env bats
# Test plan: crm-add --import's look-ups of a customer by phone.
#   - a row of a name and a number she had (kept among her other phones)
#     is hers, not a duplicate (qa29 F4, crm-add's side)
#   - a row's name and phone matching a customer's number written with
#     its country code on one side only ("030 1234567" for "+49 30
#     1234567") is said once after the import, how many and the first,
#     as crm-log says its own: by name, by a name written otherwise
#     (keyed_namesake), and a row with an e-mail held by phone
#   - a row with a phone and neither name, e-mail nor id (a list of
#     numbers not to call) updates the one customer who surely has that
#     number (qa29 F10); a guess across writings or two customers'
#     number is refused saying why and what to add; a number nobody has
#     is refused as any row without a name or e-mail

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
crm-add: x.csv: 2 numbers taken as customers' written with a country code and without (the first: 030 1234567 as customer 1's +49 30 1234567): one number if both are in one country, which crm does not know (crm country CC names the home country and makes such numbers sure)
0 added, 3 updated, 0 unchanged, 0 rejected"
	eq "$(ncustomers)" 3
	eq "$(sql "SELECT customer_id || tag FROM tags ORDER BY tag" | paste -sd ' ')" "1a 2b 1c"
	# A row with an e-mail, whom crm knows by name and number alone.
	printf 'Name,Email,Phone\nKarl Weber,karl@example.de,+49 40 7654321\n' >k.csv
	run --separate-stderr crm-add --import k.csv
	status_is 0
	eq "$stderr" "crm-add: k.csv:2: 'Karl Weber' (+49 40 7654321) is customer 3 by its name and phone, who had no e-mail or id: the row's are the customer's now
crm-add: k.csv: 1 number taken as customers' written with a country code and without (the first: +49 40 7654321 as customer 3's 040 7654321): one number if both are in one country, which crm does not know (crm country CC names the home country and makes such numbers sure)
0 added, 1 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT email FROM customers WHERE id = 3")" karl@example.de
	# Written alike: nothing to say.
	printf 'Name,Phone\nAnna Schmidt,+49 30 1234567\n' >y.csv
	run --separate-stderr crm-add --import y.csv
	eq "$stderr" "0 added, 0 updated, 1 unchanged, 0 rejected"
}

@test "a row with a phone alone updates the one customer who surely has it; a guess, two customers' or nobody's is refused saying why (qa29 F10)" {
	crm-add -n 'Anna Schmidt' -e anna@example.de -p '+49 30 1234567' >/dev/null
	crm-add -n 'Karl Weber' -e karl@example.de -p '+49 40 1111111' >/dev/null
	crm-add -n 'Paul Klein' -e paul@example.de -p '+49 40 1111111' >/dev/null
	crm-add -u 1 -p '+49 171 7654321' 2>/dev/null
	printf 'Name,Phone,Tags\n,+49 30 1234567,dnc\n,+49171 7654321,vip\n' >a.csv
	run --separate-stderr crm-add --import a.csv
	status_is 0
	eq "$stderr" "0 added, 2 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT customer_id || tag FROM tags ORDER BY tag" | paste -sd ' ')" "1dnc 1vip"
	eq "$(sql "SELECT phone FROM customers WHERE id = 1")" '+49 171 7654321'
	# A file of numbers alone: a list not to call.
	printf 'Phone,Tags\n+49 171 7654321,nocall\n' >n.csv
	crm-add --import n.csv 2>/dev/null
	eq "$(sql "SELECT count(*) FROM tags WHERE customer_id = 1 AND tag = 'nocall'")" 1
	local before; before=$(dump)
	printf 'Name,Phone,Tags\n,0171 7654321,x\n' >g.csv
	run --separate-stderr crm-add --import g.csv
	fails 65 "crm-add: g.csv:2: Phone: no name and no e-mail, and 0171 7654321 is customer 1's +49 171 7654321 only if both are in one country, which crm does not know: give the row the customer's e-mail or name"
	printf 'Name,Phone,Tags\n,+49 40 1111111,x\n' >t.csv
	run --separate-stderr crm-add --import t.csv
	fails 65 "crm-add: t.csv:2: Phone: no name and no e-mail, and +49 40 1111111 is the phone of 2 customers (2, 3): say which by e-mail or id"
	printf 'Name,Phone,Tags\n,+49 40 9999999,x\n' >o.csv
	run --separate-stderr crm-add --import o.csv
	fails 65 "crm-add: o.csv:2: no name and no e-mail"
	eq "$(dump)" "$before"
}
