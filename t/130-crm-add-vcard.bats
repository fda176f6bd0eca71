#!/usr/bin/env bats
# Test plan: vCard in (crm-add --import FILE.vcf, and stdin) and out
# (crm-segment -o vcard); fixtures in t/data/vcard-*.vcf, in the shapes
# real address books write.
#   - 2.1 (Android): QUOTED-PRINTABLE with CHARSET=UTF-8 and soft line
#     breaks, a CHARSET=ISO-8859-1 line, bare TEL;CELL;PREF parameters,
#     a folded base64 PHOTO dropped, an X- property kept as a field
#   - ENCODING=BASE64 (2.1) and ENCODING=b (3.0) on text: decoded, with
#     CHARSET; an unknown property's value kept as written; bad base64 65
#   - 3.0 (Apple/iCloud): item1.EMAIL groups, type=INTERNET;type=pref
#     picks the e-mail, Apple's item labels (X-ABLabel) of an EMAIL or
#     TEL dropped (an ADR's TYPE=HOME/WORK kept as Address N - Label, out
#     as TYPE, and so is its X-ABLabel: _$!<Other>!$_ as Other), \, \;
#     \\ \n escapes, CATEGORIES as tags, ORG with an empty unit, TITLE as
#     the role
#   - 4.0: PREF=1 among several EMAIL and TEL (tel: URIs), the others as
#     other phones and as further e-mails; UID as external_id;
#     cards with different properties share one set of columns
#   - detection by content on stdin, with a BOM and CRLF
#   - Apple's BDAY (ANNIVERSARY, X-ABDATE) with X-APPLE-OMIT-YEAR=1604 is
#     a date with no year: --03-15, out as BDAY:--03-15
#   - bad input: no END:VCARD, text between cards, invalid UTF-8 after
#     decoding: 65, "crm-add: FILE:LINE: ...", the database unchanged
#   - -o vcard: CRLF, folded at 75 octets without splitting a character,
#     escaped text, FN when there is no name; read by python3-vobject
#   - the round trip: -o vcard into another database gives the same
#     customers and organisations (-f all, less id and updated): KIND:org,
#     X-CRM-DOMAIN, and X-CRM-ORG where the link is not ORG's first part
#   - ORG links a person to its organisation (found by name as matched,
#     or made), as a spreadsheet's Company column does
#   - a sheet's Address (and Google's Address 1 - Formatted) is the field
#     a vCard's ADR fills: one field, one filter, ADR out; Google's Notes,
#     Phone 2 - Value, Website 1 - Value and other phones go out as NOTE,
#     TEL and URL, not X-CRM-FIELD;NAME, with the field's name as their
#     X-CRM-FIELD parameter: -o vcard into the same database changes
#     nothing, into another gives the same fields under the same names
#   - the round trip of a customer with no name (FN her e-mail, no N:
#     read back as no name) and of a field under a phone's header with
#     no phone (TEL;X-CRM-FIELD="Mobile Phone": that field again, not the
#     phone): into the same database nothing changes, into an empty one
#     the same rows
#   - a sheet's Notes, Note or Comments (Outlook's Notizen, Notities ...
#     in other languages) is the field note a vCard's NOTE
#     fills: one filter finds them all, NOTE out without X-CRM-FIELD
#   - an address's parts (Outlook's Business/Home/Other Street, City,
#     State, Postal Code, Country/Region; Google's Address 1 - Street ...;
#     a sheet's Street, City ...) go out as one ADR's components, their
#     fields named in X-CRM-FIELDS (and the address as its LABEL): read
#     back into the same fields, stored as they were
#   - KIND: group (and Apple's X-ADDRESSBOOKSERVER-KIND), location or any
#     other kind but individual and org is no customer: skipped, counted
#   - N out: a card's own N that its name does not give back is kept (the
#     field vCard N) and written as it came, not after a rename; else the
#     name taken apart (prefixes, suffixes, Last, First, van der) or all
#     family name when it cannot be safely; the round trip changes nothing

load helper

# import FILE [OPTION...]: run crm-add --import, stdout and stderr apart.
import() {
	local f=$1
	shift
	run --separate-stderr crm-add --import "$@" "$f"
}

# A python3 that has Debian's python3-vobject, or nothing.
vobject_python() {
	local p
	for p in /usr/bin/python3 python3; do
		if "$p" -c 'import vobject' 2>/dev/null; then
			echo "$p"
			return
		fi
	done
}

@test "2.1: quoted-printable UTF-8 and ISO-8859-1, soft line breaks, bare parameters" {
	import "$DATA/vcard-21.vcf"
	status_is 0
	# its PHOTO is not kept, and said (qa50 F9)
	eq "$stderr" "crm-add: 1 card's photo not kept: crm keeps no pictures
1 added, 0 updated, 0 unchanged, 0 rejected, 1 organisation added"
	eq "$(sql "SELECT name, company, email, phone FROM customers WHERE type = 'person'")" \
	    'Jürgen Müller|Stahlwerk GmbH|juergen@stahlwerk.example|+49 30 1234567'
	# the address, and its parts as a Google Contacts CSV names them; ORG's
	# unit the department
	eq "$(sql "SELECT key || '=' || value FROM customer_fields ORDER BY key")" \
	    'Address 1 - City=Berlin
Address 1 - Country=Deutschland
Address 1 - Label=Work
Address 1 - Postal Code=10115
Address 1 - Street=Hauptstraße 1
Department=Einkauf
X-ANDROID-CUSTOM=vnd.android.cursor.item/nickname;JM;1;;;;;;;;;;;;;
address=Hauptstraße 1, Berlin, 10115, Deutschland
note=Erster Kontakt auf der Messe.
Rückruf im März, bitte.
Grüße
other phones=+49 30 7654321'
}

@test "ENCODING=BASE64 (2.1) and ENCODING=b (3.0) text is decoded, with its CHARSET; a property crm does not read stays as written" {
	# Jürgen Müller in UTF-8 and in ISO-8859-1; a folded NOTE
	printf '%s\r\n' 'BEGIN:VCARD' 'VERSION:2.1' \
	    'N;ENCODING=BASE64;CHARSET=UTF-8:TcO8bGxlcjtKw7xyZ2Vu' \
	    'FN;CHARSET=UTF-8;BASE64:SsO8cmdlbiBNw7xsbGVy' 'EMAIL:j2@example.de' \
	    'NOTE;ENCODING=BASE64:UsO8Y2tydWYg' ' aW0gTcOkcno=' '' 'END:VCARD' \
	    'BEGIN:VCARD' 'VERSION:3.0' 'FN;ENCODING=b;CHARSET=ISO-8859-1:SvxyZ2VuIE38bGxlcg==' \
	    'EMAIL:j3@example.de' 'X-KEY;ENCODING=b:AAEC' 'END:VCARD' >b64.vcf
	import b64.vcf
	status_is 0
	eq "$(sql "SELECT name || '|' || email FROM customers ORDER BY id")" \
	    $'Jürgen Müller|j2@example.de\nJürgen Müller|j3@example.de'
	eq "$(sql "SELECT key || '=' || value FROM customer_fields ORDER BY key")" \
	    $'X-KEY=AAEC\nnote=Rückruf im März'
	# not base64: the card is refused, nothing imported
	local before; before=$(dump)
	printf '%s\r\n' 'BEGIN:VCARD' 'VERSION:2.1' 'FN;ENCODING=BASE64:S!!' 'END:VCARD' >bad.vcf
	import bad.vcf
	fails 65 "crm-add: bad.vcf:1: FN: not base64, as its ENCODING says"
	eq "$(dump)" "$before"
}

@test "3.0 from iCloud: item groups, type=pref, escapes, CATEGORIES as tags" {
	import "$DATA/vcard-icloud.vcf"
	status_is 0
	eq "$(sql "SELECT name, company, email, phone FROM customers WHERE type = 'person'")" \
	    'John Appleseed|Apple Inc.|john-appleseed@mac.com|+1 888 555 5512'
	eq "$(sql 'SELECT group_concat(tag) FROM (SELECT tag FROM tags ORDER BY tag) AS t')" 'apple,vip'
	eq "$(sql "SELECT key || '=' || value FROM customer_fields ORDER BY key")" \
	    'Address 1 - City=Atlanta
Address 1 - Country=USA
Address 1 - Label=Home
Address 1 - Postal Code=30303
Address 1 - Region=GA
Address 1 - Street=3494 Kuhl Avenue
X-SOCIALPROFILE=https://twitter.com/johnappleseed
address=3494 Kuhl Avenue, Atlanta, GA 30303, USA
note=Met at WWDC, keynote row 3; likes "direct" talk, files in C:\temp.
Call after 5.
url=http://www.example.com/john'
	# TITLE is the job title, the role, as Google's Organization Title
	# is; and -o vcard writes the role as TITLE
	eq "$(sql "SELECT role FROM customers WHERE type = 'person'")" Buyer
	run crm-segment -o vcard
	has "$output" $'\r\nTITLE:Buyer\r\n'
	# The e-mail that is not preferred goes in the emails column; the
	# importer keeps it as a second identity (lib/import.c's side).
	eq "$(sql "SELECT value FROM identities WHERE kind = 'email'")" 'john@work.example'
}

@test "CATEGORIES: an escaped comma is inside one category, which stays one tag without it (a tag holds no comma)" {
	printf '%s\r\n' BEGIN:VCARD VERSION:3.0 'FN:Ann Lee' EMAIL:ann@example.com \
	    'CATEGORIES:VIP,Dublin\, Ireland' END:VCARD >cat.vcf
	import cat.vcf
	status_is 0
	eq "$(sql 'SELECT tag FROM tags ORDER BY tag')" $'Dublin Ireland\nVIP'
	run crm-segment -o vcard
	has "$output" $'\r\nCATEGORIES:Dublin Ireland,VIP\r\n'
}

@test "BDAY is the birthday as an ISO date: 4.0's basic 19800415 and --0415 (no year), 3.0's 1980-04-15" {
	printf '%s\r\n' BEGIN:VCARD VERSION:4.0 'FN:Ann Lee' BDAY:--0415 END:VCARD \
	    BEGIN:VCARD VERSION:3.0 'FN:Bo Ek' BDAY:1980-04-15 END:VCARD >bday.vcf
	import bday.vcf
	status_is 0
	eq "$stderr" "2 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT c.name, key, value FROM customer_fields JOIN customers c ON c.id = customer_id ORDER BY c.id")" \
	    $'Ann Lee|birthday|--04-15\nBo Ek|birthday|1980-04-15'
}

@test "Apple's X-APPLE-OMIT-YEAR=1604 on BDAY, ANNIVERSARY, X-ABDATE: no year, --03-15, as 4.0's --0315; BDAY out as --03-15" {
	# The forms Apple Contacts and iCloud write, quoted and basic too; a
	# date of another year than the one named keeps its year.
	printf '%s\r\n' BEGIN:VCARD VERSION:3.0 'FN:Kate Bell' \
	    EMAIL:kate@ex.example 'BDAY;X-APPLE-OMIT-YEAR=1604:1604-03-15' \
	    'ANNIVERSARY;X-APPLE-OMIT-YEAR=1604:1604-06-01' \
	    'item4.X-ABDATE;X-APPLE-OMIT-YEAR=1604:1604-05-06' \
	    'item4.X-ABLabel:_$!<Anniversary>!$_' END:VCARD \
	    BEGIN:VCARD VERSION:3.0 'FN:Bo Ek' EMAIL:bo@ex.example \
	    'BDAY;X-APPLE-OMIT-YEAR="1604";VALUE=date:16040229' END:VCARD \
	    BEGIN:VCARD VERSION:3.0 'FN:Cy Dunn' EMAIL:cy@ex.example \
	    'BDAY;X-APPLE-OMIT-YEAR=1604:1990-07-04' END:VCARD \
	    BEGIN:VCARD VERSION:4.0 'FN:Di Fox' EMAIL:di@ex.example \
	    'BDAY:--0315' END:VCARD >apple-bday.vcf
	import apple-bday.vcf
	status_is 0
	eq "$stderr" "4 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT c.name, key, value FROM customer_fields JOIN customers c ON c.id = customer_id ORDER BY c.id, key")" \
	    'Kate Bell|ANNIVERSARY|--06-01
Kate Bell|X-ABDATE|--05-06
Kate Bell|birthday|--03-15
Bo Ek|birthday|--02-29
Cy Dunn|birthday|1990-07-04
Di Fox|birthday|--03-15'
	run --separate-stderr crm-segment -o vcard "email = 'kate@ex.example' or email = 'di@ex.example'"
	status_is 0
	eq "$(printf '%s' "$output" | tr -d '\r' | grep -E '^(BDAY|X-CRM-FIELD)')" \
	    'X-CRM-FIELD;NAME="ANNIVERSARY":--06-01
X-CRM-FIELD;NAME="X-ABDATE":--05-06
BDAY:--03-15
BDAY:--03-15'
}

@test "4.0: PREF=1 picks the e-mail and phone, the others follow in order" {
	import "$DATA/vcard-40.vcf"
	status_is 0
	eq "$stderr" "2 added, 0 updated, 0 unchanged, 0 rejected, 1 organisation added"
	eq "$(sql "SELECT external_id, name, company, email, phone FROM customers WHERE type = 'person' ORDER BY id")" \
	    'urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1|Wei Li|Beijing Steel|wei@home.example|+86-139-0000-0000
|Ann Lee||ann@northwind.example|'
	eq "$(sql "SELECT c.name, key, value FROM customer_fields JOIN customers c ON c.id = customer_id ORDER BY customer_id, key")" \
	    'Wei Li|Department|Procurement
Wei Li|X-SKYPE|li.wei.bj
Wei Li|birthday|1980-04-15
Wei Li|fax|+86-10-1234-5679
Wei Li|other phones|+86-10-1234-5678'
	eq "$(sql 'SELECT group_concat(tag) FROM (SELECT tag FROM tags ORDER BY tag) AS t')" \
	    'china,gold-prospect,steel'
	# depends on the importer mapping "emails" (lib/import.c)
	eq "$(sql "SELECT value FROM identities WHERE kind = 'email' ORDER BY value")" \
	    $'li.wei@steel.example\nwl@other.example'
}

@test "stdin: detected by its BEGIN:VCARD, with a BOM and CRLF" {
	printf '\xef\xbb\xbf\r\nbegin:vcard\r\nVERSION:3.0\r\nFN:Ann\r\n  Lee\r\nEMAIL:ann@x.example\r\nend:vcard\r\n' >in
	run --separate-stderr crm-add --import - <in
	status_is 0
	eq "$(sql 'SELECT name, email FROM customers')" 'Ann Lee|ann@x.example'
}

@test "a card with no END:VCARD: 65, the line it begins on, nothing imported" {
	crm-add --name Old --email old@x.example 2>/dev/null
	before=$(dump)
	import "$DATA/vcard-noend.vcf"
	fails 65 "crm-add: $DATA/vcard-noend.vcf:7: BEGIN: the card that begins here has no END:VCARD"
	eq "$(dump)" "$before"
}

@test "text between cards, and a BEGIN inside a card: 65 and the line" {
	printf 'BEGIN:VCARD\nFN:A\nEND:VCARD\nhello\n' >junk.vcf
	import junk.vcf
	fails 65 "crm-add: junk.vcf:4: not a vCard: 'hello' where BEGIN:VCARD should be"
	printf 'BEGIN:VCARD\nFN:A\nBEGIN:VCARD\nFN:B\nEND:VCARD\n' >nested.vcf
	import nested.vcf
	fails 65 "crm-add: nested.vcf:3: BEGIN: inside the card that begins on line 1 (no END:VCARD)"
	no_db
}

@test "invalid UTF-8 after decoding: 65, the card's line and the property" {
	printf 'BEGIN:VCARD\nFN:A\nEND:VCARD\nBEGIN:VCARD\nFN:B\nNOTE;ENCODING=QUOTED-PRINTABLE:=FF=FE\nEND:VCARD\n' >bad.vcf
	import bad.vcf
	fails 65 "crm-add: bad.vcf:4: NOTE: invalid UTF-8 (if the file is in another encoding, name it with --encoding, e.g. --encoding CP1252)"
	no_db
}

@test "-o vcard: 4.0, CRLF, folded at 75 octets inside no character, escaped" {
	crm-add --name 'Ann Lee' --email ann@x.example --company 'Acme; Sons, Ltd' \
	    --tag vip --field "note=$(printf '%s' '一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十')" 2>/dev/null
	crm-add --email nobody@x.example 2>/dev/null
	run --separate-stderr crm-segment -o vcard
	status_is 0
	eq "$output" "$(printf '%s\r\n' 'BEGIN:VCARD' 'VERSION:4.0' 'FN:Ann Lee' 'N:Lee;Ann;;;' \
	    'ORG:Acme\; Sons\, Ltd' 'EMAIL;PREF=1:ann@x.example' 'X-CRM-STATUS:active' \
	    'X-CRM-CREATED:2026-11-23T10:00:00Z' 'CATEGORIES:vip' \
	    'NOTE:一二三四五六七八九十一二三四五六七八九十一二三' \
	    ' 四五六七八九十' 'X-CRM-ORG:' 'END:VCARD' \
	    'BEGIN:VCARD' 'VERSION:4.0' 'FN:nobody@x.example' 'EMAIL;PREF=1:nobody@x.example' \
	    'X-CRM-STATUS:active' 'X-CRM-CREATED:2026-11-23T10:00:00Z' 'END:VCARD')"
}

@test "python3-vobject reads what -o vcard writes" {
	py=$(vobject_python)
	[[ -n "$py" ]] || skip "python3-vobject is not installed (make deps)"
	crm-add --import "$DATA/vcard-icloud.vcf" 2>/dev/null
	crm-add --import "$DATA/vcard-40.vcf" 2>/dev/null
	crm-segment -o vcard >out.vcf
	run "$py" -c '
import sys, vobject
for c in vobject.readComponents(open(sys.argv[1], newline="").read()):
    print(c.fn.value, c.email.value, c.contents.get("tel", [None])[0].value
          if "tel" in c.contents else "-", len(c.contents.get("email", [])))
' out.vcf
	status_is 0
	# every e-mail: -f all's emails column, from the importer's identities
	eq "$output" 'John Appleseed john-appleseed@mac.com +1 888 555 5512 2
Wei Li wei@home.example +86-139-0000-0000 3
Ann Lee ann@northwind.example - 1'
}

@test "round trip: -o vcard into another database gives the same customers" {
	crm-add --import "$DATA/vcard-21.vcf" 2>/dev/null
	crm-add --import "$DATA/vcard-icloud.vcf" 2>/dev/null
	crm-add --import "$DATA/vcard-40.vcf" 2>/dev/null
	crm-add --name 'Zoë "Z" Ng' --email z@x.example --tier gold --owner alice \
	    --industry steel --field 'Lead source=fair, 2024' --field 'a^b=c' 2>/dev/null
	# organisations (KIND:org, their domain), a contact of one, one whose
	# company is not its organisation's name, one with a company and no
	# organisation (X-CRM-ORG says which, or none)
	crm-add --org -n Initech --domain initech.example -e info@initech.example >/dev/null
	crm-add -n 'Pat Roe' -e pat@initech.example --contact-of Initech --role CTO >/dev/null
	printf 'name,email,company,org\nKim Ko,kim@labs.example,Initech Labs / R&D,Initech\nSam Su,sam@u.example,Umbrella Corp,\n' |
	    crm-add --import - 2>/dev/null
	eq "$(sql "SELECT c.name, c.company, o.name FROM customers c LEFT JOIN customers o ON o.id = c.org_id WHERE c.name IN ('Kim Ko', 'Sam Su') ORDER BY c.name")" \
	    $'Kim Ko|Initech Labs / R&D|Initech\nSam Su|Umbrella Corp|'
	{ crm-segment --orgs -o vcard; crm-segment -o vcard; } >all.vcf
	has "$(cat all.vcf)" $'FN:Initech\r\nN:Initech;;;;\r\nORG:Initech\r\nEMAIL;PREF=1:info@initech.example\r\nX-CRM-STATUS:active\r\nX-CRM-CREATED:2026-11-23T10:00:00Z\r\nKIND:org\r\nX-CRM-DOMAIN:initech.example\r\n'
	# a company written with a unit by hand stays one name
	has "$(cat all.vcf)" $'ORG:Initech Labs / R&D\r\n'
	has "$(cat all.vcf)" $'ORG:Beijing Steel;Procurement\r\n'
	has "$(cat all.vcf)" $'X-CRM-ORG:Initech\r\n'
	has "$(cat all.vcf)" $'X-CRM-ORG:\r\n'
	run --separate-stderr crm-add -d other.db --import - <all.vcf
	status_is 0
	eq "$stderr" "12 added, 0 updated, 0 unchanged, 0 rejected"
	strip='cut -f2-11,13-'	# less id and updated
	eq "$(crm-segment -d other.db -f all | $strip)" "$(crm-segment -f all | $strip)"
	eq "$(crm-segment -d other.db --orgs -f all | $strip)" "$(crm-segment --orgs -f all | $strip)"
}

@test "a sheet's Address is a vCard's ADR: one field, one filter, ADR out; Google's address, notes, second phone and web site are ADR, NOTE, TEL and URL" {
	printf 'Name,Email,Address\nCy Twombly,cy@example.com,1 Rue X Paris\n' >addr.csv
	import addr.csv
	status_is 0
	import "$DATA/vcard-21.vcf"
	status_is 0
	eq "$(sql "SELECT c.name || '=' || f.value FROM customer_fields f JOIN customers c ON c.id = f.customer_id WHERE f.key = 'address' ORDER BY c.id")" \
	    $'Cy Twombly=1 Rue X Paris\nJürgen Müller=Hauptstraße 1, Berlin, 10115, Deutschland'
	eq "$(sql "SELECT count(*) FROM customer_fields WHERE key = 'Address'")" 0
	run crm-segment -f name 'address ~ *Paris* or address ~ *Berlin*'
	eq "$output" $'name\nCy Twombly\nJürgen Müller'
	run --separate-stderr crm-segment -o vcard -f name,address 'name = "Cy Twombly"'
	eq "$output" "$(printf '%s\r\n' 'BEGIN:VCARD' 'VERSION:4.0' 'FN:Cy Twombly' \
	    'N:Twombly;Cy;;;' 'ADR:;;1 Rue X Paris;;;;' 'END:VCARD')"
	# Google Contacts: the properties a phone's address book reads
	import "$DATA/real/google-contacts.csv"
	status_is 0
	run --separate-stderr crm-segment -o vcard 'email = ann.lee@northwind.example'
	status_is 0
	has "$output" $'TEL;PREF=1:+44 7700 900123\r\n'
	has "$output" $'\r\nTEL;X-CRM-FIELD="Phone 2 - Value":+44 20 7946 0001\r\n'
	has "$output" $'\r\nNOTE:Met at the Hannover fair.\\nPrefers calls after 14:00.\r\n'
	has "$output" $'\r\nURL;X-CRM-FIELD="Website 1 - Value":https://northwind.example\r\n'
	# its address's parts are ADR's components, its formatted address the
	# LABEL, the fields they came from named (unfolded here)
	# and its label (Address 1 - Label: Work) its TYPE, the field too
	has "${output//$'\r\n '/}" $'\r\nADR;TYPE=work;X-CRM-TYPE="Address 1 - Label";X-CRM-FIELDS="","","Address 1 - Street","Address 1 - City","","Address 1 - Postal Code","Address 1 - Country";LABEL="1 Steel Way^nLondon EC1A 1AA^nUnited Kingdom":;;1 Steel Way;London;;EC1A 1AA;United Kingdom\r\n'
	has "$output" $'\r\nX-CRM-FIELD;NAME="Address 1 - Label":Work\r\n'
	eq "$(grep -c '^ADR' <<<"$output")" 1
	eq "$(grep -cE 'NAME=("Phone 2 - Value"|"Address 1 - Formatted"|"Website 1 - Value"|Notes|Nickname)' <<<"$output")" 0
	# "other phones" (a Google ::: list) is one TEL each
	crm-add -n Di -e di@x.example --field 'other phones=+1 555 0101, +1 555 0102' 2>/dev/null
	run --separate-stderr crm-segment -o vcard -f name,'other phones' 'name = Di'
	eq "$output" "$(printf '%s\r\n' 'BEGIN:VCARD' 'VERSION:4.0' 'FN:Di' 'N:Di;;;;' \
	    'TEL;X-CRM-FIELD="other phones":+1 555 0101' \
	    'TEL;X-CRM-FIELD="other phones":+1 555 0102' 'END:VCARD')"
}

@test "a sheet's Notes, Note or Comments is the note a vCard's NOTE fills: one field, one filter, NOTE out" {
	printf 'Name,Email,Notes\nAnn,ann@example.com,likes tea\n' >a.csv
	printf 'Name,Email,Note\nBo,bo@example.com,tea at four\n' >b.csv
	printf 'Name,Email,Comments\nCy,cy@example.com,no tea\n' >c.csv
	printf '%s\r\n' BEGIN:VCARD VERSION:4.0 FN:Di EMAIL:di@example.com \
	    'NOTE:green tea' END:VCARD BEGIN:VCARD VERSION:4.0 FN:Ed \
	    EMAIL:ed@example.com 'NOTE:coffee' END:VCARD >d.vcf
	for f in a.csv b.csv c.csv d.vcf; do
		import "$f"
		status_is 0
	done
	eq "$(sql "SELECT DISTINCT key FROM customer_fields")" note
	run crm-segment -f name,note 'note ~ *tea*'
	eq "$output" $'name\tnote\nAnn\tlikes tea\nBo\ttea at four\nCy\tno tea\nDi\tgreen tea'
	run --separate-stderr crm-segment -o vcard -f name,note 'name = Ann'
	eq "$output" "$(printf '%s\r\n' 'BEGIN:VCARD' 'VERSION:4.0' 'FN:Ann' \
	    'N:Ann;;;;' 'NOTE:likes tea' 'END:VCARD')"
	# a note an older import kept as Notes is updated there, not doubled
	crm-add -n Fay -e fay@example.com -F 'Notes=old' >/dev/null
	printf 'Name,Email,Notes\nFay,fay@example.com,new\n' >f.csv
	import f.csv
	eq "$stderr" "0 added, 1 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT key || '=' || value FROM customer_fields f JOIN customers c ON c.id = f.customer_id WHERE c.name = 'Fay'")" 'Notes=new'
}

@test "Outlook's Notes in other languages (German Notizen, Dutch Notities, ...) is the note too, NOTE out" {
	# the headers of Outlook's contacts export in each language
	printf 'Vorname,Nachname,E-Mail-Adresse,Notizen\nJörg,Lang,jl@x.example,ruft montags an\n' >de.csv
	printf 'Name,Email,Notities\nJan Berg,jb@x.example,belt op maandag\n' >nl.csv
	printf 'Name,Email,Notater\nOla,ola@x.example,ringer\n' >nb.csv
	printf 'Name,Email,Notatki\nOla K,olak@x.example,dzwoni\n' >pl.csv
	printf 'Name,Email,Anotações\nAna,ana@x.example,liga\n' >br.csv
	for f in de nl nb pl br; do
		import $f.csv
		status_is 0
		eq "$stderr" "1 added, 0 updated, 0 unchanged, 0 rejected"
	done
	eq "$(sql "SELECT c.name, key, value FROM customer_fields JOIN customers c ON c.id = customer_id ORDER BY c.id")" \
	    'Jörg Lang|note|ruft montags an
Jan Berg|note|belt op maandag
Ola|note|ringer
Ola K|note|dzwoni
Ana|note|liga'
	run --separate-stderr crm-segment -o vcard "name = 'Jörg Lang'"
	has "$output" $'\r\nNOTE:ruft montags an\r\n'
}

@test "an address's parts (Outlook's Business Street ..., Google's Address 1 - City ...) are one ADR's components, which come back as the same fields" {
	printf '%s\n' 'First Name,Last Name,E-mail Address,Business Street,Business City,Business State,Business Postal Code,Business Country/Region,Home City' \
	    'Ann,Lee,ann@example.com,1 High St,London,Greater London,N1 1AA,United Kingdom,Bath' \
	    'Bo,Roe,bo@example.com,,,,,,' >ol.csv
	import ol.csv
	status_is 0
	printf 'Name,Email,Address,Street,City,Country\nCy,cy@example.com,"9 Elm St, Oslo",9 Elm St,Oslo,Norway\n' >pl.csv
	import pl.csv
	status_is 0
	fields="SELECT c.email || ' ' || key || '=' || value FROM customer_fields JOIN customers c ON c.id = customer_id ORDER BY c.email, key"
	before=$(sql "$fields")
	# what is stored is as it was: the fields under their headers
	eq "$before" $'ann@example.com Business City=London\nann@example.com Business Country/Region=United Kingdom\nann@example.com Business Postal Code=N1 1AA\nann@example.com Business State=Greater London\nann@example.com Business Street=1 High St\nann@example.com Home City=Bath\ncy@example.com City=Oslo\ncy@example.com Country=Norway\ncy@example.com Street=9 Elm St\ncy@example.com address=9 Elm St, Oslo'
	crm-segment -o vcard >a.vcf
	out=$(cat a.vcf)
	out=${out//$'\r\n '/}
	# Outlook's Business and Home say the ADR's TYPE
	has "$out" $'\r\nADR;TYPE=work;X-CRM-FIELDS="","","Business Street","Business City","Business State","Business Postal Code","Business Country/Region":;;1 High St;London;Greater London;N1 1AA;United Kingdom\r\n'
	has "$out" $'\r\nADR;TYPE=home;X-CRM-FIELDS="","","","Home City","","","":;;;Bath;;;\r\n'
	# an address that does not say what its parts say (Norway) is
	# written alone, the parts as fields (no ADR mixing the two)
	has "$out" $'\r\nX-CRM-FIELD;NAME="City":Oslo\r\nX-CRM-FIELD;NAME="Country":Norway\r\nX-CRM-FIELD;NAME="Street":9 Elm St\r\nADR:;;9 Elm St\\, Oslo;;;;\r\n'
	eq "$(grep -c '^ADR' a.vcf)" 3
	eq "$(grep -c 'X-CRM-FIELD;NAME=' a.vcf)" 3
	import a.vcf
	status_is 0
	eq "$stderr" "0 added, 0 updated, 3 unchanged, 0 rejected"
	eq "$(sql "$fields")" "$before"
	new_db
	import a.vcf
	status_is 0
	eq "$(sql "$fields")" "$before"
}

@test "-o vcard round trip keeps extra fields' names: TEL, NOTE, URL, NICKNAME and ADR carry X-CRM-FIELD; into the same database nothing changes" {
	printf 'Name,Email,Phone,Mobile Phone,Address,Notes,Website,Nickname\nAnn Lee,ann@example.com,+1 415 555 0101,+1 415 555 0999,"1 Main St, Apt 2; Springfield\nIL 62701","likes tea, not coffee; call\nafter 5",https://ann.example,Annie\n' >vc.csv
	import vc.csv
	status_is 0
	# an older import's Address and Notes (now the fields address and
	# note) go out as well (-F Address= is address now: a --map keeps
	# the name as given)
	printf 'Name,Email,Addr,Notes\nBo Roe,bo@example.com,9 Elm St,tall\n' >old.csv
	import old.csv --map Addr=Address --map Notes=Notes
	status_is 0
	eq "$(sql "SELECT key FROM customer_fields WHERE value IN ('9 Elm St', 'tall') ORDER BY key")" $'Address\nNotes'
	fields="SELECT c.email || ' ' || key || '=' || value FROM customer_fields JOIN customers c ON c.id = customer_id ORDER BY c.email, key"
	before=$(sql "$fields")
	crm-segment -o vcard >a.vcf
	has "$(cat a.vcf)" $'\r\nTEL;X-CRM-FIELD="Mobile Phone":+1 415 555 0999\r\n'
	has "$(cat a.vcf)" $'\r\nNOTE:likes tea\\, not coffee\\; call\\nafter 5\r\n'
	has "$(cat a.vcf)" $'\r\nNOTE;X-CRM-FIELD="Notes":tall\r\n'
	has "$(cat a.vcf)" $'\r\nADR;X-CRM-FIELD="Address":;;9 Elm St;;;;\r\n'
	import a.vcf
	status_is 0
	eq "$stderr" "0 added, 0 updated, 2 unchanged, 0 rejected"
	eq "$(sql "$fields")" "$before"
	# into a new database: the same fields under the same names
	run --separate-stderr crm-add -d new.db --import a.vcf
	status_is 0
	eq "$(sqlite3 new.db "$fields")" "$before"
	run --separate-stderr crm-segment -d new.db -o vcard
	eq "$(grep -v '^X-CRM-CREATED' <<<"$output")" "$(grep -v '^X-CRM-CREATED' a.vcf)"
}

# qa18/qa19: a card's second TEL was the field "phone 2", where a sheet's
# further numbers are "other phones", so [other phones] missed the card.
@test "a card's further TELs are other phones, as a sheet's further numbers are: one filter finds both; -o vcard writes them as TELs; an older crm's phone 2 round-trips as it is" {
	# Wikipedia's Forrest Gump card (3.0): two TEL lines, WORK and HOME
	printf '%s\r\n' BEGIN:VCARD VERSION:3.0 'N:Gump;Forrest;;Mr.;' \
	    'FN:Forrest Gump' 'ORG:Bubba Gump Shrimp Co.' \
	    'TEL;TYPE=WORK,VOICE:(111) 555-1212' \
	    'TEL;TYPE=HOME,VOICE:(404) 555-1212' \
	    'TEL;TYPE=CELL:(404) 555-3434' \
	    'EMAIL;TYPE=PREF,INTERNET:forrestgump@example.com' END:VCARD >g.vcf
	import g.vcf
	status_is 0
	eq "$(sql "SELECT phone FROM customers WHERE email = 'forrestgump@example.com'")" '(111) 555-1212'
	eq "$(sql "SELECT key || '=' || value FROM customer_fields WHERE key LIKE '%phone%'")" \
	    'other phones=(404) 555-1212, (404) 555-3434'
	# a Pipedrive sheet's two numbers in one cell
	printf 'Name,Email,Phone\nAnn Lee,ann@example.com,"+1 415 555 0101, +1 415 555 0102"\n' >p.csv
	import p.csv
	status_is 0
	run --separate-stderr crm-segment -f email,'other phones' -o csv "[other phones] != ''"
	status_is 0
	eq "$output" 'email,other phones
forrestgump@example.com,"(404) 555-1212, (404) 555-3434"
ann@example.com,+1 415 555 0102'
	# an older crm's phone 2 (a card's second TEL then) stays that field
	crm-add -n 'Old Card' -e old@example.com -p '+44 20 7946 0000' \
	    -F 'phone 2=+44 20 7946 0001' >/dev/null
	fields="SELECT c.email || ' ' || key || '=' || value FROM customer_fields JOIN customers c ON c.id = customer_id ORDER BY c.email, key"
	before=$(sql "$fields")
	crm-segment -o vcard >a.vcf
	has "$(cat a.vcf)" $'\r\nTEL;X-CRM-FIELD="other phones":(404) 555-1212\r\nTEL;X-CRM-FIELD="other phones":(404) 555-3434\r\n'
	has "$(cat a.vcf)" $'\r\nTEL;X-CRM-FIELD="phone 2":+44 20 7946 0001\r\n'
	import a.vcf
	status_is 0
	eq "$stderr" "0 added, 0 updated, 3 unchanged, 0 rejected"
	eq "$(sql "$fields")" "$before"
	new_db
	import a.vcf
	status_is 0
	eq "$(sql "$fields")" "$before"
}

@test "-o vcard round trip: no name stays none (FN is the e-mail, no N), and a Mobile Phone field with no phone stays that field" {
	crm-add -e ann@example.com >/dev/null
	crm-add -n 'Bo Roe' -e bo@example.com -F 'Mobile Phone=+44 7700 900123' >/dev/null
	people="SELECT email || '|' || name || '|' || coalesce(phone, '-') FROM customers ORDER BY email"
	fields="SELECT c.email || ' ' || key || '=' || value FROM customer_fields JOIN customers c ON c.id = customer_id ORDER BY c.email, key"
	before=$(sql "$people"; sql "$fields")
	eq "$before" $'ann@example.com||-\nbo@example.com|Bo Roe|-\nbo@example.com Mobile Phone=+44 7700 900123'
	crm-segment -o vcard >a.vcf
	# FN is required (RFC 6350): hers is her e-mail, with no N
	has "$(cat a.vcf)" $'\r\nFN:ann@example.com\r\nEMAIL;PREF=1:ann@example.com\r\n'
	eq "$(grep -c '^N:' a.vcf)" 1
	has "$(cat a.vcf)" $'\r\nTEL;X-CRM-FIELD="Mobile Phone":+44 7700 900123\r\n'
	import a.vcf
	status_is 0
	eq "$stderr" "0 added, 0 updated, 2 unchanged, 0 rejected"
	eq "$(sql "$people"; sql "$fields")" "$before"
	new_db
	import a.vcf
	status_is 0
	eq "$stderr" "2 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql "$people"; sql "$fields")" "$before"
	# a name that is an e-mail too keeps its N, and so itself
	printf '%s\r\n' BEGIN:VCARD VERSION:4.0 FN:cy@example.com \
	    'N:cy@example.com;;;;' EMAIL:cy@example.com END:VCARD >cy.vcf
	import cy.vcf
	eq "$(sql "SELECT name FROM customers WHERE email = 'cy@example.com'")" cy@example.com
}

@test "a vCard's ORG links the person to that organisation, as a Company column does; KIND:org is an organisation" {
	printf '%s\r\n' BEGIN:VCARD VERSION:3.0 'FN:Ann Lee' 'ORG:Acme Ltd;Sales' \
	    EMAIL:ann@acme.example END:VCARD BEGIN:VCARD VERSION:4.0 'FN:Bo Ek' \
	    'ORG:ACME LTD.' EMAIL:bo@gmail.example END:VCARD BEGIN:VCARD \
	    VERSION:4.0 KIND:org FN:Globex ORG:Globex EMAIL:info@globex.example \
	    END:VCARD BEGIN:VCARD VERSION:3.0 'FN:Cy Mo' 'ORG:Globex' \
	    'X-ABShowAs:PERSON' END:VCARD >c.vcf
	import c.vcf
	status_is 0
	eq "$stderr" "4 added, 0 updated, 0 unchanged, 0 rejected, 1 organisation added"
	eq "$(sql "SELECT c.name, c.type, c.company, o.name FROM customers c LEFT JOIN customers o ON o.id = c.org_id ORDER BY c.id")" \
	    $'Acme Ltd|org|Acme Ltd|\nAnn Lee|person|Acme Ltd|Acme Ltd\nBo Ek|person|ACME LTD.|Acme Ltd\nGlobex|org|Globex|\nCy Mo|person|Globex|Globex'
	eq "$(crm-segment -f name,Department -o csv 'name = "Ann Lee"')" $'name,Department\nAnn Lee,Sales'
	# the same file again changes nothing
	import c.vcf
	eq "$stderr" "0 added, 0 updated, 4 unchanged, 0 rejected"
}

@test "a place's card (KIND:location) or one of another kind is skipped and counted; individual is a person" {
	printf 'BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:location\r\nFN:Head Office\r\nEMAIL:office@example.com\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:4.0\r\nKIND:individual\r\nFN:Ann Lee\r\nEMAIL:ann@example.com\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:4.0\r\nKIND:x-device\r\nFN:Printer\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\nFN:Acme\r\nEND:VCARD\r\n' >k.vcf
	run --separate-stderr crm-add --import k.vcf
	status_is 0
	eq "$stderr" "crm-add: 2 cards of another kind (the first: KIND:location) skipped: neither a person nor an organisation
2 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT type, name, coalesce(email, '-') FROM customers ORDER BY id")" $'person|Ann Lee|ann@example.com\norg|Acme|-'
	head -6 k.vcf >one.vcf
	run --separate-stderr crm-add --import one.vcf
	eq "$stderr" "crm-add: 1 card of another kind (KIND:location) skipped: neither a person nor an organisation
0 added, 0 updated, 0 unchanged, 0 rejected"
}

@test "contact group cards (X-ADDRESSBOOKSERVER-KIND:group, KIND:group) are skipped and counted, not customers" {
	run --separate-stderr crm-add --import "$BATS_TEST_DIRNAME/data/vcard-groups.vcf"
	status_is 0
	eq "$stderr" "crm-add: 2 contact group cards skipped: a group is not a customer
1 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT type, name, email FROM customers")" 'person|Person Real|real@example.com'
}

# QA qa9 Q8: typed labels (privat, Zentrale) became one field X-ABLABEL,
# "privat, Zentrale", with no link to the values they label.
@test "Apple's item labels, typed or its own, are not a field; the values they label are kept" {
	printf 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jürgen Müller\r\nitem1.EMAIL;type=INTERNET;type=pref:juergen@mueller-gmbh.de\r\nitem1.X-ABLabel:_$!<Work>!$_\r\nitem2.EMAIL;type=INTERNET:j.mueller@gmx.de\r\nitem2.X-ABLabel:privat\r\nTEL;type=CELL;type=pref:+49 151 2345678\r\nitem3.TEL:+49 89 123456\r\nitem3.X-ABLabel:Zentrale\r\nEND:VCARD\r\n' >l.vcf
	import l.vcf
	status_is 0
	eq "$(sql "SELECT email, phone FROM customers")" 'juergen@mueller-gmbh.de|+49 151 2345678'
	eq "$(sql "SELECT key || '=' || value FROM customer_fields ORDER BY key")" 'other phones=+49 89 123456'
	eq "$(crm-segment -f emails -o csv | tail -1)" 'j.mueller@gmx.de'
}

# qa18/qa19: an iCloud card's ADR labelled by its item group's X-ABLabel
# (Apple writes item5.ADR:... item5.X-ABLabel:_$!<Other>!$_ item5.X-ABADR:us
# for an address that is neither home nor work, and the user's own words
# as they are) lost its label, where a TYPE=HOME is kept.
@test "Apple's X-ABLabel of an ADR is the address's label, as its TYPE is (_\$!<Other>!\$_ is Other, the user's words as written); the round trip keeps it" {
	printf '%s\r\n' BEGIN:VCARD VERSION:3.0 'PRODID:-//Apple Inc.//iPhone OS 17.5//EN' \
	    'N:Appleseed;Jane;;;' 'FN:Jane Appleseed' \
	    'item1.EMAIL;type=INTERNET;type=pref:jane@example.com' \
	    'item2.EMAIL;type=INTERNET:jane@work.example' 'item2.X-ABLabel:_$!<Other>!$_' \
	    'TEL;type=CELL;type=VOICE;type=pref:+1 (555) 010-0100' \
	    'item3.TEL:+1 555 010 0199' 'item3.X-ABLabel:Gym' \
	    'item4.ADR;type=HOME;type=pref:;;1 Infinite Loop;Cupertino;CA;95014;United States' \
	    'item4.X-ABADR:us' \
	    'item5.ADR:;;12 Lake Rd;Tahoe City;CA;96145;United States' \
	    'item5.X-ABLabel:Ferienhaus' 'item5.X-ABADR:us' \
	    'item6.ADR;type=WORK:;;9 Side St;Austin;TX;73301;United States' \
	    'item6.X-ABLabel:_$!<Other>!$_' 'item6.X-ABADR:us' END:VCARD >l.vcf
	import l.vcf
	status_is 0
	eq "$(sql "SELECT key || '=' || value FROM customer_fields WHERE key LIKE '%Label' OR key LIKE '%phones' ORDER BY key")" \
	    'Address 1 - Label=Home
Address 2 - Label=Ferienhaus
Address 3 - Label=Other
other phones=+1 555 010 0199'
	run --separate-stderr crm-segment -f id '[Address 2 - Label] = Ferienhaus'
	eq "$output" $'id\n1'
	crm-segment -o vcard >out.vcf
	import out.vcf
	status_is 0
	eq "$stderr" "0 added, 0 updated, 1 unchanged, 0 rejected"
}

@test "-o vcard N: a card's own N goes out as it came in; else the name taken apart (prefixes, suffixes, Last, First) or, when it cannot be safely, all family name" {
	for n in 'Dr. Johnny Q. Appleseed Jr.' 'Martin Luther King, Jr.' \
	    'Appleseed, Johnny' 'Jan van der Berg' 'Prof. Dr. Anna Schmidt' \
	    'Acme Supplies Ltd' 'Smith, Jones, Brown' 'Di'; do
		crm-add -n "$n" >/dev/null
	done
	run --separate-stderr crm-segment -o vcard -f name
	status_is 0
	eq "$(grep '^N:' <<<"${output//$'\r'/}")" 'N:Appleseed;Johnny;Q.;Dr.;Jr.
N:King;Martin;Luther;;Jr.
N:Appleseed;Johnny;;;
N:van der Berg;Jan;;;
N:Schmidt;Anna;;Prof.,Dr.;
N:Acme Supplies Ltd;;;;
N:Smith\, Jones\, Brown;;;;
N:Di;;;;'
	# a card's N its name does not give back is kept (the field vCard N)
	# and written as it came; one its name gives is not kept twice
	new_db
	printf '%s\r\n' BEGIN:VCARD VERSION:3.0 'N:García López;María José;;Sra.;' \
	    'FN:María José García López' EMAIL:mj@example.com END:VCARD \
	    BEGIN:VCARD VERSION:3.0 'N:Appleseed;Johnny;Q.;Dr.;Jr.' \
	    'FN:Dr. Johnny Q. Appleseed Jr.' EMAIL:ja@example.com END:VCARD \
	    BEGIN:VCARD VERSION:2.1 'N:Lee;Ann' 'FN:Ann Lee' EMAIL:al@example.com \
	    END:VCARD >n.vcf
	import n.vcf
	status_is 0
	fields="SELECT c.email || ' ' || key || '=' || value FROM customer_fields JOIN customers c ON c.id = customer_id ORDER BY c.email, key"
	eq "$(sql "$fields")" 'mj@example.com vCard N=García López;María José;;Sra.;'
	crm-segment -o vcard >out.vcf
	eq "$(grep '^N:' out.vcf | tr -d '\r')" 'N:García López;María José;;Sra.;
N:Appleseed;Johnny;Q.;Dr.;Jr.
N:Lee;Ann;;;'
	grep -q 'X-CRM-FIELD;NAME="vCard N"' out.vcf && false
	# round trip: into the same database nothing changes
	import out.vcf
	status_is 0
	eq "$stderr" "0 added, 0 updated, 3 unchanged, 0 rejected"
	eq "$(sql "$fields")" 'mj@example.com vCard N=García López;María José;;Sra.;'
	# renamed since, the kept N is not hers: N from the name
	crm-add --update 1 -n 'Mary Jones' >/dev/null
	eq "$(crm-segment -o vcard 'email = mj@example.com' | grep '^N:' | tr -d '\r')" 'N:Jones;Mary;;;'
}

# QA qa14 #19: unknown honorifics and post-nominals were taken for names
# ("Ann Lee MBA" had the family name MBA, "Dame Judi Dench" the given Dame).
@test "-o vcard N: honorifics (Sir, Dame, Rev., Hon., Herr) and post-nominals (MBA, CBE, Ph.D.; BA only in capitals: Ann Ma) are no names" {
	for n in 'Sir Elton John CBE' 'Dame Judi Dench' 'Ann Lee MBA' \
	    'Hon. Jane Doe' 'Rev. Martin Luther King Jr.' 'Herr Jan Roth' \
	    'Jane Roe Ph.D.' 'Bo Li BA' 'Ann Ma'; do
		crm-add -n "$n" >/dev/null
	done
	run --separate-stderr crm-segment -o vcard -f name
	status_is 0
	eq "$(grep '^N:' <<<"${output//$'\r'/}")" 'N:John;Elton;;Sir;CBE
N:Dench;Judi;;Dame;
N:Lee;Ann;;;MBA
N:Doe;Jane;;Hon.;
N:King;Martin;Luther;Rev.;Jr.
N:Roth;Jan;;Herr;
N:Roe;Jane;;;Ph.D.
N:Li;Bo;;;BA
N:Ma;Ann;;;'
	# the names come back as they went
	crm-segment -o vcard >out.vcf
	import out.vcf
	status_is 0
	eq "$stderr" "0 added, 0 updated, 9 unchanged, 0 rejected"
}

# qa-left F4: another program's ADR was one address field only: no
# filter by city or country.
@test "another program's ADR (Apple's item group, Google's TYPE=HOME) keeps its parts as Google's CSV names them: filtered by city, round trip unchanged" {
	printf '%s\r\n' BEGIN:VCARD VERSION:3.0 'FN:Ann Lee' EMAIL:ann@example.com \
	    'ADR;TYPE=HOME:;;1 Main St;Springfield;IL;62701;USA' \
	    'item1.ADR;type=WORK:;Suite 2;165 Davis Street;Hillsborough;CA;94010;United States' \
	    'item1.X-ABLabel:_$!<Work>!$_' END:VCARD \
	    BEGIN:VCARD VERSION:3.0 'FN:Bo Ek' EMAIL:bo@example.com \
	    'ADR;TYPE=WORK:;;Storgatan 5;Stockholm;;111 22;Sweden' \
	    'ADR;TYPE=HOME:;;Hauptstr. 5;;;;' END:VCARD >a.vcf
	import a.vcf
	status_is 0
	fields="SELECT c.email || ' ' || key || '=' || value FROM customer_fields JOIN customers c ON c.id = customer_id ORDER BY c.email, key"
	eq "$(sql "$fields")" 'ann@example.com Address 1 - City=Springfield
ann@example.com Address 1 - Country=USA
ann@example.com Address 1 - Label=Home
ann@example.com Address 1 - Postal Code=62701
ann@example.com Address 1 - Region=IL
ann@example.com Address 1 - Street=1 Main St
ann@example.com Address 2 - City=Hillsborough
ann@example.com Address 2 - Country=United States
ann@example.com Address 2 - Extended Address=Suite 2
ann@example.com Address 2 - Label=Work
ann@example.com Address 2 - Postal Code=94010
ann@example.com Address 2 - Region=CA
ann@example.com Address 2 - Street=165 Davis Street
ann@example.com address=1 Main St, Springfield, IL 62701, USA
ann@example.com address 2=Suite 2, 165 Davis Street, Hillsborough, CA 94010, United States
bo@example.com Address 1 - City=Stockholm
bo@example.com Address 1 - Country=Sweden
bo@example.com Address 1 - Label=Work
bo@example.com Address 1 - Postal Code=111 22
bo@example.com Address 1 - Street=Storgatan 5
bo@example.com Address 2 - Label=Home
bo@example.com address=Storgatan 5, Stockholm, 111 22, Sweden
bo@example.com address 2=Hauptstr. 5'
	eq "$(crm-segment -f email "[Address 1 - City] = Stockholm or [Address 2 - Country] = 'United States'" | sed 1d)" $'ann@example.com\nbo@example.com'
	# out as one ADR each, in their order, the address its LABEL
	crm-segment -o vcard >out.vcf
	has "$(sed 's/\r$//' out.vcf | sed -n '/^ /{H;d};x;s/\n //g;p' )" 'ADR;TYPE=work;X-CRM-TYPE="Address 2 - Label";X-CRM-FIELDS="","Address 2 - Extended Address","Address 2 - Street","Address 2 - City","Address 2 - Region","Address 2 - Postal Code","Address 2 - Country";LABEL="Suite 2, 165 Davis Street, Hillsborough, CA 94010, United States":;Suite 2;165 Davis Street;Hillsborough;CA;94010;United States'
	before=$(sql "$fields")
	import out.vcf
	status_is 0
	eq "$stderr" "0 added, 0 updated, 2 unchanged, 0 rejected"
	new_db
	import out.vcf
	status_is 0
	eq "$(sql "$fields")" "$before"
}

# reg2: the address changed and not its parts (or the reverse) made
# an ADR of the old parts under the new LABEL: a phone showed the old
# address.  An address is its parts' ADR only while they say the same
# words; else the address alone, the parts as X-CRM-FIELD for crm; and
# crm-add -F address= drops the parts that no longer agree.
@test "-o vcard: an address edited and not its parts (or a part and not the address) is written alone, the parts as fields; -F address= drops its old parts (audited); round trip unchanged" {
	printf '%s\r\n' BEGIN:VCARD VERSION:3.0 'FN:Bob Roe' EMAIL:bob@x.example \
	    'ADR;TYPE=HOME:PO Box 9;Apt 2;5 Elm;Paris;;75001;France' END:VCARD \
	    BEGIN:VCARD VERSION:3.0 'FN:Cy Poe' EMAIL:cy@x.example \
	    'ADR;TYPE=HOME:;;1 Main St;Springfield;IL;62701;USA' END:VCARD \
	    BEGIN:VCARD VERSION:3.0 'FN:Di Fox' EMAIL:di@x.example \
	    'ADR;TYPE=HOME:;;3 Oak Rd;Leeds;;LS1 4AP;United Kingdom' END:VCARD >apple.vcf
	import apple.vcf
	status_is 0
	unfold() { sed 's/\r$//' | sed -n '/^ /{H;d};x;s/\n //g;p'; }
	# as imported: the parts' ADR, the address its LABEL
	crm-segment -o vcard >out.vcf
	has "$(unfold <out.vcf)" 'LABEL="PO Box 9, Apt 2, 5 Elm, Paris, 75001, France":PO Box 9;Apt 2;5 Elm;Paris;;75001;France'
	crm-add -u bob@x.example -F 'address=9 New Street, Lyon, 69001, France' >/dev/null
	crm-add -u cy@x.example -F 'Address 1 - City=Chicago' >/dev/null
	# a word moved between parts, or the address laid out otherwise,
	# is still the same address
	crm-add -u di@x.example -F $'address=3 Oak Rd\nLeeds LS1 4AP\nUnited Kingdom' >/dev/null
	run --separate-stderr crm-segment -o vcard
	status_is 0
	out=$(unfold <<<"$output")
	eq "$(grep '^ADR' <<<"$out")" 'ADR;TYPE=home;X-CRM-TYPE="Address 1 - Label":;;9 New Street\, Lyon\, 69001\, France;;;;
ADR;TYPE=home;X-CRM-TYPE="Address 1 - Label":;;1 Main St\, Springfield\, IL 62701\, USA;;;;
ADR;TYPE=home;X-CRM-TYPE="Address 1 - Label";X-CRM-FIELDS="","","Address 1 - Street","Address 1 - City","","Address 1 - Postal Code","Address 1 - Country";LABEL="3 Oak Rd^nLeeds LS1 4AP^nUnited Kingdom":;;3 Oak Rd;Leeds;;LS1 4AP;United Kingdom'
	# the old address's parts went with it, in its audit row, but for
	# what the new one still says (France), and its label (Home, no
	# part); a part edited alone stays, a field beside the address
	eq "$(sql "SELECT key || '=' || value FROM customer_fields JOIN customers c ON c.id = customer_id WHERE c.email = 'bob@x.example' AND key LIKE 'Address 1 - %' ORDER BY key")" $'Address 1 - Country=France\nAddress 1 - Label=Home'
	has "$(sql "SELECT detail FROM audit WHERE action = 'update' ORDER BY id LIMIT 1")" '"field:Address 1 - City":["Paris",null]'
	has "$out" 'X-CRM-FIELD;NAME="Address 1 - City":Chicago'
	eq "$(grep -c 'Paris' <<<"$out")" 0
	eq "$(sql "SELECT count(*) FROM customer_fields WHERE key LIKE 'Address 1 - %'")" 13
	printf '%s' "$output" >out.vcf
	fields="SELECT c.email || ' ' || key || '=' || value FROM customer_fields JOIN customers c ON c.id = customer_id ORDER BY c.email, key"
	before=$(sql "$fields")
	import out.vcf
	status_is 0
	eq "$stderr" "0 added, 0 updated, 3 unchanged, 0 rejected"
	new_db
	import out.vcf
	status_is 0
	eq "$(sql "$fields")" "$before"
	# an address removed takes its parts with it
	crm-add -u di@x.example -F address= >/dev/null
	eq "$(sql "SELECT count(*) FROM customer_fields JOIN customers c ON c.id = customer_id WHERE c.email = 'di@x.example'")" 0
}

# qa17: a mended street number dropped every part, the city and
# country the new address still says too; a case-only retyping did too.
@test "crm-add -F address=: only the parts the new address no longer says are dropped; a retyping in another case keeps them all" {
	crm-add -n Ann -e ann@x.test -F 'address=Main St 1, 8000 Aarhus, Denmark' \
	    -F 'Address 1 - Street=Main St 1' -F 'Address 1 - City=Aarhus' \
	    -F 'Address 1 - Postal Code=8000' -F 'Address 1 - Country=Denmark' >/dev/null
	q="SELECT key || '=' || value FROM customer_fields WHERE key LIKE 'Address 1 - %' ORDER BY key"
	crm-add -u ann@x.test -F 'address=main st 1, 8000 AARHUS, denmark' >/dev/null
	eq "$(sql "$q")" $'Address 1 - City=Aarhus\nAddress 1 - Country=Denmark\nAddress 1 - Postal Code=8000\nAddress 1 - Street=Main St 1'
	crm-add -u ann@x.test -F 'address=Main St 5, 8000 Aarhus, Denmark' >/dev/null
	eq "$(sql "$q")" $'Address 1 - City=Aarhus\nAddress 1 - Country=Denmark\nAddress 1 - Postal Code=8000'
	run --separate-stderr crm check
	status_is 0
}

# h-left3 (trials): field keys were case-sensitive: -F Address= updated
# the "address" kept but dropped none of its stale parts, and a new
# customer's Address and address (CITY and city) were two fields.  An
# address's key is crm's own, lower case, in any case given; a key given
# twice in one command in two cases is one field, the last value.  A
# fourth address was kept whole, its parts not split into fields as the
# first three's are (qa18/qa19): they are now, as a Google CSV's Address 4
# - City is, and go out as its ADR's components again.
@test "crm-add -F: Address is address in any case (its stale parts dropped), a key given twice in two cases one field; a fourth address's parts are fields too" {
	crm-add -n Ann -e ann@x.test -F 'address=Main St 1, 8000 Aarhus, Denmark' \
	    -F 'Address 1 - Street=Main St 1' -F 'Address 1 - City=Aarhus' \
	    -F 'Address 1 - Country=Denmark' >/dev/null
	crm-add -u ann@x.test -F 'ADDRESS=Elm Rd 2, 0150 Oslo, Norway' >/dev/null
	eq "$(sql "SELECT key || '=' || value FROM customer_fields ORDER BY key")" 'address=Elm Rd 2, 0150 Oslo, Norway'
	has "$(sql "SELECT detail FROM audit WHERE action = 'update' ORDER BY id DESC LIMIT 1")" '"field:Address 1 - City":["Aarhus",null]'
	# a new customer: one field of each, under crm's own address key
	crm-add -n Bob -e bob@x.test -F 'Address=1 A St' -F 'address=2 B St' \
	    -F 'Address 2=9 Z St' -F CITY=Oslo -F city=Bergen >/dev/null
	eq "$(sql "SELECT key || '=' || value FROM customer_fields JOIN customers c ON c.id = customer_id WHERE c.email = 'bob@x.test' ORDER BY key")" $'CITY=Bergen\naddress=2 B St\naddress 2=9 Z St'
	run --separate-stderr crm-segment -o vcard 'email = bob@x.test'
	eq "$(grep -c '^ADR' <<<"${output//$'\r'/}")" 2
	# a fourth ADR is its address, and its parts fields: nothing lost
	printf '%s\r\n' BEGIN:VCARD VERSION:3.0 'FN:Cy Dee' EMAIL:cy@x.test \
	    'ADR:;;1 A St;Oslo;;0150;Norway' 'ADR:;;2 B St;Bergen;;5003;Norway' \
	    'ADR:;;3 C St;Paris;;75001;France' 'ADR;TYPE=WORK:;;4 D St;Lyon;;69001;France' \
	    'ADR:;;5 E St;Nice;;06000;France' END:VCARD >four.vcf
	import four.vcf
	status_is 0
	eq "$(sql "SELECT key || '=' || value FROM customer_fields JOIN customers c ON c.id = customer_id WHERE c.email = 'cy@x.test' AND (key LIKE 'Address 4%' OR key LIKE 'Address 5%' OR key IN ('address 2', 'address 3', 'address 4', 'address 5')) ORDER BY key")" \
	    'Address 4 - City=Lyon
Address 4 - Country=France
Address 4 - Label=Work
Address 4 - Postal Code=69001
Address 4 - Street=4 D St
Address 5 - City=Nice
Address 5 - Country=France
Address 5 - Postal Code=06000
Address 5 - Street=5 E St
address 2=2 B St, Bergen, 5003, Norway
address 3=3 C St, Paris, 75001, France
address 4=4 D St, Lyon, 69001, France
address 5=5 E St, Nice, 06000, France'
	run --separate-stderr crm-segment -f email '[Address 4 - City] = Lyon'
	eq "$output" $'email\ncy@x.test'
	# out as five ADRs with their parts; back in, nothing changes
	run --separate-stderr crm-segment -o vcard 'email = cy@x.test'
	has "${output//$'\r\n '/}" $'ADR;TYPE=work;X-CRM-TYPE="Address 4 - Label";X-CRM-FIELDS="","","Address 4 - Street","Address 4 - City"'
	printf '%s' "$output" >out.vcf
	import out.vcf
	status_is 0
	eq "$stderr" "0 added, 0 updated, 1 unchanged, 0 rejected"
	# a Google CSV's Address 4 - City is the same field, out as its ADR's
	printf 'Name,E-mail 1 - Value,Address 4 - City,Address 4 - Country\nDi Ek,di@x.test,Malmö,Sweden\n' >g.csv
	import g.csv
	run --separate-stderr crm-segment -o vcard 'email = di@x.test'
	has "${output//$'\r\n '/}" $'X-CRM-FIELDS="","","","Address 4 - City","","","Address 4 - Country":;;;Malmö;;;Sweden\r\n'
	run --separate-stderr crm check
	status_is 0
}

# h-left3 (trials): a vCard's ADR;TYPE=HOME/WORK was dropped.  It is
# kept as Google's CSV keeps an address's label (Address 1 - Label:
# Home), and -o vcard writes it back as the ADR's TYPE (X-CRM-TYPE says
# the label is a field of its own line too); Outlook's Business and Home
# addresses say their TYPE.  A label besides home and work (pref, postal,
# Apple's X-ABLabel) says nothing kept.
@test "a vCard's ADR TYPE=HOME or WORK is kept as the address's label (Address 1 - Label), and -o vcard writes it back as TYPE: round trip unchanged, read by python3-vobject" {
	printf '%s\r\n' BEGIN:VCARD VERSION:3.0 'FN:Ann Lee' EMAIL:ann@x.test \
	    'ADR;TYPE=HOME:;;1 A St;Oslo;;0150;Norway' \
	    'ADR;TYPE=work,pref:;;2 B St;Bergen;;5003;Norway' \
	    'ADR;TYPE=postal:;;3 C St;;;;' END:VCARD \
	    BEGIN:VCARD VERSION:2.1 'FN:Bo Ek' EMAIL:bo@x.test 'ADR;WORK:;;9 Z St;;;;' \
	    END:VCARD >t.vcf
	import t.vcf
	status_is 0
	eq "$(sql "SELECT c.email || ' ' || key || '=' || value FROM customer_fields JOIN customers c ON c.id = customer_id WHERE key LIKE '%Label' ORDER BY c.email, key")" $'ann@x.test Address 1 - Label=Home\nann@x.test Address 2 - Label=Work\nbo@x.test Address 1 - Label=Work'
	eq "$(crm-segment -f email "[Address 2 - Label] = Work" | sed 1d)" ann@x.test
	crm-segment -o vcard >out.vcf
	out=$(sed 's/\r$//' out.vcf | sed -n '/^ /{H;d};x;s/\n //g;p')
	has "$out" 'ADR;TYPE=home;X-CRM-TYPE="Address 1 - Label";X-CRM-FIELDS='
	has "$out" 'ADR;TYPE=work;X-CRM-TYPE="Address 2 - Label";X-CRM-FIELDS='
	has "$out" 'ADR;TYPE=work;X-CRM-TYPE="Address 1 - Label":;;9 Z St;;;;'
	has "$out" 'ADR:;;3 C St;;;;'
	fields="SELECT c.email || ' ' || key || '=' || value FROM customer_fields JOIN customers c ON c.id = customer_id ORDER BY c.email, key"
	before=$(sql "$fields")
	import out.vcf
	status_is 0
	eq "$stderr" "0 added, 0 updated, 2 unchanged, 0 rejected"
	new_db
	import out.vcf
	status_is 0
	eq "$(sql "$fields")" "$before"
	# an address removed takes its label with it
	crm-add -u bo@x.test -F address= >/dev/null
	eq "$(sql "SELECT count(*) FROM customer_fields JOIN customers c ON c.id = customer_id WHERE c.email = 'bo@x.test'")" 0
	py=$(vobject_python)
	[[ -n "$py" ]] || skip "python3-vobject is not installed (make deps)"
	run "$py" -c '
import sys, vobject
for c in vobject.readComponents(open(sys.argv[1], newline="").read()):
    for a in c.contents.get("adr", []):
        print(c.fn.value, a.value.street, ",".join(a.params.get("TYPE", [])))
' out.vcf
	status_is 0
	eq "$output" $'Ann Lee 1 A St home\nAnn Lee 2 B St work\nAnn Lee 3 C St \nBo Ek 9 Z St work'
}

# qa-left F3: N came from the name only: Google's Middle Name, Name
# Prefix and Name Suffix and Outlook's Title, Middle Name and Suffix,
# kept as fields, were left out; "Lee, Ann, Dr." was all family name and
# "Dr. med. Anna Schmidt" had the given name med.
@test "-o vcard N: Google's and Outlook's name columns (Middle Name, Name Prefix/Suffix, Title, Suffix) fill N; Last, First, Title; Dr. med.; round trip unchanged" {
	printf '%s\n' 'First Name,Middle Name,Last Name,Name Prefix,Name Suffix,E-mail 1 - Value' \
	    'Ann,May,Lee,Dr.,PhD,ann@example.com' >google.csv
	printf '%s\n' 'Title,First Name,Middle Name,Last Name,Suffix,Job Title,E-mail Address' \
	    'Mr.,John,Quincy,Adams,Jr.,CEO,jqa@example.com' \
	    'Chief,Bo,,Ek,,CTO,bo@example.com' >outlook.csv
	import google.csv
	status_is 0
	import outlook.csv
	status_is 0
	for n in 'Lee, Ann, Dr.' 'Ann Lee, Dr.' 'Dr. med. Anna Schmidt' \
	    'Prof. Dr. rer. nat. Eva Kühn' 'Dr. Phil Smith'; do
		crm-add -n "$n" >/dev/null
	done
	run --separate-stderr crm-segment -o vcard
	status_is 0
	# Outlook's Title that is no salutation (Chief) is only its field
	eq "$(grep '^N:' <<<"${output//$'\r'/}")" 'N:Lee;Ann;May;Dr.;PhD
N:Adams;John;Quincy;Mr.;Jr.
N:Ek;Bo;;;
N:Lee;Ann;;Dr.;
N:Lee;Ann;;Dr.;
N:Schmidt;Anna;;Dr. med.;
N:Kühn;Eva;;Prof.,Dr. rer. nat.;
N:Smith;Phil;;Dr.;'
	has "$output" $'X-CRM-FIELD;NAME="Middle Name":May\r\n'
	# round trip: the fields come back, and no N is kept beside them
	printf '%s' "$output" >out.vcf
	import out.vcf
	status_is 0
	eq "$stderr" "0 added, 0 updated, 8 unchanged, 0 rejected"
	eq "$(sql "SELECT count(*) FROM customer_fields WHERE key = 'vCard N'")" 0
}

# QA qa14 #8: a note with CRLF inside (an Outlook or Excel cell) went out
# as \n (a vCard has no CR) and came back as LF: "1 updated".
@test "round trip: a note with CRLF inside comes back unchanged, its CRLF kept" {
	printf 'Name,Email,Notes\r\nAnn Lee,ann@x.test,"line one\r\nline two"\r\n' >crlf.csv
	import crlf.csv
	status_is 0
	crm-segment -o vcard >out.vcf
	grep -q '^NOTE:line one\\nline two' out.vcf
	import out.vcf
	status_is 0
	eq "$stderr" "0 added, 0 updated, 1 unchanged, 0 rejected"
	eq "$(sql "SELECT value FROM customer_fields WHERE key = 'note'" |
	    tr '\r' '@')" 'line one@
line two'
	# a note whose text changed is still an update
	printf 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nEMAIL:ann@x.test\r\nNOTE:line one\\nline 2\r\nEND:VCARD\r\n' >n2.vcf
	import n2.vcf
	status_is 0
	eq "$stderr" "0 added, 1 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT value FROM customer_fields WHERE key = 'note'")" 'line one
line 2'
}

# QA qa14 #9: crm-add -c makes no organisation, but in a database with no
# organisation yet the export wrote no X-CRM-ORG, so the import took ORG
# for the link: "1 updated, 1 organisation added".
@test "round trip: a company given with -c (text, no organisation) comes back unchanged, with no organisation made" {
	crm-add -n Cher -e c@x.test -c 'Acme GmbH' >/dev/null
	crm-segment -o vcard >out.vcf
	grep -q '^X-CRM-ORG:.$' out.vcf
	import out.vcf
	status_is 0
	eq "$stderr" "0 added, 0 updated, 1 unchanged, 0 rejected"
	eq "$(sql "SELECT name, company, coalesce(org_id, 0), type FROM customers")" 'Cher|Acme GmbH|0|person'
	# into a fresh database too
	new_db
	import out.vcf
	status_is 0
	eq "$stderr" "1 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT name, company, coalesce(org_id, 0), type FROM customers")" 'Cher|Acme GmbH|0|person'
}

# h-small #2: a card's fax (TEL;TYPE=FAX: 3.0's WORK,FAX, 2.1's ;FAX;
# Apple's item group labelled _$!<WorkFAX>!$_) was one of the other
# phones, where QuickBooks' Fax: number is the field fax.  It is that
# field now, and -o vcard writes it back as TEL;TYPE=FAX.
# h-skip30: a card's pager (TEL;TYPE=PAGER, 2.1's ;PAGER) was a phone, the
# number to call; it is the field pager, as a sheet's Pager column is.
@test "a card's pager (TYPE=PAGER, 2.1 ;PAGER) is the field pager, no phone; -o vcard writes TEL;TYPE=PAGER and reads it back unchanged" {
	printf '%s\r\n' BEGIN:VCARD VERSION:3.0 'FN:Pia Page' 'EMAIL:pia@x.example' \
	    'TEL;TYPE=PAGER:+44 7700 900777' 'TEL;TYPE=CELL:+44 7700 900001' 'TEL;TYPE=WORK,VOICE:+44 20 7946 0001' END:VCARD \
	    BEGIN:VCARD VERSION:2.1 'FN:Bo Page' 'EMAIL:bo@x.example' 'TEL;HOME;PAGER:555 0200' END:VCARD >pg.vcf
	import pg.vcf
	status_is 0
	run --separate-stderr crm-segment -f name,phone,'other phones',pager
	eq "$output" $'name\tphone\tother phones\tpager
Pia Page\t+44 7700 900001\t+44 20 7946 0001\t+44 7700 900777
Bo Page\t\t\t555 0200'
	crm-segment -o vcard >a.vcf
	# a TEL a phone shows as a pager (it was X-CRM-FIELD;NAME=pager,
	# which no other reader sees)
	eq "$(grep -c '^TEL;TYPE=PAGER:' a.vcf)" 2
	eq "$(grep -c 'X-CRM-FIELD;NAME=pager' a.vcf)" 0
	import a.vcf
	eq "$stderr" "0 added, 0 updated, 2 unchanged, 0 rejected"
	crm-add -u pia@x.example -F 'pager=+44 7700 900777, +44 7700 900778' >/dev/null
	crm-segment -o vcard -f name,email,pager 'name = "Pia Page"' >b.vcf
	eq "$(grep '^TEL' b.vcf | tr -d '\r' | paste -sd ,)" 'TEL;TYPE=PAGER:+44 7700 900777,TEL;TYPE=PAGER:+44 7700 900778'
	import b.vcf
	eq "$stderr" "0 added, 0 updated, 1 unchanged, 0 rejected"
}

@test "a card's fax (TYPE=FAX, 2.1 ;FAX, Apple's WorkFAX/HomeFAX label) is the field fax, no phone; -o vcard writes TEL;TYPE=FAX and reads it back unchanged" {
	printf '%s\r\n' BEGIN:VCARD VERSION:3.0 'FN:Ann Fax' 'EMAIL:ann@fax.example' \
	    'TEL;TYPE=WORK,VOICE:+1 206 555 0100' 'TEL;TYPE=WORK,FAX:+1 206 555 0109' \
	    'item3.TEL:+44 20 7946 0000' 'item3.X-ABLabel:_$!<WorkFAX>!$_' \
	    'item4.TEL:+44 20 7946 0001' 'item4.X-ABLabel:_$!<Other>!$_' \
	    'TEL;TYPE=CELL:+1 206 555 0101' END:VCARD \
	    BEGIN:VCARD VERSION:2.1 'FN:Bo Fax' 'EMAIL:bo@fax.example' 'TEL;HOME;FAX:555 0200' END:VCARD \
	    BEGIN:VCARD VERSION:3.0 'FN:Cy Fax' 'EMAIL:cy@fax.example' 'item1.TEL:555 0300' \
	    'item1.X-ABLabel:_$!<HomeFAX>!$_' 'TEL:555 0301' END:VCARD >fax.vcf
	import fax.vcf
	status_is 0
	eq "$stderr" "3 added, 0 updated, 0 unchanged, 0 rejected"
	run --separate-stderr crm-segment -f name,phone,'other phones',fax
	eq "$output" $'name\tphone\tother phones\tfax
Ann Fax\t+1 206 555 0100\t+44 20 7946 0001, +1 206 555 0101\t+1 206 555 0109, +44 20 7946 0000
Bo Fax\t\t\t555 0200
Cy Fax\t555 0301\t\t555 0300'
	fields="SELECT c.email || ' ' || key || '=' || value FROM customer_fields JOIN customers c ON c.id = customer_id ORDER BY c.email, key"
	before=$(sql "$fields")
	crm-segment -o vcard >a.vcf
	has "$(cat a.vcf)" $'\r\nTEL;TYPE=FAX:+1 206 555 0109\r\nTEL;TYPE=FAX:+44 20 7946 0000\r\n'
	has "$(cat a.vcf)" $'\r\nTEL;TYPE=FAX:555 0200\r\n'
	import a.vcf
	status_is 0
	eq "$stderr" "0 added, 0 updated, 3 unchanged, 0 rejected"
	eq "$(sql "$fields")" "$before"
	# a sheet's fax, QuickBooks' Fax: number, goes out the same way
	printf 'Customer,Phone Numbers,Email,Full Name\nDee Co,"Phone: 555 0400 Fax: 555 0409",dee@fax.example,Dee Co\n' >qb.csv
	import qb.csv
	status_is 0
	run --separate-stderr crm-segment -o vcard 'email = "dee@fax.example"'
	has "$output" $'\r\nTEL;TYPE=FAX:555 0409\r\n'
}

# qa36 F7: Proton's KEY (a kilobyte of PGP key a contact) and its
# X-PM-ENCRYPT, -SIGN, -SCHEME were kept as fields, in every export.
@test "Proton's contacts: a contact's public key and mail settings (KEY, X-PM-*) are dropped as PHOTO is; the rest read; again unchanged (qa36 F7)" {
	local f="$BATS_TEST_DIRNAME/data/real/proton-contacts.vcf"
	run --separate-stderr crm-add --import "$f"
	status_is 0
	eq "$stderr" "3 added, 0 updated, 0 unchanged, 0 rejected, 1 organisation added"
	eq "$(sql "SELECT count(*) FROM customer_fields WHERE key LIKE 'KEY%' OR key LIKE 'X-PM-%'")" 0
	run crm-segment -f all
	status_is 0
	[[ $output != *KEY* && $output != *X-PM* && $output != *pgp-keys* ]]
	run crm-segment -o vcard
	status_is 0
	[[ $output != *KEY* && $output != *X-PM* && $output != *pgp-keys* ]]
	eq "$(crm-segment -o csv -f external_id,name,email,emails,phone,company,Department,tags | tail -n +2)" \
	    'proton-web-3f1c2a9e-1111-4a2b-9c1d-0e5f6a7b8c9d,Ann Lee,ann.lee@northwind.example,ann@home.example,+44 7700 900123,"Northwind Steel, Ltd.",Purchasing,"customers,vip"
proton-web-aaaa,,bob@contoso.example,,,,,
proton-web-bbbb,Carla Díaz,carla@fabrikam.example,carla.diaz@correo.example,,,,'
	run --separate-stderr crm-add --import "$f"
	status_is 0
	eq "$stderr" "0 added, 0 updated, 3 unchanged, 0 rejected"
}
