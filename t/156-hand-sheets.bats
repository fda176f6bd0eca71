#!/usr/bin/env bats
# t/156-hand-sheets.bats - sheets people make by hand (qa37): what they
# paste and the headers they write.
#
# Test plan:
#   - invisible characters: a name's or company's no-break space is a
#     space, its zero width space and soft hyphen nothing; an e-mail's
#     zero width space, word joiner and soft hyphen are taken out (said
#     once), a no-break space inside refused as a space is, the message
#     naming it and where; a clean re-import finds everyone again,
#     organisations included
#   - one rule for the keys (e-mail, phone, id): Unicode's spaces at the
#     edges trimmed as ASCII's, inside what a space is there
#   - "Ann Smith <ann@smith.example>" in the e-mail column: the address,
#     and the name where the row has none, said once
#   - the name and phone headers people write (Client, Kunde, Contact,
#     Tel., Mobil ...): read as the name and the phone, unless the cells
#     are e-mails or the file has a name column already
#   - hand-made opt-out and consent columns (Newsletter, Keine Werbung,
#     DNC ...): said, with the --map that reads them
#   - crm-log: "Hans Müller" finds the one "Müller, Hans" and back; and
#     crm-add among the customers without e-mail or id, said

load helper

import() {
	run --separate-stderr crm-add --import "$@"
}

@test "a name's and a company's invisible characters: stored without them, and a clean re-import finds them" {
	# \xc2\xa0 no-break space, \xe2\x80\x8b zero width space,
	# \xc2\xad soft hyphen, \xe2\x81\xa0 word joiner
	printf 'Name,Company,Email\nZo\xc3\xab\xc2\xa0Lef\xc3\xa8vre,Caf\xc3\xa9 Noir\xc2\xa0,zoe@cafe.example\nTom Baker\xe2\x80\x8b,,tom@smith.example\nAn\xc2\xadna Wei\xe2\x81\xa0,\xe2\x80\x8bLotus Ltd,\n' >dirty.csv
	import dirty.csv
	status_is 0
	eq "$(sql "SELECT name || '|' || coalesce(company, '') FROM customers ORDER BY id")" "Café Noir|Café Noir
Zoë Lefèvre|Café Noir
Tom Baker|
Lotus Ltd|Lotus Ltd
Anna Wei|Lotus Ltd"
	printf 'Name,Company,Email\nZoë Lefèvre,Café Noir,zoe@cafe.example\nTom Baker,,tom@smith.example\nAnna Wei,Lotus Ltd,\n' >clean.csv
	import clean.csv
	status_is 0
	eq "$stderr" "0 added, 0 updated, 3 unchanged, 0 rejected"
	eq "$(ncustomers)" 5
}

@test "an organisation named with a no-break space is the one typed without" {
	crm-add --org -n 'Café Noir' >/dev/null
	printf 'Name,Company\nZoë,Caf\xc3\xa9\xc2\xa0Noir\n' >z.csv
	import z.csv
	status_is 0
	eq "$(sql "SELECT count(*) FROM customers WHERE type = 'org'")" 1
	eq "$(sql "SELECT org_id FROM customers WHERE name = 'Zoë'")" 1
	# crm-deal's company column finds it, and makes a new one clean
	printf 'Title,Company,Amount\nCoffee,Caf\xc3\xa9\xc2\xa0Noir,10\nTea,Lotus\xc2\xa0Ltd\xe2\x80\x8b,5\n' >d.csv
	run --separate-stderr crm-deal --import d.csv
	status_is 0
	eq "$(sql "SELECT name FROM customers WHERE type = 'org' ORDER BY id")" "Café Noir
Lotus Ltd"
}

@test "an e-mail's zero width space, word joiner and soft hyphen are taken out, said once; a no-break space inside is refused" {
	printf 'Name,Email\nA One,a@x.example\xe2\x80\x8b\nB Two,b@x\xe2\x80\x8b.example\nC Three,c@x.exa\xc2\xadmple\nD Four,d@x\xe2\x81\xa0.example\n' >zw.csv
	import zw.csv
	status_is 0
	eq "$stderr" "crm-add: zw.csv:2: 4 e-mail addresses held an invisible character (a zero width space, word joiner or soft hyphen, copied from a web page?): taken out
4 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT email FROM customers ORDER BY id")" "a@x.example
b@x.example
c@x.example
d@x.example"
	printf 'Name,Email\nE Five,e\xc2\xa0@x.example\n' >nb.csv
	import nb.csv
	fails 65 "crm-add: nb.csv:2: Email: not a valid e-mail address: a no-break space (U+00A0) after \"e\", where an address has no space"
	eq "$(ncustomers)" 4
	# the command line's key is the stored one
	run --separate-stderr crm-log "$(printf 'b@x\xe2\x80\x8b.example')" note hi
	status_is 0
	run --separate-stderr crm-add -n F -e "$(printf 'f\xc2\xa0@x.example')"
	fails 65 "crm-add: --email: not a valid e-mail address: a no-break space (U+00A0) after \"f\", where an address has no space"
}

@test "one rule for the keys: Unicode's spaces at the edges of an e-mail, a phone, an id trimmed as ASCII's; inside, what a space is there (qa40 Q1)" {
	# \xc2\xa0 no-break, \xe2\x80\x87 figure, \xe2\x80\xaf narrow
	# no-break, \xe3\x80\x80 ideographic space; \xe2\x80\x8b zero width
	printf 'Name,Email,Phone,Id\nAnn Lee,\xc2\xa0ann@x.example\xe2\x80\xaf,\xc2\xa0+49 30 1234567\xc2\xa0,\xc2\xa0C-1\xe2\x80\x87\nBo Yu,bo@x.example\xe3\x80\x80,+49\xc2\xa030\xe2\x80\x8b 7654321,C\xc2\xa02\n' >keys.csv
	import keys.csv
	status_is 0
	eq "$(sql "SELECT '[' || email || '|' || phone || '|' || external_id || ']' FROM customers ORDER BY id")" "[ann@x.example|+49 30 1234567|C-1]
[bo@x.example|+49 30 7654321|C 2]"
	# found by the keys as typed, and by the sheet again
	run --separate-stderr crm-add -u 'C 2' -T gold
	status_is 0
	run --separate-stderr crm-add -u "$(printf 'C\xc2\xa02')" -T silver
	status_is 0
	eq "$(sql "SELECT tier FROM customers WHERE external_id = 'C 2'")" silver
	run --separate-stderr crm-add -n Cy -x "$(printf '\xe3\x80\x80C-3\xc2\xa0')" -p "$(printf '\xe2\x80\x87+1 415 555 0100')"
	status_is 0
	eq "$(sql "SELECT external_id || '|' || phone FROM customers WHERE name = 'Cy'")" "C-3|+1 415 555 0100"
	import keys.csv
	status_is 0
	eq "$stderr" "0 added, 0 updated, 2 unchanged, 0 rejected"
	# another id of the customer's (other_ids) is one too
	printf 'Email,Other IDs\nann@x.example,"\xc2\xa0shop\xc2\xa07; \xe2\x80\x8bK-9\xe3\x80\x80"\n' >ids.csv
	import ids.csv
	status_is 0
	eq "$(sql "SELECT '[' || value || ']' FROM identities WHERE kind = 'id' ORDER BY value")" "[K-9]
[shop 7]"
	run --separate-stderr crm-log 'shop 7' note hi
	status_is 0
	# inside an address a Unicode space is refused as ASCII's: which and where
	printf 'Name,Email\nDee,dee@x\xe2\x80\xafmail.example\n' >in.csv
	import in.csv
	fails 65 "crm-add: in.csv:2: Email: not a valid e-mail address: a narrow no-break space (U+202F) after \"dee@x\", where an address has no space"
	printf 'Name,Email\nDee,dee @x.example\n' >in.csv
	import in.csv
	fails 65 "crm-add: in.csv:2: Email: not a valid e-mail address: a space after \"dee\", where an address has no space"
	eq "$(ncustomers)" 3
}

@test "an e-mail cell of a name and an address: the address, and the name where the row has none, said once" {
	printf 'Name,Email\n,Ann Smith <ann@smith.example>\nBob Lee,"""Lee, Robert"" <bob@lee.example>"\nCy,cy@x.example\n' >named.csv
	import named.csv
	status_is 0
	eq "$stderr" "crm-add: named.csv:2: 2 e-mail cells held a name with the address (\"Name <address>\"): the address taken, and the name where the row gave none
3 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT name || '|' || email FROM customers ORDER BY id")" "Ann Smith|ann@smith.example
Bob Lee|bob@lee.example
Cy|cy@x.example"
	# first and last name columns are the name; an address for a name
	# names nobody
	printf 'First Name,Last Name,Email\nDora,Diaz,Dee D <dora@x.example>\n,,"""eve@x.example"" <eve@x.example>"\n' >fl.csv
	import fl.csv
	status_is 0
	eq "$(sql "SELECT coalesce(name, '') || '|' || email FROM customers WHERE email IN ('dora@x.example', 'eve@x.example') ORDER BY id")" "Dora Diaz|dora@x.example
|eve@x.example"
	# what is no address inside <> is refused as before
	printf 'Name,Email\nDee,Dee <not an address>\n' >bad.csv
	import bad.csv
	fails 65 "crm-add: bad.csv:2: Email: not a valid e-mail address"
}

@test "the name headers people write (Client, Kunde, Contact ...) are the name, and Tel., Phone #, Mobil, Tél. the phone" {
	n=0
	for h in Client Kunde Customer Kundenname Ansprechpartner Contact Person 'Client Name' Cliente; do
		n=$((n + 1))
		l=$(printf "\\x$(printf %x $((64 + n)))")	# A, B ...: names have no digits
		printf '%s,Email\nAnn Lee %s,ann%d@x.example\n' "$h" "$l" $n >h.csv
		import h.csv
		status_is 0
		eq "$(sql "SELECT name FROM customers WHERE email = 'ann$n@x.example'")" "Ann Lee $l"
	done
	n=0
	for h in Tel. 'Phone #' Mobil 'Tél.' 'Tél' 'Telefon-Nr.'; do
		n=$((n + 1))
		printf 'Name,%s\nBo %d,+49 30 123456%d\n' "$h" $n $n >p.csv
		import p.csv
		status_is 0
		eq "$(sql "SELECT phone FROM customers WHERE name = 'Bo $n'")" "+49 30 123456$n"
	done
}

@test "a Client or Customer column is no name beside a name column, nor when it holds e-mails or numbers" {
	printf 'Name,Contact,Email\nAcme Ltd,Ann Lee,info@acme.example\n' >beside.csv
	import beside.csv
	status_is 0
	eq "$(sql "SELECT name FROM customers")" "Acme Ltd"
	eq "$(sql "SELECT value FROM customer_fields WHERE key = 'Contact'")" "Ann Lee"
	printf 'Customer,Name\nbo@x.example,Bo\n' >mails.csv
	import mails.csv
	fails 65 "crm-add: mails.csv:1: 'Customer' holds e-mail addresses, but no column is read as the e-mail: say --map 'Customer=email' to read it as the customers' e-mail, or --map 'Customer=Customer' to keep it as a field"
	printf 'Customer,Email\n10042,cy@x.example\n' >ids.csv
	import ids.csv
	status_is 0
	eq "$(sql "SELECT name FROM customers WHERE email = 'cy@x.example'")" ""
	eq "$(sql "SELECT value FROM customer_fields WHERE key = 'Customer'")" "10042"
	# numbers with letters, user names, a company's legal form: no
	# person's name (qa40 R1), kept as the field they were
	printf 'Customer,Email\nC-1001,d1@x.example\n' >c1.csv
	printf 'Kunde,Email\nK10023,d2@x.example\n' >c2.csv
	printf 'Client,Email\nann_lee,d3@x.example\n' >c3.csv
	printf 'Customer,Email\nAcme GmbH,d4@x.example\n' >c4.csv
	for f in c1 c2 c3 c4; do
		import $f.csv
		status_is 0
	done
	eq "$(sql "SELECT count(*) FROM customers WHERE email LIKE 'd_@x.example' AND name <> ''")" 0
	eq "$(sql "SELECT value FROM customer_fields WHERE key IN ('Customer', 'Kunde', 'Client') AND value <> '10042' ORDER BY customer_id" | paste -sd ,)" \
	    "C-1001,K10023,ann_lee,Acme GmbH"
	# the one rule of a name (crm_name_shaped, crm-deal's and crm-log's
	# too): no web address, no sign of a firm or of two people, no note
	printf 'Client,Email\nwww.acme.example,d5@x.example\n' >c5.csv
	printf 'Client,Email\nacme.example,d6@x.example\n' >c6.csv
	printf 'Kunde,Email\nMüller & Söhne,d7@x.example\n' >c7.csv
	printf 'Contact,Email\nplease call her back after the holidays about the kitchen,d8@x.example\n' >c8.csv
	for f in c5 c6 c7 c8; do
		import $f.csv
		status_is 0
	done
	eq "$(sql "SELECT count(*) FROM customers WHERE email LIKE 'd_@x.example' AND name <> ''")" 0
	# and what is a name still is one
	printf 'Client,Email\n"Müller, Hans",e1@x.example\nJ. R. R. Tolkien,e2@x.example\nMary-Ann O\x27Brien,e3@x.example\n王小明,e4@x.example\n' >c9.csv
	import c9.csv
	status_is 0
	eq "$(sql "SELECT name FROM customers WHERE email LIKE 'e_@x.example' ORDER BY email" | paste -sd '|')" "Müller, Hans|J. R. R. Tolkien|Mary-Ann O'Brien|王小明"
	# a list of orders or deals: its Customer names no customer of its
	# own (a buyer an order, a deal's company): refused as before (R2)
	import "$DATA/real/prestashop-orders.csv"
	fails 65 "crm-add: $DATA/real/prestashop-orders.csv:2: no name and no e-mail: no column of the file is read as either (say which with --map 'COLUMN=name' or --map 'COLUMN=email')"
	import "$DATA/real/odoo-opportunities.csv"
	fails 65 "crm-add: $DATA/real/odoo-opportunities.csv:2: no name and no e-mail: no column of the file is read as either (say which with --map 'COLUMN=name' or --map 'COLUMN=email')"
}

@test "hand-made opt-out and consent columns are said with the --map that reads them; ja and nein are read then" {
	for h in 'Keine Werbung' 'No marketing' DNC Opt-out 'Do not email' Unsubscribed; do
		printf 'Name,%s\nAnn,yes\n' "$h" >o.csv
		import o.csv
		status_is 0
		eq "${stderr_lines[0]}" "crm-add: o.csv: $h: looks like an opt-out (or consent) column, which crm does not read: nobody is tagged unsubscribed or bounced by it; --map '$h=unsubscribed' reads its yes (crm-add(1), Opted out and bounced)"
	done
	for h in Newsletter 'Email OK?'; do
		printf 'Name,%s\nAnn,no\n' "$h" >o.csv
		import o.csv
		status_is 0
		eq "${stderr_lines[0]}" "crm-add: o.csv: $h: looks like an opt-out (or consent) column, which crm does not read: nobody is tagged unsubscribed or bounced by it; --map '$h=subscribed' reads its no as an opt-out (crm-add(1), Opted out and bounced)"
	done
	eq "$(sql "SELECT count(*) FROM tags")" 0
	new_db
	printf 'Name,Email,Keine Werbung,Newsletter\nAnn,a@x.example,ja,oui\nBo,b@x.example,nein,non\n' >de.csv
	import de.csv --map 'Keine Werbung=unsubscribed'
	status_is 0
	eq "$(sql "SELECT c.name FROM tags t JOIN customers c ON c.id = t.customer_id WHERE t.tag = 'unsubscribed'")" "Ann"
	new_db
	import de.csv --map 'Newsletter=subscribed'
	status_is 0
	eq "$(sql "SELECT c.name FROM tags t JOIN customers c ON c.id = t.customer_id WHERE t.tag = 'unsubscribed'")" "Bo"
}

@test "crm-log: a name written the other way round is the one person so named (Hans Müller is Müller, Hans), and no guess among two" {
	crm-add -n 'Müller, Hans' -e hans@x.example >/dev/null
	crm-add -n 'Eva Schmidt' -e eva@x.example >/dev/null
	crm-add -n 'Lee, Ann' -e ann1@x.example >/dev/null
	crm-add -n 'Lee, Ann' -e ann2@x.example >/dev/null
	crm-add -n 'Ann & Bob Smith' -e smith@x.example >/dev/null
	printf 'Date,Client,Amount\n2025-01-02,"Müller, Hans",10.00\n2025-01-03,Hans Müller,20.00\n2025-01-04,"Schmidt, Eva",30.00\n2025-01-05,Hans\xc2\xa0Müller\xe2\x80\x8b,40.00\n' >byname.csv
	run --separate-stderr crm-log --import --kind sale --add-customers byname.csv
	status_is 0
	eq "$stderr" "4 logged, 0 already there, 0 customers added, 0 rejected"
	eq "$(sql "SELECT c.name || ':' || count(*) FROM interactions i JOIN customers c ON c.id = i.customer_id GROUP BY c.name ORDER BY c.name")" "Eva Schmidt:1
Müller, Hans:3"
	# two of "Lee, Ann": Ann Lee names neither; a part of a name no one
	printf 'Date,Client,Amount\n2025-02-01,Ann Lee,5.00\n2025-02-02,Ann Smith,6.00\n' >two.csv
	run --separate-stderr crm-log --import --kind sale --add-customers two.csv
	status_is 0
	eq "$stderr" "2 logged, 0 already there, 2 customers added, 0 rejected"
	eq "$(sql "SELECT count(*) FROM customers WHERE name IN ('Ann Lee', 'Ann Smith')")" 2
}

@test "crm-add: a row with no e-mail or id whose name is a customer's written the other way round is that customer, said; a file that writes her both ways changes nothing again; two e-mails are never one (qa40 Q2)" {
	printf 'Name,Phone\n"Müller, Hans",\nHans Müller,\nEva Schmidt,\n"Schmidt, Eva",\nTom Baker,\n' >turn.csv
	import turn.csv
	status_is 0
	eq "$stderr" "crm-add: turn.csv:3: 'Hans Müller', with no e-mail or id, is line 2, 'Müller, Hans', the name written the other way round: named first name first now; and 1 more row so found
3 added, 1 updated, 1 unchanged, 0 rejected"
	eq "$(sql "SELECT name FROM customers ORDER BY id" | paste -sd '|')" "Hans Müller|Eva Schmidt|Tom Baker"
	import turn.csv
	status_is 0
	eq "$stderr" "crm-add: turn.csv:2: 'Müller, Hans', with no e-mail or id, is customer 1, 'Hans Müller', the name written the other way round; and 1 more row so found
0 added, 0 updated, 5 unchanged, 0 rejected"
	# by its phone too, among namesakes turned round
	crm-add -n 'Kim Park' -p '+44 7700 900123' >/dev/null
	printf 'Name,Phone,Tier\n"Park, Kim",+447700900123,gold\n' >kp.csv
	import kp.csv
	status_is 0
	eq "$(ncustomers)" 4
	eq "$(sql "SELECT tier FROM customers WHERE name = 'Kim Park'")" gold
	# a customer known by an e-mail is not found by a name, nor is a row
	# with an e-mail: two addresses, two customers
	crm-add -n 'Lee, Ann' -e ann1@x.example >/dev/null
	printf 'Name,Email,Tier\nAnn Lee,,a\n"Lee, Ann",ann2@x.example,b\nAnn Lee,ann3@x.example,c\n' >mail.csv
	import mail.csv
	status_is 0
	eq "$stderr" "3 added, 0 updated, 0 unchanged, 0 rejected"
	# two of the name turned round: no guess, another customer
	crm-add -n 'Wu, Li' -T x >/dev/null
	crm-add -n 'Wu, Li' -T y >/dev/null
	printf 'Name,Tier\nLi Wu,a\n' >two.csv
	import two.csv
	status_is 0
	eq "$stderr" "1 added, 0 updated, 0 unchanged, 0 rejected"
	# a company's name is not turned round (crm_name_shaped)
	crm-add -n 'Bakery, Smith & Sons' >/dev/null
	printf 'Name,Tier\nSmith & Sons Bakery,a\n' >co.csv
	import co.csv
	status_is 0
	eq "$stderr" "1 added, 0 updated, 0 unchanged, 0 rejected"
}

# A Shopify order with no e-mail (a phone checkout), as t/310 writes one.
phone_order() {
	awk -v ref="$1" -v name="$2" -v phone="$3" -v amt="$4" 'BEGIN {
		for (i = 1; i <= 73; i++) f[i] = ""
		f[1] = ref; f[3] = "paid"; f[8] = "USD"
		f[16] = "2024-03-05 14:22:09 +0000"; f[17] = 1; f[18] = "Lamp"
		f[19] = amt; f[25] = name; f[34] = phone; f[67] = phone
		for (i = 1; i <= 73; i++) printf "%s%s", f[i], i < 73 ? "," : "\n"
	}'
}

@test "crm-log: an order's buyer named with a no-break space is the customer named with a space, by name and phone" {
	crm-add -n 'Zoë Lefèvre' -p '+33 1 23 45 67 89' >/dev/null
	head -1 "$DATA/real/shopify-orders.csv" >m.csv
	phone_order '#2001' "$(printf 'Zo\xc3\xab\xc2\xa0Lef\xc3\xa8vre\xe2\x80\x8b')" '+33 1 23 45 67 89' 30.00 >>m.csv
	run --separate-stderr crm-log --import --add-customers m.csv
	status_is 0
	eq "$stderr" "1 logged, 0 already there, 0 customers added, 0 rejected"
	eq "$(ncustomers)" 1
}
