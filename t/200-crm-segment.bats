#!/usr/bin/env bats
# Test plan: crm-segment, printing customers in every format.
#   - --help, --version, a bad option, an unknown -o: 64 with the usage;
#     an expression is taken, a bad one is 64 saying at which column (the
#     filter language is tested in t/210-crm-segment-filter.bats, counts
#     and the value models in t/220-crm-segment-models.bats)
#   - default: TSV (stdout is not a terminal), header, default columns
#   - TSV escapes \t \n \r \\ inside fields, so a record is one line, and
#     the export imports into a fresh database with the same values
#   - CSV parsed back by python3's csv module equals what is stored
#   - JSON Lines parsed back by python3's json: numbers, null, strings
#   - table: columns line up by display width, CJK included
#   - -f picks columns and their order, extra fields and metrics by name;
#     -f all is every column, tags and every extra field (no metrics); an
#     unknown field is 64, the message listing what a field can be
#   - --spreadsheet: BOM, CRLF, formula-like cells neutralised; text Excel
#     reads as a number or a date (07700900123, 1E5, 3-4) kept text, amounts
#     and counts not; crm-add --import reads the file back as it was

load helper

# A customer whose values need every kind of escaping, one in Chinese and
# one plain.
awkward() {
	crm-add -n $'Tab\there,\nnew line\r\\back' -c 'Quote "Co", Ltd.' \
	    -e 'a@x.example' -t vip -t 'key account' -F $'Note=line 1\nline 2' \
	    -F 'Size=10' >/dev/null
	crm-add -n '王小明' -c '华北钢铁' -p '+86 10' -F 'City=北京' >/dev/null
	crm-add -n Ann -c Acme -T gold --owner alice >/dev/null
}

@test "--help prints the usage on stdout and exits 0" {
	run --separate-stderr crm-segment --help
	status_is 0
	eq "$stderr" ""
	eq "${lines[0]}" "usage: crm-segment [-d db] [-f fields] [-o tsv|csv|json|table|vcard]"
}

@test "--version prints the name and a version number" {
	run --separate-stderr crm-segment --version
	status_is 0
	[[ "$output" =~ ^crm-segment\ [0-9]+\.[0-9]+\.[0-9]+$ ]]
}

@test "a bad option or format exits 64 with the usage on stderr" {
	crm-add -n Ann >/dev/null
	run --separate-stderr crm-segment --bogus
	fails_usage 64 "crm-segment: unrecognized option '--bogus'"
	run --separate-stderr crm-segment -o xml
	fails_usage 64 "crm-segment: -o: unknown format 'xml' (tsv, csv, json, table)"
	run --separate-stderr crm-segment --spreadsheet -o json
	fails_usage 64 "crm-segment: --spreadsheet writes CSV; it does not go with -o"
}

@test "an expression selects; one that does not parse exits 64 saying where" {
	# (the filter language is tested in t/210-crm-segment-filter.bats;
	# this is only that an expression argument is taken, wherever it
	# stands among the options, and refused when bad)
	crm-add -n Ann -T gold >/dev/null
	crm-add -n Bob -T silver >/dev/null
	run --separate-stderr crm-segment -f name 'tier = gold'
	status_is 0
	eq "$output" $'name\nAnn'
	run --separate-stderr crm-segment 'tier = silver' -f name
	status_is 0
	eq "$output" $'name\nBob'
	run --separate-stderr crm-segment -f name 'tier ='
	fails 64 "crm-segment: expression: column 7: a value is needed here"
	run --separate-stderr crm-segment -f name 'teir = gold'
	fails 64 "crm-segment: expression: column 1: unknown field 'teir' (did you mean 'tier'?)"
	run --separate-stderr crm-segment -f name tier = gold
	fails_usage 64 "crm-segment: one expression, in quotes: 'tier ...'"
}

@test "the default is TSV with the default columns, in id order" {
	crm-add -n Ann -e ann@x.example -c Acme -p 1 -T gold --owner alice >/dev/null
	crm-add -n Bob >/dev/null
	run --separate-stderr crm-segment
	status_is 0
	eq "$stderr" ""
	eq "$output" 'id	name	company	email	phone	tier	owner
1	Ann	Acme	ann@x.example	1	gold	alice
2	Bob					'
}

@test "an empty database prints the header alone" {
	crm-add -n Ann >/dev/null
	sql 'DELETE FROM customers'
	run --separate-stderr crm-segment -f id,name
	status_is 0
	eq "$output" $'id\tname'
}

@test "TSV escapes tab, newline, carriage return and backslash in fields" {
	awkward
	run --separate-stderr crm-segment -f id,name,Note
	status_is 0
	eq "${#lines[@]}" 4
	eq "${lines[1]}" '1	Tab\there,\nnew line\r\\back	line 1\nline 2'
}

@test "a TSV export imports into a fresh database with the same values" {
	awkward
	crm-segment -f all >export.tsv
	run --separate-stderr crm-add -d fresh.db --import export.tsv
	status_is 0
	eq "$stderr" "3 added, 0 updated, 0 unchanged, 0 rejected"
	local q='SELECT quote(name), quote(company), email, phone, tier, owner, created FROM customers ORDER BY id;
	    SELECT customer_id, quote(key), quote(value) FROM customer_fields ORDER BY 1, 2;
	    SELECT customer_id, tag FROM tags ORDER BY 1, 2'
	eq "$(sqlite3 fresh.db "$q")" "$(sql "$q")"
	eq "$(sqlite3 fresh.db "SELECT name FROM customers WHERE id = 1")" $'Tab\there,\nnew line\r\\back'
}

@test "CSV parsed back by python3 equals what is stored" {
	only_on sqlite "the stored rows read with sqlite3 -json (the CSV writer is the same on both engines)"
	awkward
	crm-segment -o csv -f id,name,company,email,phone,tags,Note >out.csv
	sqlite3 -json "$CRM_DB" "SELECT c.id, c.name, coalesce(c.company, '') AS company,
	    coalesce(c.email, '') AS email, coalesce(c.phone, '') AS phone,
	    coalesce((SELECT group_concat(tag, ',') FROM (SELECT tag FROM tags
	        WHERE customer_id = c.id ORDER BY tag)), '') AS tags,
	    coalesce((SELECT value FROM customer_fields WHERE customer_id = c.id
	        AND key = 'Note'), '') AS Note
	    FROM customers c ORDER BY c.id" >stored.json
	run python3 -c '
import csv, json, sys
with open("out.csv", newline="") as f:
    rows = list(csv.reader(f))
stored = json.load(open("stored.json"))
assert rows[0] == list(stored[0].keys()), rows[0]
want = [[str(v) for v in r.values()] for r in stored]
assert rows[1:] == want, (rows[1:], want)
print(len(rows) - 1, repr(rows[1][1]), repr(rows[1][2]))'
	status_is 0
	eq "$output" "3 'Tab\\there,\\nnew line\\r\\\\back' 'Quote \"Co\", Ltd.'"
}

@test "JSON Lines parsed back by python3: numbers, null and strings" {
	awkward
	run --separate-stderr crm-segment -o json -f id,name,email,tier,tags,City,Size
	status_is 0
	eq "${#lines[@]}" 3
	run python3 -c '
import json, sys
rows = [json.loads(l) for l in sys.stdin.read().splitlines()]
for r in rows:
    print(json.dumps(r, ensure_ascii=False, sort_keys=True))
assert type(rows[0]["id"]) is int
assert type(rows[0]["Size"]) is str' <<<"$output"
	status_is 0
	eq "${lines[0]}" '{"City": null, "Size": "10", "email": "a@x.example", "id": 1, "name": "Tab\there,\nnew line\r\\back", "tags": "key account,vip", "tier": null}'
	eq "${lines[1]}" '{"City": "北京", "Size": null, "email": null, "id": 2, "name": "王小明", "tags": null, "tier": null}'
	eq "${lines[2]}" '{"City": null, "Size": null, "email": null, "id": 3, "name": "Ann", "tags": null, "tier": "gold"}'
}

@test "the table lines up a CJK name column with a Latin one" {
	crm-add -n '王小明' -c 'Huabei' >/dev/null
	crm-add -n Ann -c Acme >/dev/null
	run --separate-stderr crm-segment -o table -f id,name,company
	status_is 0
	eq "${#lines[@]}" 3
	local cols
	cols=$(display_col company <<<"${lines[0]}")
	eq "$(display_col Huabei <<<"${lines[1]}")" "$cols"
	eq "$(display_col Acme <<<"${lines[2]}")" "$cols"
	# the name column is as wide as its widest cell (王小明: 6) and no wider
	eq "$cols" 12
}

@test "the table escapes newlines and right-aligns numbers" {
	crm-add -n $'two\nlines' >/dev/null
	for i in 2 3 4 5 6 7 8 9 10; do crm-add -n "n$i" >/dev/null; done
	run --separate-stderr crm-segment -o table -f id,name
	status_is 0
	eq "${#lines[@]}" 11
	eq "${lines[0]}" 'id  name'
	eq "${lines[1]}" ' 1  two\nlines'
	eq "${lines[10]}" '10  n10'
}

@test "-f picks the columns and their order, extra fields by name" {
	awkward
	run --separate-stderr crm-segment -f 'tier, City,name'
	status_is 0
	eq "$output" 'tier	City	name
		Tab\there,\nnew line\r\\back
	北京	王小明
gold		Ann'
}

@test "-f all is every column, then tags, then every extra field" {
	awkward
	run --separate-stderr crm-segment -f all
	status_is 0
	eq "${lines[0]}" 'id	external_id	name	company	email	phone	industry	tier	owner	status	created	updated	tags	City	Note	Size'
	eq "${lines[1]}" '1		Tab\there,\nnew line\r\\back	Quote "Co", Ltd.	a@x.example					active	2026-11-23T10:00:00Z	2026-11-23T10:00:00Z	key account,vip		line 1\nline 2	10'
}

@test "-f takes metrics as columns" {
	crm-add -n Ann >/dev/null
	crm-log 1 purchase --amount 1000 --at 2026-11-01 >/dev/null
	crm-log 1 return --amount -250.50 --at 2026-11-02 >/dev/null
	run --separate-stderr crm-segment -f id,revenue,purchases,returns,last_contact,last_purchase
	status_is 0
	eq "$output" 'id	revenue	purchases	returns	last_contact	last_purchase
1	749.50	1	1	2026-11-02T00:00:00Z	2026-11-01T00:00:00Z'
	# -f all is the customer's own data, no metrics
	run --separate-stderr crm-segment -f all
	eq "${lines[0]}" 'id	external_id	name	company	email	phone	industry	tier	owner	status	created	updated	tags'
}

@test "-f: a near miss of a field's name exits 64; an extra field no customer has (any more, after an undo) is an empty column, said" {
	crm-add -n Ann -F City=Oslo >/dev/null
	run --separate-stderr crm-segment -f name,teir
	fails 64 "crm-segment: -f: unknown field 'teir' (did you mean 'tier'?)"
	run --separate-stderr crm-segment -f name,org.teir
	fails 64 "crm-segment: -f: unknown field 'org.teir' (did you mean 'org.tier'?)"
	printf 'Name,Email,Country\nBo,bo@x.example,NO\n' >c.csv
	crm-add --import c.csv 2>/dev/null
	run --separate-stderr crm-segment -f name,Country -o csv
	status_is 0
	eq "$output" $'name,Country\nAnn,\nBo,NO'
	eq "$stderr" ""
	# gone from every customer (as after crm undo of that import, which
	# PostgreSQL has not: the field cleared does the same on both)
	crm-add -u bo@x.example -F Country= >/dev/null 2>&1
	run --separate-stderr crm-segment -f name,Country -o csv
	status_is 0
	eq "$output" $'name,Country\nAnn,\nBo,'
	eq "$stderr" "crm-segment: -f: no customer has a field 'Country': its cells are empty"
	run --separate-stderr crm-segment --by Country -o csv
	status_is 0
	eq "$output" $'Country,customers,revenue\n,2,0.00'
	run --separate-stderr crm-segment -f ,
	fails 64 "crm-segment: -f: no fields given"
}

# qa10 Q4: a near miss of an extra field customers have is a typo too.
@test "-f, --by, --risk -f: a near miss of an extra field customers have (Cty, Ctiy, CITY for City) exits 64 naming it" {
	crm-add -n Ann -F City=Oslo >/dev/null
	for f in Cty Ctiy CITY; do
		run --separate-stderr crm-segment -f name,$f
		fails 64 "crm-segment: -f: unknown field '$f' (did you mean 'City'?)"
	done
	run --separate-stderr crm-segment --by Ctiy
	fails 64 "crm-segment: --by: unknown field 'Ctiy' (did you mean 'City'?)"
	run --separate-stderr crm-segment --risk -f name,cty
	fails 64 "crm-segment: -f: unknown field 'cty' (did you mean 'City'?)"
	# a name near no field at all is still the empty column, said
	run --separate-stderr crm-segment -f name,Region -o csv
	status_is 0
	eq "$output" $'name,Region\nAnn,'
	eq "$stderr" "crm-segment: -f: no customer has a field 'Region': its cells are empty"
}

# qa20 #11: "no customer has a field 'Title'" when the import had read
# Klaviyo's Title as the role.
@test "-f, --by, a filter: a column name an import reads as a crm field (Title: role, Non Primary E-mails: emails) says which" {
	printf 'Email,First Name,Title,Non Primary E-mails\nann@x.example,Ann,Founder,ann2@x.example\n' >k.csv
	crm-add --import k.csv 2>/dev/null
	run --separate-stderr crm-segment -f name,Title -o csv
	status_is 0
	eq "$output" $'name,Title\nAnn,'
	eq "$stderr" "crm-segment: -f: no customer has a field 'Title': its cells are empty, or an import read the column as role, as it does with no Job Title column beside it: then say -f role"
	run --separate-stderr crm-segment -f 'Non Primary E-mails'
	eq "$stderr" "crm-segment: -f: no customer has a field 'Non Primary E-mails': an import reads a column 'Non Primary E-mails' as emails: say -f emails"
	run --separate-stderr crm-segment --by 'First Name'
	eq "$stderr" "crm-segment: --by: no customer has a field 'First Name': an import reads a column 'First Name' as name: say --by name"
	run --separate-stderr crm-segment "Title = 'Founder'"
	fails 64 "crm-segment: expression: column 1: unknown field 'Title' (an import reads a column 'Title' as role with no Job Title column beside it: then say role)"
	# as said
	run --separate-stderr crm-segment -f name,role -o csv
	eq "$output" $'name,role\nAnn,Founder'
	run --separate-stderr crm-segment -f name,emails -o csv
	eq "$output" $'name,emails\nAnn,ann2@x.example'
	# a header kept under its own name: as before
	run --separate-stderr crm-segment -f Region
	eq "$stderr" "crm-segment: -f: no customer has a field 'Region': its cells are empty"
}

# h-small #4: beside Job Title (Outlook's), Title is the salutation, kept
# as a field: its cells empty, the hint said it had been read as role.
# Which file it was is not recorded, so the hint says what each did.
@test "-f Title after an Outlook file whose Title (beside Job Title) was empty: the hint does not say it was read as role" {
	printf 'E-mail Address,First Name,Title,Job Title\nann@x.example,Ann,,Founder\n' >o.csv
	crm-add --import o.csv 2>/dev/null
	eq "$(sql "SELECT role FROM customers")" Founder
	run --separate-stderr crm-segment -f name,Title -o csv
	status_is 0
	eq "$output" $'name,Title\nAnn,'
	eq "$stderr" "crm-segment: -f: no customer has a field 'Title': its cells are empty, or an import read the column as role, as it does with no Job Title column beside it: then say -f role"
	# one that said Mr.: a field, found as one, no hint
	printf 'E-mail Address,First Name,Title,Job Title\nbo@x.example,Bo,Mr.,Chef\n' >o2.csv
	crm-add --import o2.csv 2>/dev/null
	run --separate-stderr crm-segment -f name,Title -o csv
	eq "$stderr" ""
	eq "$output" $'name,Title\nAnn,\nBo,Mr.'
}

# qa13 F4: Excel (and LibreOffice) turn such text into numbers and dates:
# 07700900123 loses its zero, 20 digits are 1.23457E+19, 1E5 is 100000,
# 3-4 is the 4th of March.  A ' before them keeps them text, and
# crm-add --import takes it off again; amounts, counts and ISO dates stay
# what they are.
@test "--spreadsheet: text Excel would read as a number or a date gets a '; numbers stay numbers; crm-add --import reads it back as it was" {
	crm-add -n 'Ann Lee' -e ann@lee.test -p 07700900123 -x 000123 -F 'Zip=02134' \
	    -F 'IBAN digits=12345678901234567890' -F 'Part=1E5' -F 'Ref=3-4' \
	    -F 'Half=1/2' -F 'Intl=+447700900123' -F 'Version=1.2.3' \
	    -F 'Since=2024-03-05' -F 'Count=12' -F 'Rate=0.5' -F "Own='=x" \
	    -F 'Gene=Sep-2' -F 'Day=1-Mar' -F 'Seq=SEPT2' -F 'Slot=12:30' \
	    -F 'Noon=1 p' -F 'Loss=(123)' -F 'Size=3 1/2' -F 'Off=10%' \
	    -F 'Flag=TRUE' -F 'Low=false' -F 'Qty=1,234' -F 'Dec=3,5' \
	    -F 'Flat=12A' -F 'Tel=(555) 123-4567' -F 'Street=Mayor 5' >/dev/null
	crm-log --amount 1299.50 ann@lee.test purchase >/dev/null
	local f=name,phone,external_id,Zip,'IBAN digits',Part,Ref,Half,Intl,Version,Since,Count,Rate,Own,revenue,purchases
	run crm-segment --spreadsheet -f "$f"
	status_is 0
	eq "$(printf '%s' "$output" | tr -d '\r' | sed 1d)" \
	    "Ann Lee,'07700900123,'000123,'02134,'12345678901234567890,'1E5,'3-4,'1/2,'+447700900123,'1.2.3,2024-03-05,12,0.5,''=x,1299.50,1"
	# qa-left F1: a month's name and a day, a time, a number Excel signs,
	# scales or reads by locale, a fraction, a boolean; not a house
	# number, a phone in parentheses or a street.
	run crm-segment --spreadsheet -f Gene,Day,Seq,Slot,Noon,Loss,Size,Off,Flag,Low,Qty,Dec,Flat,Tel,Street
	status_is 0
	eq "$(printf '%s' "$output" | tr -d '\r' | sed 1d)" \
	    "'Sep-2,'1-Mar,'SEPT2,'12:30,'1 p,'(123),'3 1/2,'10%,'TRUE,'false,\"'1,234\",\"'3,5\",12A,(555) 123-4567,Mayor 5"
	crm-segment --spreadsheet >sheet.csv
	local q="SELECT c.name, c.email, c.phone, c.external_id, f.key, f.value
	    FROM customers c JOIN customer_fields f ON f.customer_id = c.id
	    ORDER BY f.key" before
	before=$(sql "$q")
	new_db
	run --separate-stderr crm-add --import sheet.csv
	status_is 0
	eq "$(sql "$q")" "$before"
	eq "$(sql "SELECT value FROM customer_fields WHERE key = 'Own'")" "'=x"
}

@test "--spreadsheet: BOM, CRLF, every column, formula-like cells neutralised" {
	crm-add -n '=HYPERLINK("http://x.example")' -p '+86 10 1234' -F 'Calc=@SUM(A1)' >/dev/null
	crm-segment --spreadsheet >sheet.csv
	run python3 -c '
import csv
raw = open("sheet.csv", "rb").read()
assert raw.startswith(b"\xef\xbb\xbf"), raw[:10]
assert raw.count(b"\r\n") == raw.count(b"\n") == 2, raw
rows = list(csv.reader(open("sheet.csv", newline="", encoding="utf-8-sig")))
r = dict(zip(rows[0], rows[1]))
print(r["name"], r["phone"], r["Calc"], len(rows[0]))'
	status_is 0
	eq "$output" "'=HYPERLINK(\"http://x.example\") +86 10 1234 '@SUM(A1) 14"
}
