#!/usr/bin/env bats
# Test plan: crm-add --import, customers from a spreadsheet (fixtures in
# t/data; files whose point is their bytes are made in the test).
#   - header aliases: Google Contacts, Outlook, Chinese headers; first and
#     last names joined; columns that map to nothing kept as extra fields
#     under their header; --map FROM=TO to a column or a field
#   - formats: UTF-8 BOM and CRLF, quoted newlines, commas and quotes, ';'
#     detected, TSV detected (and its escapes undone when it is crm's own;
#     a spreadsheet's backslashes kept), --csv, --tsv,
#     --delimiter (tab with quotes, ';'), stdin; Chinese 姓 + 名 joined;
#     Google's ' ::: ' between labels
#   - idempotence: the same file again is "0 added, 0 updated, N unchanged";
#     duplicate rows in one file are one customer; a newer export updates
#     only the rows that changed
#   - bad input: unterminated quote, wrong field count, invalid e-mail,
#     invalid created date, NUL byte, invalid UTF-8 (suggesting --encoding),
#     no name and no e-mail, empty file (or stdin), bytes invalid in the
#     named --encoding: each 65 with "crm-add: FILE:LINE: ..." naming the
#     right line, and the database unchanged
#   - an empty column with an empty header is no reason to refuse a file
#   - a header alone: 0 added, exit 0; blank rows (",,,") skipped
#   - --rejects FILE (or -): the good rows land, the bad ones go to FILE
#     with crm_line and crm_error columns in front, in the input's
#     delimiter; a corrected rejects file imports
#   - --dry-run writes nothing and creates no database
#   - --encoding GB18030; an unknown encoding is 64; a missing file 66
#   - one audit row per import; summary counts with thousands separators
#   - a customer whose name is only its e-mail (crm-log --add-customers,
#     Thunderbird) takes a row's real name: updated, said once with a
#     count; a row named by its e-mail keeps the customer's name
#   - a Company column (not crm's own "company") makes or finds an
#     organisation (t/160 tests that): the summary counts them, and the
#     people's ids come after the organisation each first named (type =
#     'person' picks them)

load helper

# import FILE [OPTION...]: run crm-add --import, stdout and stderr apart.
import() {
	local f=$1
	shift
	run --separate-stderr crm-add --import "$@" "$f"
}

@test "Google Contacts headers: names joined, e-mail, phone, organisation; other columns kept" {
	import "$DATA/google.csv"
	status_is 0
	eq "$stderr" "2 added, 0 updated, 0 unchanged, 0 rejected, 2 organisations added"
	eq "$output" ""
	eq "$(sql "SELECT name, email, phone, company FROM customers WHERE type = 'person' ORDER BY id")" \
	    $'Ann Lee|ann.lee@northwind.example|+44 20 7946 0001|Northwind Steel, Ltd.\nBob Martin|bob@contoso.example|+1 555 0102|Contoso Energy'
	# Google's Birthday is the birthday, the field a vCard's BDAY is
	eq "$(sql 'SELECT c.name, key, value FROM customer_fields JOIN customers c ON c.id = customer_id')" 'Ann Lee|birthday|1990-04-01'
}

@test "Outlook headers: E-mail Address, Business Phone, Company; Job Title is the role" {
	import "$DATA/outlook.csv"
	status_is 0
	eq "$stderr" "1 added, 0 updated, 0 unchanged, 0 rejected, 1 organisation added"
	eq "$(sql "SELECT name, email, phone, company, role FROM customers WHERE type = 'person'")" \
	    'Carla Díaz|carla@fabrikam.example|+34 91 555 0104|Fabrikam Foods|Buyer'
	eq "$(sql 'SELECT count(*) FROM customer_fields')" 0
}

@test "Thunderbird headers: Primary Email, Work Phone, Organization; a second phone kept under its own name" {
	import "$DATA/thunderbird.csv"
	status_is 0
	eq "$stderr" "1 added, 0 updated, 0 unchanged, 0 rejected, 1 organisation added"
	eq "$(sql "SELECT name, email, phone, company FROM customers WHERE type = 'person'")" \
	    'Jane Doe|jane.doe@example.com|+1 555 0100|Acme Inc'
	# Empty cells are no fields; the trailing comma's column is empty.
	eq "$(sql 'SELECT key, value FROM customer_fields ORDER BY key')" \
	    $'Mobile Number|+1 555 0101\nWork City|Springfield'
	import "$DATA/thunderbird.csv"
	eq "$stderr" "0 added, 0 updated, 1 unchanged, 0 rejected"
}

# qa11 F9: Thunderbird splits a birthday in three columns; its Birth Day
# alone is no date, and no --date-format could make it one.
@test "Thunderbird's Birth Year, Birth Month and Birth Day are one birthday (--MM-DD with no year); parts that make no date are kept, not said" {
	H='First Name,Last Name,Primary Email,Birth Year,Birth Month,Birth Day'
	printf '%s\n' "$H" 'John,Smith,john@x.example,1980,04,23' 'Ann,Lee,ann@x.example,,12,5' \
	    'Bo,Kim,bo@x.example,1990,2,30' 'Cy,Tu,cy@x.example,,,' >tb.csv
	import tb.csv
	status_is 0
	eq "$stderr" "4 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT c.name || '|' || f.key || '=' || f.value FROM customer_fields f JOIN customers c ON c.id = f.customer_id ORDER BY c.id, f.key")" \
	    $'John Smith|birthday=1980-04-23\nAnn Lee|birthday=--12-05\nBo Kim|Birth Day=30\nBo Kim|Birth Month=2\nBo Kim|Birth Year=1990'
}

# qa16: German Thunderbird writes Geburtsjahr, Geburtsmonat, Geburtstag
# (the day: "birthday" in other files), header as its own export writes it.
@test "German Thunderbird's Geburtsjahr, Geburtsmonat and Geburtstag are one birthday, Geburtstag not read alone" {
	H='Vorname,Nachname,Anzeigename,Spitzname,Primäre E-Mail-Adresse,Sekundäre E-Mail-Adresse,Geburtsjahr,Geburtsmonat,Geburtstag,Notizen'
	printf '%s\r\n' "$H" 'Anna,Schmidt,Anna Schmidt,,anna@x.example,,1980,4,12,Kundin' \
	    'Ben,Ott,Ben Ott,,ben@x.example,,,12,5,' >tb.csv
	import tb.csv
	status_is 0
	eq "$stderr" "2 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT c.name || '|' || f.key || '=' || f.value FROM customer_fields f JOIN customers c ON c.id = f.customer_id ORDER BY c.id, f.key")" \
	    $'Anna Schmidt|birthday=1980-04-12\nAnna Schmidt|note=Kundin\nBen Ott|birthday=--12-05'
}

@test "HubSpot headers, CRLF: Record ID, Contact owner, Create Date" {
	import "$DATA/hubspot.csv"
	status_is 0
	eq "$(sql "SELECT external_id, name, email, phone, company, owner, created FROM customers WHERE type = 'person'")" \
	    '101|Wei Li|li.wei@example.cn|+86 10 1234|Beijing Steel|Alice Smith|2024-03-05T10:22:00Z'
	eq "$(sql 'SELECT key, value FROM customer_fields')" 'Lifecycle Stage|customer'
}

@test "a second column for the same thing whose header is a column's own name gets its position" {
	printf 'Email,Name,EMAIL\na@example.com,A,b@example.com\n' >two.csv
	import two.csv
	status_is 0
	eq "$(sql 'SELECT email FROM customers')" a@example.com
	# a second e-mail column is one of the customer's e-mails
	eq "$(sql 'SELECT count(*) FROM customer_fields')" 0
	eq "$(sql "SELECT customer_id, value FROM identities WHERE kind = 'email'")" '1|b@example.com'
	eq "$(crm-log b@example.com note hi >/dev/null && sql 'SELECT customer_id FROM interactions')" 1
}

@test "a second column for the same thing stands in for an empty first: the first non-empty phone wins" {
	printf 'Name,Home Phone,Mobile Phone,Business Phone\nA,,+1 555 0101,+1 555 0102\n' >ph.csv
	import ph.csv
	status_is 0
	eq "$(sql 'SELECT phone FROM customers')" '+1 555 0101'
	eq "$(sql 'SELECT key, value FROM customer_fields')" 'Business Phone|+1 555 0102'
}

@test "Chinese headers: 姓名 公司 邮箱 电话 行业 等级 负责人; 城市 kept as a field" {
	import "$DATA/chinese.csv"
	status_is 0
	eq "$stderr" "1 added, 0 updated, 0 unchanged, 0 rejected, 1 organisation added"
	eq "$(sql "SELECT name, company, email, phone, industry, tier, owner FROM customers WHERE type = 'person'")" \
	    '王小明|华北钢铁有限公司|wang.xm@huabei.example|+86 010 1234 5678|钢铁|铂金|陈'
	eq "$(sql 'SELECT key, value FROM customer_fields')" '城市|北京'
}

@test "our own column names, tags split on commas, id and updated ignored" {
	printf '%s\n' 'id,external_id,name,status,created,updated,tags' \
	    '99,C-9,Ann,lead,2025-06-01,2000-01-01T00:00:00Z,"vip, renewal"' >in.csv
	import in.csv
	status_is 0
	eq "$(sql 'SELECT id, external_id, name, status, created, updated FROM customers')" \
	    '1|C-9|Ann|lead|2025-06-01T00:00:00Z|2026-11-23T10:00:00Z'
	eq "$(sql 'SELECT tag FROM tags ORDER BY tag')" $'renewal\nvip'
	eq "$(sql 'SELECT count(*) FROM customer_fields')" 0
}

@test "a UTF-8 BOM and CRLF line ends are not part of the data" {
	printf '\357\273\277name,email,City\r\nAnn,ann@x.example,Oslo\r\nBob,bob@x.example,Rome\r\n' >bom.csv
	import bom.csv
	status_is 0
	eq "$stderr" "2 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT name || '|' || email FROM customers ORDER BY id")" \
	    $'Ann|ann@x.example\nBob|bob@x.example'
	eq "$(sql "SELECT key || '=' || value FROM customer_fields ORDER BY customer_id")" \
	    $'City=Oslo\nCity=Rome'
	local CR=$'\r'
	eq "$(sql "SELECT count(*) FROM customer_fields WHERE key LIKE '%'||'$CR'||'%' OR value LIKE '%'||'$CR'||'%'")" 0
}

@test "quoted fields keep their newlines, commas and quotes" {
	import "$DATA/quoted.csv"
	status_is 0
	eq "$stderr" "2 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql 'SELECT name FROM customers WHERE id = 1')" 'Lee, Ann'
	eq "$(sql 'SELECT company FROM customers WHERE id = 1')" 'Northwind "Steel", Ltd.'
	eq "$(sql 'SELECT company FROM customers WHERE id = 2')" $'Contoso\nEnergy'
	eq "$(sql "SELECT value FROM customer_fields WHERE customer_id = 1")" $'first line\nsecond line'
	eq "$(sql "SELECT value FROM customer_fields WHERE customer_id = 2")" 'said "hi"'
}

@test "a ';'-delimited file is detected" {
	import "$DATA/semicolon.csv"
	status_is 0
	eq "$stderr" "2 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql 'SELECT name, company, email FROM customers ORDER BY id')" \
	    $'Ann|Northwind Steel, Ltd.|ann@x.example\nBob|Contoso; Energy|bob@x.example'
	eq "$(sql "SELECT value FROM customer_fields ORDER BY customer_id")" $'London\nHouston'
}

@test "a TSV file is detected, its escapes undone and quotes kept as data" {
	import "$DATA/tabs.tsv"
	status_is 0
	eq "$stderr" "2 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql 'SELECT name, company FROM customers ORDER BY id')" \
	    $'Ann|Northwind, Ltd.\nBob|"Contoso"'
	eq "$(sql "SELECT value FROM customer_fields WHERE key = 'note'")" $'a\tb\nc\\d'
}

@test "a spreadsheet's tab-delimited text (CRLF, a backslash not crm's escape) keeps its backslashes" {
	# Excel's "Text (Tab delimited)": CRLF, nothing escaped
	printf 'Name\tEmail\tShare Path\tNotes\r\nAnn Lee\tann@lee.test\t\\\\fileserver\\new\\tables\tRegex \\d+\\t and \\n literal\r\n' >paths.tsv
	import paths.tsv
	status_is 0
	eq "$(sql "SELECT key || '=' || value FROM customer_fields ORDER BY key")" \
	    $'Share Path=\\\\fileserver\\new\\tables\nnote=Regex \\d+\\t and \\n literal'
	# LF alone, but a backslash that is no escape of crm's far down the
	# file (past what is read ahead): the whole file is a spreadsheet's,
	# its first row's \n kept too
	{ printf 'name\temail\tNotes\n'
	  printf 'Bo\tbo@x.example\tC:\\new\n'
	  for i in $(seq 3000); do printf 'P%d\tp%d@x.example\tlong enough to fill the read-ahead\n' $i $i; done
	  printf 'Cy\tcy@x.example\tC:\\data\n'; } >late.tsv
	import late.tsv -d late.db
	status_is 0
	eq "$(sqlite3 late.db "SELECT value FROM customer_fields WHERE key = 'note' AND value LIKE 'C:%' ORDER BY customer_id")" \
	    $'C:\\new\nC:\\data'
	# crm's own TSV, from a pipe, still has its escapes undone
	printf 'name\temail\tNotes\nDi\tdi@x.example\ta\\tb\\\\c\n' >own.tsv
	import <(cat own.tsv) -d own.db
	status_is 0
	eq "$(sqlite3 own.db "SELECT value FROM customer_fields")" $'a\tb\\c'
}

# qa37 #2: Excel's "Text (Tab delimited)" quotes a cell holding a line
# break or a quote, its quotes doubled (univocity-parsers#208), though the
# header has none: the quoting was decided from the header alone, so the
# cell's second line became a customer ("4 added" for 3 rows) and the
# notes kept their quotes.  Google Sheets' TSV quotes a cell with a line
# break and leaves "Big" box as it is.
@test "a spreadsheet's tab-delimited text that quotes a cell over two lines or with \"\" is read with its quotes (crm-add, crm-log)" {
	import "$DATA/real/excel-text-tab-1252.txt" --encoding CP1252
	status_is 0
	eq "$stderr" "3 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT c.name, f.value FROM customers c JOIN customer_fields f ON f.customer_id = c.id ORDER BY c.id")" \
	    $'Hans Meyer|Prefers calls\nJ\xc3\xbcrgen Wolf is his deputy\nEva Roth|Wants the "gold" plan\nKim Lo|ok'
	# UTF-8 and LF; a bad row below the two-line cell is named by its line
	printf 'Name\tEmail\tNotes\nHans Meyer\thans@m.example\t"Prefers calls\nJ\303\274rgen Wolf is his deputy"\nEva Roth\tnot-an-address\t"Wants the ""gold"" plan"\n' >x8.tsv
	import x8.tsv -d x8.db
	status_is 65
	has "$stderr" "x8.tsv:4: Email:"
	# Google Sheets': "Big" box and 27" are their cells' text
	crm-add -n Hans -e hans@mueller.example >/dev/null
	printf 'Date\tEmail\tProduct\tAmount\tNotes\n2025-01-02\thans@mueller.example\tMonitor 27"\t300.00\t"first line\nsecond line"\n2025-01-03\thans@mueller.example\t"Big" box\t20.00\tok\n' >gs.tsv
	run --separate-stderr crm-log --import --kind purchase gs.tsv
	status_is 0
	eq "$stderr" "2 logged, 0 already there, 0 rejected"
	eq "$(sql "SELECT product, amount, summary FROM interactions ORDER BY id")" \
	    $'Monitor 27"|30000|first line\nsecond line\n"Big" box|2000|ok'
	# a quote that opens a cell and closes on a line below with text
	# after it is no quoting: every line is its own, as before
	printf 'name\temail\tnote\nAnn\tann@q.example\t"a 5\nBo\tbo@q.example\tsays "hi" twice\n' >plain.tsv
	import plain.tsv -d plain.db
	status_is 0
	eq "$(sqlite3 plain.db "SELECT name || '=' || value FROM customers c JOIN customer_fields f ON f.customer_id = c.id ORDER BY c.id")" \
	    $'Ann="a 5\nBo=says "hi" twice'
	# crm's own TSV (its escapes) with a cell of "" stays crm's own
	printf 'name\temail\tnote\nCy\tcy@q.example\t"x ""y"""\nDi\tdi@q.example\ta\\tb\n' >own.tsv
	import own.tsv -d own.db
	status_is 0
	eq "$(sqlite3 own.db "SELECT value FROM customer_fields ORDER BY customer_id")" $'"x ""y"""\na\tb'
}

@test "crm's own TSV with CRLF line ends, or one cell edited by hand, still has its escapes undone; --tsv-escapes says which (QA qa14 F1)" {
	# crm-segment -o tsv through unix2dos: CRLF keeps the escapes
	printf 'name\temail\tPath\tMulti\r\nBack\\\\slash\ta@x.test\tC:\\\\temp\\\\new\tline1\\nline2\r\n' >crlf.tsv
	import crlf.tsv
	status_is 0
	eq "$stderr" "1 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql 'SELECT name FROM customers')" 'Back\slash'
	eq "$(sql "SELECT key || '=' || value FROM customer_fields ORDER BY key")" \
	    $'Multi=line1\nline2\nPath=C:\\temp\\new'
	# one cell edited to a Windows path: that cell is kept as written,
	# the others' escapes undone, and stderr says so
	printf 'name\temail\tnote\nAnn\ta@x.test\tline1\\nline2\nBob\tb@x.test\tsee C:\\Users\\bob\nCy\tc@x.test\ta\\tb\n' >edited.tsv
	import edited.tsv -d ed.db
	status_is 0
	eq "$stderr" "crm-add: edited.tsv: read as crm's own TSV: \\t \\n \\r \\\\ undone in 2 cells, 1 cells with other backslashes kept as written; to keep every backslash, say --tsv-escapes=no
3 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sqlite3 ed.db "SELECT value FROM customer_fields ORDER BY customer_id")" \
	    $'line1\nline2\nsee C:\\Users\\bob\na\tb'
	# --tsv-escapes=no keeps every backslash, =yes undoes them all
	import edited.tsv -d no.db --tsv-escapes=no
	status_is 0
	eq "$(sqlite3 no.db "SELECT value FROM customer_fields ORDER BY customer_id")" \
	    $'line1\\nline2\nsee C:\\Users\\bob\na\\tb'
	printf 'name\tnote\nAnn\tC:\\new\nBob\tC:\\data\n' >tie.tsv
	import tie.tsv -d tie.db
	status_is 0
	eq "$stderr" "crm-add: tie.tsv: backslashes kept as written (1 cells hold other backslashes than \\t \\n \\r \\\\, 1 only those): to undo them as crm's own TSV escapes, say --tsv-escapes=yes
2 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sqlite3 tie.db "SELECT value FROM customer_fields ORDER BY customer_id")" $'C:\\new\nC:\\data'
	import tie.tsv -d yes.db --tsv-escapes=yes
	status_is 0
	eq "$(sqlite3 yes.db "SELECT value FROM customer_fields ORDER BY customer_id")" $'C:\new\nC:\\data'
	import tie.tsv -d bad.db --tsv-escapes=maybe
	status_is 64
}

@test "--tsv forces TSV on a header that looks like CSV" {
	printf 'name\tCity,Country\nAnn\tOslo,Norway\n' >odd.txt
	import odd.txt --tsv
	status_is 0
	eq "$(sql 'SELECT name FROM customers')" Ann
	eq "$(sql "SELECT key || '=' || value FROM customer_fields")" 'City,Country=Oslo,Norway'
}

@test "--csv forces CSV, quotes and all, on a file that looks like TSV" {
	printf 'name\temail\n"Lee\nAnn"\tann@x.example\n' >odd.txt
	import odd.txt --csv
	status_is 0
	eq "$(sql 'SELECT name, email FROM customers')" $'Lee\nAnn|ann@x.example'
}

@test "--map FROM=TO maps a header to a column or names its field" {
	import "$DATA/map.csv" --map Mail=email --map Who=name --map 'Rep=owner' --map 'Remarks=Note'
	status_is 0
	eq "$stderr" "1 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql 'SELECT name, email, owner FROM customers')" 'Ann|ann@x.example|alice'
	eq "$(sql 'SELECT key, value FROM customer_fields')" 'Note|met at the fair'
}

@test "--map without '=' is a usage error" {
	run --separate-stderr crm-add --import --map Mail "$DATA/map.csv"
	fails_usage 64 "crm-add: --map takes FROM=TO"
	no_db
}

@test "the file on stdin, as - or no file at all" {
	run --separate-stderr crm-add --import - <"$DATA/outlook.csv"
	status_is 0
	eq "$stderr" "1 added, 0 updated, 0 unchanged, 0 rejected, 1 organisation added"
	run --separate-stderr crm-add --import <"$DATA/google.csv"
	status_is 0
	eq "$stderr" "2 added, 0 updated, 0 unchanged, 0 rejected, 2 organisations added"
	eq "$(sql "SELECT type, count(*) FROM customers GROUP BY 1 ORDER BY 1")" $'org|3\nperson|3'
}

@test "importing the same file again changes nothing: 0 added, 0 updated, N unchanged" {
	import "$DATA/v1.csv"
	status_is 0
	eq "$stderr" "3 added, 0 updated, 0 unchanged, 0 rejected, 3 organisations added"
	local before; before=$(sql 'SELECT * FROM customers; SELECT * FROM customer_fields; SELECT * FROM tags')
	CRM_NOW=2026-12-01T00:00:00Z
	import "$DATA/v1.csv"
	status_is 0
	eq "$stderr" "0 added, 0 updated, 3 unchanged, 0 rejected"
	eq "$(sql 'SELECT * FROM customers; SELECT * FROM customer_fields; SELECT * FROM tags')" "$before"
}

@test "duplicate rows in one file are one customer, and every row is counted" {
	import "$DATA/dupes.csv"
	status_is 0
	eq "$stderr" "2 added, 0 updated, 2 unchanged, 0 rejected"
	eq "$(sql 'SELECT id, external_id, name, email, tier FROM customers ORDER BY id')" \
	    $'1|C-1|Ann Lee|ann@x.example|gold\n2|C-2|Bob Martin|bob@x.example|silver'
	import "$DATA/dupes.csv"
	eq "$stderr" "0 added, 0 updated, 4 unchanged, 0 rejected"
	# rows that disagree (one person's two cards): the number the second
	# replaces is kept as another, and the next import changes nothing
	printf '%s\n' 'external_id,name,phone' 'C-1,Ann Lee,111' 'C-1,Ann Lee,222' >two.csv
	import two.csv
	eq "$stderr" "crm-add: two.csv: 1 phone replaced by the file's: the old number kept in 'other phones'
0 added, 2 updated, 0 unchanged, 0 rejected"
	import two.csv
	eq "$stderr" "0 added, 0 updated, 2 unchanged, 0 rejected"
	eq "$(sql "SELECT phone FROM customers WHERE external_id = 'C-1'")" 222
	eq "$(sql "SELECT value FROM customer_fields WHERE key = 'other phones'")" 111
}

# qa25 F9: the phone a row replaced went into other phones though the
# row's Mobile column, kept as its field, is that number.
@test "a phone replaced by a row whose second phone column holds it is not kept again in other phones (qa25)" {
	printf '%s\n' 'Name,Email,Phone' 'Ann Lee,ann@l.example,+44 7700 900888' >a.csv
	printf '%s\n' 'Name,Email,Phone,Mobile' \
	    'Ann Lee,ann@l.example,+44 7700 900111,07700 900888' >b.csv
	import a.csv
	import b.csv
	status_is 0
	eq "$stderr" "0 added, 1 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT phone FROM customers")" '+44 7700 900111'
	eq "$(sql "SELECT key || '=' || value FROM customer_fields ORDER BY key")" 'Mobile=07700 900888'
	import b.csv
	eq "$stderr" "0 added, 0 updated, 1 unchanged, 0 rejected"
	# a number the column does not hold is kept there as before
	printf '%s\n' 'Name,Email,Phone,Mobile' \
	    'Ann Lee,ann@l.example,+44 7700 900222,07700 900888' >c.csv
	import c.csv
	has "$stderr" "1 phone replaced by the file's: the old number kept in 'other phones'"
	eq "$(sql "SELECT value FROM customer_fields WHERE key = 'other phones'")" '+44 7700 900111'
}

@test "a newer export updates only the rows that changed" {
	import "$DATA/v1.csv"
	CRM_NOW=2026-12-01T00:00:00Z
	import "$DATA/v2.csv"
	status_is 0
	eq "$stderr" "1 added, 1 updated, 2 unchanged, 0 rejected, 1 organisation added"
	eq "$(sql "SELECT external_id, tier, updated FROM customers WHERE type = 'person' ORDER BY id")" \
	    $'C-1|gold|2026-11-23T10:00:00Z\nC-2|platinum|2026-12-01T00:00:00Z\nC-3|general|2026-11-23T10:00:00Z\nC-4|general|2026-12-01T00:00:00Z'
	# Bob is 4, after Northwind (1), Ann (2) and Contoso (3).
	eq "$(sql "SELECT customer_id, detail FROM audit WHERE action = 'update'")" \
	    '4|{"tier":["silver","platinum"]}'
}

@test "an empty cell in a newer export does not clear a stored value" {
	import "$DATA/v1.csv"
	printf '%s\n' 'Customer No,Full Name,Company,E-mail Address,Tier,Owner,City' \
	    'C-1,Ann Lee,,ann@x.example,,alice,' >v3.csv
	import v3.csv
	status_is 0
	eq "$stderr" "0 added, 0 updated, 1 unchanged, 0 rejected"
	eq "$(sql "SELECT company, tier FROM customers WHERE external_id = 'C-1'")" 'Northwind|gold'
	eq "$(sql "SELECT value FROM customer_fields WHERE customer_id = 2")" London
}

@test "a row matching by e-mail a customer with another external_id adds that id to the customer" {
	import "$DATA/v1.csv"
	printf '%s\n' 'external_id,name,email' 'C-99,Ann Lee,  ANN@x.example' >second.csv
	import second.csv
	status_is 0
	eq "$stderr" "0 added, 1 updated, 0 unchanged, 0 rejected"
	# Ann is 2, after the organisation Northwind.
	eq "$(sql 'SELECT external_id FROM customers WHERE id = 2')" C-1
	eq "$(sql "SELECT customer_id, value, source FROM identities")" '2|C-99|'
	# found by either id from now on, and the next import changes nothing
	eq "$(crm-log C-99 note hi >/dev/null && crm-log C-1 note ho >/dev/null && sql 'SELECT DISTINCT customer_id FROM interactions')" 2
	import second.csv
	eq "$stderr" "0 added, 0 updated, 1 unchanged, 0 rejected"
	import "$DATA/v1.csv"
	eq "$(ncustomers)" 6
}

@test "a row whose id and e-mail name two different customers is refused naming both" {
	import "$DATA/v1.csv"
	local before; before=$(dump)
	printf '%s\n' 'external_id,name,email' 'C-1,Ann Lee,bob@x.example' >clash.csv
	import clash.csv
	fails 65 "crm-add: clash.csv:2: external_id: names two customers: 2 (by external_id 'C-1') and 4: if this column is not each person's own id, drop it with --map 'external_id=-'; if they are one person, crm-add --merge 2 4"
	eq "$(dump)" "$before"
}

@test "a row whose e-mail is a customer's with another id and another name is refused: a shared address is no merge" {
	printf '%s\n' 'Customer ID,Name,Email,Phone' 'C-1,Ann Lee,shared@x.example,111' \
	    'C-2,Bob Lee,shared@x.example,222' 'C-4,Dee,dee@x.example,' >dup2.csv
	import dup2.csv
	fails 65 "crm-add: dup2.csv:3: Email: 'shared@x.example' is line 2's (C-1, 'Ann Lee'), another person with another id: one e-mail is one customer; if it is the same person, give the row the customer's name, else leave the e-mail out of the row"
	no_db
	# with --rejects every row is counted, and Ann keeps her name and phone
	import dup2.csv --rejects rej.csv
	status_is 0
	eq "$stderr" "2 added, 0 updated, 0 unchanged, 1 rejected"
	eq "$(sql 'SELECT external_id, name, phone FROM customers ORDER BY id')" \
	    $'C-1|Ann Lee|111\nC-4|Dee|'
	eq "$(sql 'SELECT count(*) FROM identities')" 0
	import dup2.csv --rejects rej.csv
	eq "$stderr" "0 added, 0 updated, 2 unchanged, 1 rejected"
	# a second webshop's account under the same name is the same person's
	printf '%s\n' 'Customer ID,Name,Email' 'S-7,ann lee,Shared@x.example' >shop.csv
	import shop.csv --source shop
	status_is 0
	printf '%s\n' 'Customer ID,Name,Email' 'S-8,Cy Lee,shared@x.example' >shop2.csv
	import shop2.csv --source shop
	fails 65 "crm-add: shop2.csv:2: Email: 'shared@x.example' is customer 1's (S-7, 'Ann Lee'), another person with another id: one e-mail is one customer; if it is the same person, give the row the customer's name, else leave the e-mail out of the row"
	eq "$(sql "SELECT source || ':' || value FROM identities")" shop:S-7
}

@test "one audit row for the import, with the file and the counts; one for each organisation it made" {
	import "$DATA/v1.csv"
	eq "$(sql "SELECT actor, action, quote(customer_id), detail FROM audit")" \
	    "tester|add|1|{\"org\":\"Northwind\"}
tester|add|3|{\"org\":\"Contoso\"}
tester|add|5|{\"org\":\"Fabrikam\"}
tester|import|NULL|{\"file\":\"$DATA/v1.csv\",\"added\":3,\"updated\":0,\"unchanged\":0,\"rejected\":0,\"organisations\":3,\"added_ids\":[2,6]}"
}

# bad_import FILE LINE MESSAGE: importing FILE into a database holding one
# customer fails with 65 and "crm-add: FILE:LINE: MESSAGE", changing nothing.
bad_import() {
	crm-add -n Seed -e seed@x.example >/dev/null
	local before; before=$(dump)
	import "$1"
	fails 65 "crm-add: $1:$2: $3"
	eq "$(dump)" "$before"
}

@test "an unterminated quote: 65, the line it starts on, nothing imported" {
	bad_import "$DATA/bad-quote.csv" 3 "unterminated quoted field starts here"
}

@test "a row with too many fields: 65, its line (after a two-line row), nothing imported" {
	bad_import "$DATA/bad-count.csv" 5 "row has 3 fields, the header has 2"
}

@test "a row whose trailing empty cells are left out is read with them empty" {
	printf 'name,email,phone\nAnn,ann@x.example,1\nBob,bob@x.example\n' >short.csv
	import short.csv
	status_is 0
	eq "$(sql "SELECT name, email, coalesce(phone, '-') FROM customers ORDER BY id")" \
	    $'Ann|ann@x.example|1\nBob|bob@x.example|-'
}

@test "an invalid e-mail: 65, the line and the column" {
	bad_import "$DATA/bad-email.csv" 3 "email: not a valid e-mail address"
}

@test "an invalid date in a created column: 65, the line and the column" {
	bad_import "$DATA/bad-date.csv" 3 "created: not a date (ISO 8601: 2026-11-23 or 2026-11-23T09:30:00Z; an import reads other forms with --date-format)"
}

@test "a NUL byte: 65, the line and the column" {
	printf 'name,email\nAnn,ann@x.example\nBob,bob@x.example\nCar\000la,carla@x.example\n' >nul.csv
	bad_import nul.csv 4 "name: contains a NUL byte"
}

# UTF-16 with no byte order mark (a database's or Windows tool's export):
# its NULs at every other byte name it, odd bytes little-endian, even big.
@test "UTF-16LE or BE without a byte order mark: 65, naming --encoding UTF-16LE or BE; crm-log and crm-deal too" {
	printf 'Name,Email\nAnn,ann@x.example\n' | iconv -t UTF-16LE >le.csv
	printf 'Name,Email\nAnn,ann@x.example\n' | iconv -t UTF-16BE >be.csv
	bad_import le.csv 1 "header: contains NUL bytes, at every other byte: the file looks like UTF-16LE without a byte order mark: say --encoding UTF-16LE"
	import be.csv
	fails 65 "crm-add: be.csv:1: header: contains NUL bytes, at every other byte: the file looks like UTF-16BE without a byte order mark: say --encoding UTF-16BE"
	printf 'Date,Email,Amount,Title\n2026-01-05,ann@x.example,10.00,T\n' | iconv -t UTF-16LE >s.csv
	run --separate-stderr crm-log --import --kind purchase s.csv
	fails 65 "crm-log: s.csv:1: header: contains NUL bytes, at every other byte: the file looks like UTF-16LE without a byte order mark: say --encoding UTF-16LE"
	run --separate-stderr crm-deal --import s.csv
	fails 65 "crm-deal: s.csv:1: header: contains NUL bytes, at every other byte: the file looks like UTF-16LE without a byte order mark: say --encoding UTF-16LE"
	# the option named reads it
	run --separate-stderr crm-add --import --encoding UTF-16BE be.csv
	status_is 0
	eq "$(sql "SELECT name, email FROM customers ORDER BY id")" $'Seed|seed@x.example\nAnn|ann@x.example'
}

@test "invalid UTF-8: 65, the line and the column, suggesting --encoding" {
	printf 'name,email\nAnn,ann@x.example\nBob,b\351b@x.example\n' >latin1.csv
	bad_import latin1.csv 3 "email: invalid UTF-8; the file looks like CP1252 (Windows-1252, from a Western Excel): say --encoding CP1252"
}

# QA qa7 #6: Excel for Mac's "CSV (Macintosh)" is Mac Roman (é 8E, ñ 96,
# á 87), with CR-only line ends; named CP1252 it was stored "JosŽ Mu–oz".
@test "invalid UTF-8 that looks like Mac Roman: the hint names MACINTOSH, which reads it right" {
	printf 'name,email,city\nJos\216 Mu\226oz,jose@x.example,M\207laga\n' >mac.csv
	bad_import mac.csv 2 "name: invalid UTF-8; the file looks like MACINTOSH (Mac Roman, from Excel for Mac): say --encoding MACINTOSH"
	printf 'name,email\rAnn,ann@x.example\rB\341rbara,b@x.example\r' >cr.csv
	import cr.csv
	status_is 65
	has "$stderr" "the file looks like MACINTOSH (Mac Roman, from Excel for Mac): say --encoding MACINTOSH"
	import mac.csv --encoding MACINTOSH
	status_is 0
	eq "$(sql "SELECT c.name, f.value FROM customers c JOIN customer_fields f ON f.customer_id = c.id WHERE c.email = 'jose@x.example'")" 'José Muñoz|Málaga'
	# Windows-1252's letters (é E9) and its apostrophe (92) between letters
	printf 'name,email\nJos\351 don\222t,jd@x.example\n' >win.csv
	import win.csv
	has "$stderr" "the file looks like CP1252 (Windows-1252, from a Western Excel): say --encoding CP1252"
}

# qa37 #10: a no-break space (0xCA) beside an accented letter ("Zoë
# Lefèvre": 0x91 0xCA) makes a run of two high bytes, and the Mac's letters
# were never weighed: the hint named CP1252, which stored "Hans MŸller".
# Lines ended by CR alone are a Mac's: they name MACINTOSH first.
@test "Mac Roman with a no-break space beside a letter and CR-only lines: the hint names MACINTOSH (crm-add, crm-log)" {
	printf 'Name,Email\rZo\221\312Lefebvre,zoe@x.example\rHans M\237ller,hans@x.example\r' >mac3.csv
	bad_import mac3.csv 2 "Name: invalid UTF-8; the file looks like MACINTOSH (Mac Roman, from Excel for Mac): say --encoding MACINTOSH"
	import mac3.csv --encoding MACINTOSH
	status_is 0
	eq "$(sql "SELECT name FROM customers WHERE name <> 'Seed' ORDER BY id")" $'Zo\xc3\xab Lefebvre\nHans M\xc3\xbcller'
	printf 'Date,Email,Amount,Note\r2026-01-05,hans@x.example,10.00,M\237ller\312\221\r' >s.csv
	run --separate-stderr crm-log --import --kind purchase s.csv
	fails 65 "crm-log: s.csv:2: Note: invalid UTF-8; the file looks like MACINTOSH (Mac Roman, from Excel for Mac): say --encoding MACINTOSH"
	# Windows-1252's pair (ë, no-break space) with CR LF: never Mac Roman
	printf 'Name,Email\r\nZo\353\240Lef\350vre,zoe2@x.example\r\n' >win.csv
	import win.csv
	status_is 65
	[[ $stderr != *MACINTOSH* ]]
}

# qa37 #13e: a CP1252 sheet's title, skipped before the header, was
# printed as its raw bytes, and crm-log stopped at its header ("no amount
# column") never saying the file is not UTF-8.  The title is shown
# escaped, with the encoding to name; a no-break space beside the euro
# sign (A0 80) is Windows-1252's, not a reason for the generic hint.
@test "a title that is not UTF-8, before the header: shown escaped, with the --encoding to name (crm-add, crm-log)" {
	printf 'Ums\344tze 2025;;;\r\n;;;\r\nDatum;E-Mail;Artikel;Betrag\r\n02.01.2025;hans@x.example;Widget;1.234,50\240\200\r\n' >de.csv
	import de.csv
	status_is 65
	eq "${stderr_lines[0]}" "crm-add: de.csv:1-2: before the header, skipped: 'Ums\xe4tze 2025'; invalid UTF-8; the file looks like CP1252 (Windows-1252, from a Western Excel): say --encoding CP1252"
	run --separate-stderr crm-log --import --kind purchase de.csv
	status_is 65
	eq "${stderr_lines[0]}" "crm-log: de.csv:1-2: before the header, skipped: 'Ums\xe4tze 2025'; invalid UTF-8; the file looks like CP1252 (Windows-1252, from a Western Excel): say --encoding CP1252"
	# named, the title is read as it is
	run --separate-stderr crm-log --import --kind purchase --encoding CP1252 de.csv
	eq "${stderr_lines[0]}" "crm-log: de.csv:1-2: before the header, skipped: 'Umsätze 2025'"
}

# A file two tools appended to: line 2 in UTF-8 (José), line 3 in CP1252
# (Jos\351).  Read as CP1252, José would become JosÃ©: refused at line 2,
# nothing stored.  A CP1252 line whose bytes only look like UTF-8 to no
# Western letter (ß then “, DF 93) is read as CP1252.
@test "--encoding CP1252 on a line already UTF-8: 65 at that line, never mojibake" {
	crm-add -n Seed -e seed@x.example >/dev/null
	before=$(dump)
	printf 'name,email\nJos\303\251,jose@x.example\nJos\351 B,joseb@x.example\n' >mixed.csv
	import mixed.csv --encoding CP1252
	fails 65 "crm-add: mixed.csv:2: 'é' is UTF-8 already, not CP1252: the file mixes encodings; convert the lines that are CP1252 to UTF-8 (iconv -f CP1252) and import it without --encoding"
	eq "$(dump)" "$before"
	printf 'name,email\nGr\374\337\223 x,g@x.example\n' >cp.csv
	import cp.csv --encoding CP1252
	status_is 0
	eq "$(sql "SELECT name FROM customers WHERE email = 'g@x.example'")" 'Grüß“ x'
}

@test "a --rejects file of a --encoding CP1252 import is UTF-8: again with --encoding CP1252 it is said to be valid UTF-8, not a file that mixes encodings" {
	printf 'name,email\nJos\351,jose@x.example\nBad\351,not-an-email\n' >w.csv
	import w.csv --encoding CP1252 --rejects rej.csv
	status_is 0
	eq "$stderr" "1 added, 0 updated, 0 unchanged, 1 rejected"
	eq "$(sed -n 2p rej.csv)" '3,email: not a valid e-mail address,Badé,not-an-email'
	before=$(dump)
	import rej.csv --encoding CP1252 --rejects rej2.csv
	fails 65 "crm-add: rej.csv:2: 'é' is UTF-8 already, not CP1252, and the file is valid UTF-8 throughout (crm writes a --rejects file in UTF-8, whatever the input's encoding): import it without --encoding"
	eq "$(dump)" "$before"
	# past the first read (64 KB) only so much is known
	{ printf 'name,email\nJos\303\251,j@x.example\n'
	  seq 1 5000 | sed 's/.*/P&,p&@x.example/'
	  printf 'Z\351,z@x.example\n'; } >big.csv
	import big.csv --encoding CP1252
	status_is 65
	eq "${stderr%% up to line *}" "crm-add: big.csv:2: 'é' is UTF-8 already, not CP1252, and the file is valid UTF-8"
	has "$stderr" ", as far as read (crm writes a --rejects file in UTF-8, whatever the input's encoding): if the rest is too, import it without --encoding"
}

@test "invalid UTF-8 in the header: 65, line 1" {
	printf 'name,\351mail\nAnn,ann@x.example\n' >latin1.csv
	bad_import latin1.csv 1 "header: invalid UTF-8; the file looks like CP1252 (Windows-1252, from a Western Excel): say --encoding CP1252"
}

@test "a row with no name and no e-mail: 65 and its line (blank lines counted)" {
	bad_import "$DATA/bad-noname.csv" 4 "no name and no e-mail"
}

@test "an empty file: 65, a header is needed" {
	bad_import "$DATA/empty.csv" 1 "empty file"
}

@test "bad rows in a TSV file: the line is right too" {
	printf 'name\temail\nAnn\tann@x.example\n\nBob\tbob at x\n' >bad.tsv
	bad_import bad.tsv 4 "email: not a valid e-mail address"
}

@test "a header alone: 0 added, exit 0" {
	import "$DATA/header-only.csv"
	status_is 0
	eq "$output" ""
	eq "$stderr" "0 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(ncustomers)" 0
}

@test "blank rows (,,,) are skipped" {
	import "$DATA/blank-rows.csv"
	status_is 0
	eq "$stderr" "2 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql 'SELECT name, phone FROM customers ORDER BY id')" $'Ann|1\nBob|2'
}

@test "an orders file with no buyer's column (Odoo's sale orders) is said to be one, pointing to crm-log --import" {
	import "$DATA/orders-odoo.csv"
	status_is 0
	eq "$stderr" "crm-add: $DATA/orders-odoo.csv: looks like a file of orders or payments, and no column names their buyers: crm-log --import logs them
0 added, 0 updated, 0 unchanged, 0 rejected
5 rows skipped: orders or payments with no buyer in them (crm-log --import logs them)"
	eq "$(ncustomers)" 0
}

@test "a spreadsheet's totals line (Total, Summe:, 合计 and nothing else) is skipped and said, not a customer" {
	printf '%s\n' 'Name,Email,Company' 'Cy,cy@x.example,Acme' ',,' 'Total,,' \
	    'Summe:,,' '合计,,' 'Totality,,' >tot.csv
	import tot.csv
	status_is 0
	eq "$stderr" "crm-add: tot.csv:4: 'Total' and no other cell: a totals line, skipped
crm-add: tot.csv:5: 'Summe:' and no other cell: a totals line, skipped
crm-add: tot.csv:6: '合计' and no other cell: a totals line, skipped
2 added, 0 updated, 0 unchanged, 0 rejected, 1 organisation added
3 rows skipped: no customer in them (an order's fee or transfer, a report's footer or totals line)"
	eq "$(sql "SELECT name FROM customers WHERE type = 'person' ORDER BY id")" $'Cy\nTotality'
}

@test "a totals line that carries its sums (Total,,10.00; Summe;;1.333,56 under a Kundennummer) is skipped and said" {
	printf 'Name,Email,Total Spent\nAnn Lee,ann@x.example,10.00\nTotal,,10.00\n' >t1.csv
	import t1.csv
	status_is 0
	eq "$stderr" "crm-add: t1.csv:3: 'Total' and amounts only: a totals line, skipped
1 added, 0 updated, 0 unchanged, 0 rejected
1 row skipped: no customer in it (an order's fee or transfer, a report's footer or totals line)"
	printf '%s\n' 'Kundennummer;Name;E-Mail;Umsatz' 'K1;Bea;bea@x.example;1.333,56' \
	    'Summe;;;1.333,56' 'Gesamt;;1.234,56' ';Total (2);;$1,333.56' >t2.csv
	import t2.csv
	status_is 0
	eq "$stderr" "crm-add: t2.csv:3: 'Summe' and amounts only: a totals line, skipped
crm-add: t2.csv:4: 'Gesamt' and amounts only: a totals line, skipped
crm-add: t2.csv:5: 'Total (2)' and amounts only: a totals line, skipped
1 added, 0 updated, 0 unchanged, 0 rejected
3 rows skipped: no customer in them (an order's fee or transfer, a report's footer or totals line)"
	eq "$(sql 'SELECT name FROM customers ORDER BY id')" $'Ann Lee\nBea'
	# a total word beside text that is no amount is a customer's row
	printf 'Name,Email,City\nTotal,,Oslo\n' >t3.csv
	import t3.csv
	eq "$(sql "SELECT count(*) FROM customers WHERE name = 'Total'")" 1
}

# qa18 #10: Salesforce's grand totals on two lines; the second was
# refused as an organisation with no name.
@test "grand totals on two lines (Salesforce: the word, then the sums under their columns) are one totals line, skipped and said" {
	import "$DATA/salesforce-opps-totals.csv" --date-format %m/%d/%Y
	status_is 0
	eq "$stderr" "crm-add: $DATA/salesforce-opps-totals.csv: an organisation export: each row is an organisation
crm-add: $DATA/salesforce-opps-totals.csv:7: 'Grand Totals (3 records)' and amounts only: a totals line, skipped
3 added, 0 updated, 0 unchanged, 0 rejected
6 rows skipped: no customer in them (an order's fee or transfer, a report's footer or totals line)"
	eq "$(sql "SELECT count(*) FROM customers WHERE type = 'org'")" 3
}

# qa10 Q5: a phone in digits is no total's amount; an amount column's is.
@test "a customer named Peak Total or Subtotal Corp whose phone is in digits is a customer, not a subtotal line" {
	printf '%s\n' 'Name,Phone,Orders' 'Peak Total,5550100,' 'Subtotal Corp,441234567890,2' \
	    'Acme Total,,3' >pk.csv
	import pk.csv
	status_is 0
	eq "$stderr" "crm-add: pk.csv:4: 'Acme Total' and amounts only: a subtotal line, skipped (a customer's? an e-mail, phone or id in its row keeps it)
2 added, 0 updated, 0 unchanged, 0 rejected
1 row skipped: no customer in it (an order's fee or transfer, a report's footer or totals line)"
	eq "$(sql 'SELECT name, phone FROM customers ORDER BY id')" $'Peak Total|5550100\nSubtotal Corp|441234567890'
}

# A subtotal's label may be a customer's name: the note says what keeps
# the row (once a file), and it does.
@test "a subtotal line's note names what keeps the row, once: an e-mail, phone or id in it" {
	printf '%s\n' 'Name,Email,Phone,Customer ID,Orders' 'Acme Total,,,,3' \
	    'Eps Total,,,,4' 'Grand Total,,,,7' >a.csv
	import a.csv
	status_is 0
	eq "$stderr" "crm-add: a.csv:2: 'Acme Total' and amounts only: a subtotal line, skipped (a customer's? an e-mail, phone or id in its row keeps it)
crm-add: a.csv:3: 'Eps Total' and amounts only: a subtotal line, skipped
crm-add: a.csv:4: 'Grand Total' and amounts only: a totals line, skipped
0 added, 0 updated, 0 unchanged, 0 rejected
3 rows skipped: no customer in them (an order's fee or transfer, a report's footer or totals line)"
	printf '%s\n' 'Name,Email,Phone,Customer ID,Orders' \
	    'Acme Total,acme@x.example,,,3' 'Beta Total,,5550100,,3' \
	    'Eps Total,,,1001,4' >b.csv
	import b.csv
	status_is 0
	eq "$stderr" "3 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql 'SELECT name, email, phone, external_id FROM customers ORDER BY id')" \
	    $'Acme Total|acme@x.example||\nBeta Total||5550100|\nEps Total|||1001'
}

# QA qa9 Q9: Excel's Data > Subtotal writes "<group> Total" under each
# group; other sheets "Subtotal", "Zwischensumme", 小计.
@test "a subtotal line (Acme Total, Acme Count, Subtotal January, Sub-total, Zwischensumme, Sous-total, 小计, Total 2024) is skipped and said; Total Fitness Ltd stays a customer" {
	printf '%s\n' 'Company,Name,Email,Orders' 'Acme,Ann Lee,ann@acme.example,2' \
	    'Acme,Bob Ray,bob@acme.example,1' 'Acme Total,,,3' \
	    'Globex,Cy Doe,cy@globex.example,4' 'Globex Count,,,1' 'Grand Total,,,7' >grp.csv
	import grp.csv
	status_is 0
	eq "$stderr" "crm-add: grp.csv:4: 'Acme Total' and amounts only: a subtotal line, skipped (a customer's? an e-mail, phone or id in its row keeps it)
crm-add: grp.csv:6: 'Globex Count' and amounts only: a subtotal line, skipped
crm-add: grp.csv:7: 'Grand Total' and amounts only: a totals line, skipped
3 added, 0 updated, 0 unchanged, 0 rejected, 2 organisations added
3 rows skipped: no customer in them (an order's fee or transfer, a report's footer or totals line)"
	eq "$(sql "SELECT name FROM customers ORDER BY id")" $'Acme\nAnn Lee\nBob Ray\nGlobex\nCy Doe'
	printf '%s\n' 'Name,Email,Revenue 2024' 'Ann,ann@example.com,"1,250.00"' \
	    'Subtotal January,,"1,250.00"' 'Sub-total,,"1,250.00"' \
	    'Zwischensumme,,"1.250,00"' 'Sous-total :,,"1 250,00"' '小计,,1250' \
	    'Total 2024,,"1,250.00"' 'Total Fitness Ltd,,"1,250.00"' \
	    'Acme Total,,Oslo' >sub.csv
	import sub.csv
	status_is 0
	eq "$stderr" "crm-add: sub.csv:3: 'Subtotal January' and amounts only: a subtotal line, skipped (a customer's? an e-mail, phone or id in its row keeps it)
crm-add: sub.csv:4: 'Sub-total' and amounts only: a subtotal line, skipped
crm-add: sub.csv:5: 'Zwischensumme' and amounts only: a subtotal line, skipped
crm-add: sub.csv:6: 'Sous-total :' and amounts only: a subtotal line, skipped
crm-add: sub.csv:7: '小计' and amounts only: a subtotal line, skipped
crm-add: sub.csv:8: 'Total 2024' and amounts only: a subtotal line, skipped
3 added, 0 updated, 0 unchanged, 0 rejected
6 rows skipped: no customer in them (an order's fee or transfer, a report's footer or totals line)"
	# a name that begins with Total, and a row with text that is no amount
	eq "$(sql "SELECT name FROM customers WHERE id > 5 ORDER BY id")" $'Ann\nTotal Fitness Ltd\nAcme Total'
}

@test "--rejects FILE: good rows land, bad rows go to FILE with crm_line and crm_error" {
	import "$DATA/mixed.csv" --rejects rejects.csv
	status_is 0
	eq "$output" ""
	eq "$stderr" "3 added, 0 updated, 0 unchanged, 3 rejected"
	eq "$(sql 'SELECT name FROM customers ORDER BY id')" $'Ann\nCarla\nErin'
	eq "$(cat rejects.csv)" 'crm_line,crm_error,name,email,phone
3,email: not a valid e-mail address,Bob,not-an-address,2
5,"row has 4 fields, the header has 3",Dan,dan@x.example,4,extra
6,no name and no e-mail,,,5'
	eq "$(sql "SELECT detail FROM audit WHERE action = 'import'")" \
	    "{\"file\":\"$DATA/mixed.csv\",\"added\":3,\"updated\":0,\"unchanged\":0,\"rejected\":3,\"added_ids\":[1,3]}"
}

@test "a corrected rejects file imports, its crm_line and crm_error ignored" {
	import "$DATA/mixed.csv" --rejects rejects.csv
	sed -e 's/not-an-address/bob@x.example/' -e 's/,,,5$/,Fay,,5/' \
	    -e '/^5,/d' rejects.csv >fixed.csv
	import fixed.csv
	status_is 0
	eq "$stderr" "2 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql 'SELECT name FROM customers ORDER BY id')" $'Ann\nCarla\nErin\nBob\nFay'
	eq "$(sql 'SELECT count(*) FROM customer_fields')" 0
}

@test "--rejects with a ';' file writes the rejects with ';'" {
	printf 'name;email\nAnn;ann@x.example\nBob;bob, at x\n' >semi.csv
	import semi.csv --rejects rejects.csv
	status_is 0
	eq "$(cat rejects.csv)" 'crm_line;crm_error;name;email
3;email: not a valid e-mail address;Bob;bob, at x'
}

@test "--dry-run writes nothing to an existing database" {
	import "$DATA/v1.csv"
	local before; before=$(dump)
	import "$DATA/v2.csv" --dry-run
	status_is 0
	eq "$stderr" "dry run: 1 added, 1 updated, 2 unchanged, 0 rejected, 1 organisation added"
	eq "$(dump)" "$before"
}

@test "--dry-run creates no database" {
	# SQLite tries it on a database in memory; PostgreSQL on the schema
	# made in the run's transaction, rolled back with it.
	if is_pg "$CRM_DB"; then
		import "$DATA/v1.csv" --dry-run
	else
		import "$DATA/v1.csv" --dry-run -d "$BATS_TEST_TMPDIR/new/crm.db"
	fi
	status_is 0
	eq "$stderr" "dry run: 3 added, 0 updated, 0 unchanged, 0 rejected, 3 organisations added"
	[ ! -e "$BATS_TEST_TMPDIR/new" ]
	no_db
	import "$DATA/bad-email.csv" --dry-run
	fails 65 "crm-add: $DATA/bad-email.csv:3: email: not a valid e-mail address"
	no_db
}

@test "--encoding GB18030 reads a Chinese Excel file" {
	python3 -c 'import sys; sys.stdout.buffer.write("姓名,邮箱\n王小明,wang@x.cn\n".encode("gb18030"))' >gb.csv
	import gb.csv
	fails 65 "crm-add: gb.csv:1: header: invalid UTF-8; the file looks like GB18030 (GBK, from a Chinese Excel or shop): say --encoding GB18030"
	import gb.csv --encoding GB18030
	status_is 0
	eq "$stderr" "1 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql 'SELECT name, email FROM customers')" '王小明|wang@x.cn'
}

@test "an unknown --encoding is a usage error" {
	import "$DATA/v1.csv" --encoding NO-SUCH-CODE
	fails 64 "crm-add: unknown encoding 'NO-SUCH-CODE' (see iconv -l)"
}

@test "a missing file exits 66" {
	import no-such.csv
	fails 66 "crm-add: no-such.csv: No such file or directory"
}

@test "empty standard input: 65, a header is needed" {
	crm-add -n Seed >/dev/null
	local before; before=$(dump)
	run --separate-stderr crm-add --import - </dev/null
	fails 65 "crm-add: stdin:1: empty file"
	eq "$(dump)" "$before"
}

@test "invalid bytes in the named --encoding: 65 and the line they are on" {
	crm-add -n Seed >/dev/null
	local before; before=$(dump)
	printf 'name,email\nAnn,ann@x.example\nBob,bob@x.example\nC\377rl,c@x.example\n' >bad-enc.csv
	import bad-enc.csv --encoding UTF-8
	fails 65 "crm-add: bad-enc.csv:4: bytes that are not valid UTF-8"
	eq "$(dump)" "$before"
}

@test "a file cut inside a character of the named --encoding: 65" {
	python3 -c 'import sys; sys.stdout.buffer.write("姓名,邮箱\n王小明,wang@x.cn\n".encode("gb18030") + b"\x81")' >cut.csv
	import cut.csv --encoding GB18030
	fails 65 "crm-add: cut.csv:3: input ends inside a character (is it really GB18030?)"
	no_db || eq "$(ncustomers)" 0
}

@test "an empty column with no header is no reason to refuse the file" {
	printf 'name,email,\nAnn,ann@x.example,\nBob,bob@x.example,\n' >trailing.csv
	import trailing.csv
	status_is 0
	eq "$stderr" "2 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql 'SELECT count(*) FROM customer_fields')" 0
}

@test "--rejects and a file whose every row is bad: nothing imported, exit 65, the rejects written; one good row lands as before" {
	crm-add -n Zed -e zed@x.example >/dev/null
	before=$(dump)
	printf 'Name,Email\nA,not-an-email\n\nB,also bad\n' >allbad.csv
	import allbad.csv --rejects rej.csv
	status_is 65
	eq "$stderr" "crm-add: allbad.csv: every row was rejected (2, each with why in rej.csv): nothing imported"
	eq "$(dump)" "$before"
	eq "$(cut -d, -f1,2 rej.csv)" $'crm_line,crm_error\n2,Email: not a valid e-mail address\n4,Email: not a valid e-mail address'
	import allbad.csv --rejects - --dry-run
	status_is 65
	has "$stderr" "every row was rejected (2, each with why in the rejects on standard output)"
	printf 'Name,Email\nA,not-an-email\nC,c@x.example\n' >onegood.csv
	import onegood.csv --rejects rej.csv
	status_is 0
	eq "$stderr" "1 added, 0 updated, 0 unchanged, 1 rejected"
}

# qa28 F8: a refused row and a skipped one (a report's totals line)
# imported nothing, yet exited 0: skipped rows are no imports.
@test "--rejects: a row refused and the rest skipped imports nothing, exit 65; skipped rows alone exit 0" {
	crm-add -n Zed -e zed@x.example >/dev/null
	before=$(dump)
	printf 'Name,Email\nA,not-an-email\nGrand Totals (1 records),\n' >sk.csv
	import sk.csv --rejects rej.csv
	status_is 65
	eq "${stderr_lines[1]}" "crm-add: sk.csv: every row was rejected (1, each with why in rej.csv) or skipped (1): nothing imported"
	eq "$(dump)" "$before"
	eq "$(cut -d, -f1 rej.csv)" $'crm_line\n2'
	printf 'Name,Email\nGrand Totals (0 records),\n' >tot.csv
	import tot.csv --rejects rej.csv
	status_is 0
	eq "${stderr_lines[1]}" "0 added, 0 updated, 0 unchanged, 0 rejected"
	eq "${stderr_lines[2]}" "1 row skipped: no customer in it (an order's fee or transfer, a report's footer or totals line)"
}

@test "--rejects - writes the rejects on stdout" {
	import "$DATA/bad-email.csv" --rejects -
	status_is 0
	eq "$stderr" "1 added, 0 updated, 0 unchanged, 1 rejected"
	eq "$output" 'crm_line,crm_error,name,email
3,email: not a valid e-mail address,Bob,bob at x.example'
}

@test "--delimiter tab reads a tab-separated file with quotes as CSV" {
	printf 'name\temail\n"Lee\nAnn"\tann@x.example\n' >quoted.txt
	import quoted.txt --delimiter tab
	status_is 0
	eq "$(sql 'SELECT name, email FROM customers')" $'Lee\nAnn|ann@x.example'
}

@test "--delimiter forces ';' and refuses a quote or more than one character" {
	printf 'name;email,phone\nAnn;ann@x.example,1\n' >semi.txt
	import semi.txt --delimiter ';'
	status_is 0
	eq "$(sql 'SELECT name FROM customers')" Ann
	eq "$(sql 'SELECT key, value FROM customer_fields')" 'email,phone|ann@x.example,1'
	run --separate-stderr crm-add --import --delimiter '"' semi.txt
	fails_usage 64 "crm-add: --delimiter takes one character, or 'tab'"
	run --separate-stderr crm-add --import --delimiter ';;' semi.txt
	fails_usage 64 "crm-add: --delimiter takes one character, or 'tab'"
}

@test "Chinese family and given name columns (姓, 名) join without a space" {
	printf '姓,名,邮箱\n王,小明,wang@x.example\n' >names.csv
	import names.csv
	status_is 0
	eq "$(sql 'SELECT name, email FROM customers')" '王小明|wang@x.example'
}

@test "Google's ' ::: ' between labels splits tags; its system group myContacts is dropped, starred kept" {
	printf 'Name,Labels\nAnn,"vip ::: * myContacts ::: renewal ::: * starred"\n' >labels.csv
	import labels.csv
	status_is 0
	eq "$(sql 'SELECT tag FROM tags ORDER BY tag')" $'renewal\nstarred\nvip'
	# the format before 2023 calls them Group Membership
	printf '%s\n' 'Name,Given Name,Family Name,Group Membership,E-mail 1 - Type,E-mail 1 - Value' \
	    'Bo Ek,Bo,Ek,* myContacts ::: Friends,* Home,bo@x.example' >old.csv
	import old.csv
	status_is 0
	eq "$(sql "SELECT tag FROM tags JOIN customers c ON c.id = customer_id WHERE c.name = 'Bo Ek'")" Friends
}

@test "a comma inside one Google label keeps it one tag, without the comma no tag holds; a list of commas is still split" {
	printf '%s\n' 'Name,Labels' 'Ann,"* myContacts ::: Clients, 2024 ::: vip"' \
	    'Bo,"Clients,2024"' >labels.csv
	import labels.csv
	status_is 0
	eq "$(sql "SELECT group_concat(tag, '|') FROM (SELECT tag FROM tags JOIN customers c ON c.id = customer_id WHERE c.name = 'Ann' ORDER BY tag) AS t")" 'Clients 2024|vip'
	# no ' ::: ' in the cell: commas part tags, as other systems write them
	eq "$(sql "SELECT group_concat(tag, '|') FROM (SELECT tag FROM tags JOIN customers c ON c.id = customer_id WHERE c.name = 'Bo' ORDER BY tag) AS t")" '2024|Clients'
}

@test "Google's ' ::: ' between phones: the first is the phone, the others kept as other phones" {
	printf '%s\n' 'First Name,Last Name,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value' \
	    'Ann,Lee,ann@x.example ::: ann.lee@y.example,Mobile,+1 555 0100 ::: +1 555 0101 :::  +1 555 0102' >g.csv
	import g.csv
	status_is 0
	eq "$(sql 'SELECT phone FROM customers')" '+1 555 0100'
	eq "$(sql "SELECT key || '=' || value FROM customer_fields ORDER BY key")" \
	    $'Phone 1 - Label=Mobile\nother phones=+1 555 0101, +1 555 0102'
	eq "$(sql 'SELECT value FROM identities')" ann.lee@y.example
	import g.csv
	eq "$stderr" "0 added, 0 updated, 1 unchanged, 0 rejected"
}

@test "the summary counts are written with thousands separators" {
	{
		echo 'name,email'
		seq 1 1204 | sed 's/.*/n&,n&@x.example/'
	} >many.csv
	import many.csv
	status_is 0
	eq "$stderr" "1,204 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(ncustomers)" 1204
}

@test "--date-format reads day-first dates; ISO dates still read; others refused, not guessed" {
	printf 'Name,Created\nAnn,05.03.2024\nBob,2024-03-06\n' >eu.csv
	run --separate-stderr crm-add --import eu.csv
	fails 65 "crm-add: eu.csv:2: Created: not a date (ISO 8601: 2026-11-23 or 2026-11-23T09:30:00Z; an import reads other forms with --date-format; day first, as written: say --date-format '%d.%m.%Y')"
	no_db	# a refused first import leaves no database
	import eu.csv --date-format %d.%m.%Y
	status_is 0
	eq "$(sql 'SELECT name, created FROM customers ORDER BY id')" \
	    $'Ann|2024-03-05T00:00:00Z\nBob|2024-03-06T00:00:00Z'
	# local time, as TZ says; a day the month does not have is refused
	printf 'Name,Created\nCid,3/5/2024 14:30\nDee,2/30/2024 09:00\n' >us.csv
	TZ=America/New_York import us.csv --date-format '%m/%d/%Y %H:%M'
	fails 65 "crm-add: us.csv:3: Created: not a date (ISO 8601: 2026-11-23 or 2026-11-23T09:30:00Z; an import reads other forms with --date-format)"
	sed -i '3d' us.csv
	TZ=America/New_York import us.csv --date-format '%m/%d/%Y %H:%M'
	status_is 0
	eq "$(sql "SELECT created FROM customers WHERE name = 'Cid'")" 2024-03-05T19:30:00Z
}

# QA qa9 Q6: the customer was created in 1970 without a word.
@test "an Excel day number in a created column is said as one; --date-format %s takes no 1970 date" {
	printf 'Name,Email,Customer Since\nAnn,ann@example.com,45123.5\n' >ser.csv
	run --separate-stderr crm-add --import --date-format %s ser.csv
	fails 65 "crm-add: ser.csv:2: Customer Since: not a date (an Excel day number? 45123.5 is 2023-07-16 in Excel's 1900 date system, 2027-07-17 in its 1904 one: format the column as a date and export again)"
	no_db
}

@test "--date-format without a field, or without --import, is a usage error" {
	run --separate-stderr crm-add --import --date-format dd.mm.yyyy eu.csv
	fails_usage 64 "crm-add: --date-format needs strptime fields, e.g. %d.%m.%Y or '%m/%d/%Y %H:%M'"
	run --separate-stderr crm-add -n Ann --date-format %d.%m.%Y
	fails_usage 64 "crm-add: --csv, --tsv, --delimiter, --encoding, --date-format, --map, --source, --rejects, --defer-index and --dry-run go with --import"
	[[ ! -e $CRM_DB ]]
}

@test "JSON Lines: crm-segment -o json -f all imports into an empty database as the same customers" {
	import "$DATA/google.csv"
	crm-add -u 2 -t vip -t 'a "quoted" tag' -F $'note=two\nlines' -T gold >/dev/null
	# The people (with an e-mail, which the organisations made have not):
	# -f all has no type column to bring an organisation back as one.
	crm-segment -o json -f all 'email is not empty' >all.jsonl
	run --separate-stderr crm-add -d copy.db --import all.jsonl
	status_is 0
	eq "$stderr" "2 added, 0 updated, 0 unchanged, 0 rejected, 2 organisations added"
	# ids are each database's own: the organisations took 1 and 3 here
	eq "$(crm-segment -d copy.db -f all -o json | sed 's/"id":[0-9]*,//; s/"created":"[^"]*","updated":"[^"]*"//')" \
	    "$(sed 's/"id":[0-9]*,//; s/"created":"[^"]*","updated":"[^"]*"//' all.jsonl)"
	run --separate-stderr crm-add -d copy.db --import all.jsonl
	eq "$stderr" "0 added, 0 updated, 2 unchanged, 0 rejected"
}

@test "JSON Lines from another tool: keys in any order or left out, numbers, true, null, escapes" {
	printf '%s\n' '{"name":"Ann","email":"ann@example.com","employees":120,"vip":true}' \
	    '{"vip":false,"email":"bob@example.com","name":"B\u00f6b \ud83d\ude00"}' \
	    '   ' '{"name":"Cid","email":null,"employees":-1.5e3}' >other.jsonl
	import other.jsonl
	status_is 0
	eq "$stderr" "3 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT name, quote(email) FROM customers ORDER BY id")" \
	    $'Ann|\'ann@example.com\'\nBöb 😀|\'bob@example.com\'\nCid|NULL'
	eq "$(sql "SELECT customer_id, key, value FROM customer_fields ORDER BY 1, 2")" \
	    $'1|employees|120\n1|vip|true\n2|vip|false\n3|employees|-1.5e3'
}

@test "JSON Lines whose first record leaves keys out (jq -c, an API's dump): every key of the input is a column" {
	printf '%s\n' '{"email":"a@a.test","name":"Ann","Employees":120}' \
	    '{"email":"b@a.test","name":"Bob","Employees":9.0,"Price":0.1}' \
	    '{"Tier":"gold","name":"Cid","email":"c@a.test"}' >sparse.jsonl
	import sparse.jsonl
	status_is 0
	eq "$stderr" "3 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT c.name || ' ' || coalesce(c.tier, '-') || ' ' || coalesce((SELECT group_concat(key || '=' || value, ' ') FROM (SELECT * FROM customer_fields f WHERE f.customer_id = c.id ORDER BY key) AS x), '-') FROM customers c ORDER BY c.id")" \
	    $'Ann - Employees=120\nBob - Employees=9.0 Price=0.1\nCid gold -'
	# the same through standard input and through a pipe that cannot be
	# read twice (it is spooled): the same customers
	run --separate-stderr crm-add -d stdin.db --import - <sparse.jsonl
	status_is 0
	eq "$(sqlite3 stdin.db "SELECT group_concat(key || '=' || value, ' ') FROM customer_fields")" \
	    "$(sql "SELECT group_concat(key || '=' || value, ' ') FROM customer_fields")"
	run --separate-stderr crm-add -d pipe.db --import <(cat sparse.jsonl)
	status_is 0
	eq "$(sqlite3 pipe.db "SELECT count(*) FROM customer_fields WHERE key = 'Price'")" 1
	# crm-log reads them the same way: a purchase's amount, left out of
	# the call before it
	printf '%s\n' '{"email":"a@a.test","kind":"call"}' \
	    '{"email":"a@a.test","kind":"purchase","amount":"12.50"}' >log.jsonl
	run --separate-stderr crm-log --import log.jsonl
	status_is 0
	eq "$(sql "SELECT kind, coalesce(CAST(amount AS TEXT), '-') FROM interactions ORDER BY id")" $'call|-\npurchase|1250'
	# a key twice in one record is still bad
	printf '%s\n' '{"name":"Dee","email":"d@a.test","email":"e@a.test"}' >twice.jsonl
	import twice.jsonl
	fails 65 "crm-add: twice.jsonl:1: character 34: key 'email' twice"
}

@test "JSON Lines: a bad line names line and character" {
	printf '%s\n' '{"name":"Ann","email":"ann@example.com"}' '{"name":"Bob" "email":"x"}' \
	    '{"name":{"first":"Cid"},"email":"cid@example.com"}' >bad.jsonl
	run --separate-stderr crm-add --import --rejects rej.jsonl bad.jsonl
	status_is 0
	eq "$stderr" "1 added, 0 updated, 0 unchanged, 2 rejected"
	eq "$(cat rej.jsonl)" '{"crm_line":"2","crm_error":"character 15: '"','"' or '"'}'"' expected","name":"Bob","email":""}
{"crm_line":"3","crm_error":"character 9: nested objects and arrays are not read","name":"","email":""}'
	printf '{"name":"Ann",\n' >cut.jsonl
	run --separate-stderr crm-add --import cut.jsonl
	fails 65 "crm-add: cut.jsonl:1: character 15: expected a string"
}

@test "on a terminal a long import shows its progress, then the summary in its place; in a pipe nothing" {
	command -v script >/dev/null || skip "no script(1) to make a terminal"
	python3 "$BATS_TEST_DIRNAME/../bench/gen-customers.py" 20000 >many.csv
	out=$(script -qec "crm-add --import many.csv" /dev/null)
	# 5,000 companies, an organisation each; 387 rows are earlier
	# customers again, with what they add (the earlier row's values
	# kept where they differ)
	local again="crm-add: many.csv: 387 rows named a customer an earlier row named, with other values: the earlier row's kept, so that the file imported again changes nothing (line 218, user45@example.com as on line 46: industry, tier, owner, City)"
	eq "$out" $'\rcrm-add: 10,000 rows read\rcrm-add: 20,000 rows read\r\e[K'"$again"$'\r\ncrm-add: many.csv: 387 phones replaced by the file\'s: the old numbers kept in \'other phones\'\r\n20,000 added, 387 updated, 0 unchanged, 0 rejected, 5,000 organisations added\r'
	run --separate-stderr crm-add -d copy.db --import many.csv
	eq "$stderr" "$again
crm-add: many.csv: 387 phones replaced by the file's: the old numbers kept in 'other phones'
20,000 added, 387 updated, 0 unchanged, 0 rejected, 5,000 organisations added"
}

@test "a re-import that changes the name and two extra fields keeps every change" {
	printf 'name,email,Notes,City\nAnn,ann@x.example,one,Oslo\n' >a.csv
	printf 'name,email,Notes,City\nAnn Yu,ann@x.example,two,Bergen\n' >b.csv
	crm-add --import a.csv
	run --separate-stderr crm-add --import b.csv
	status_is 0
	eq "$stderr" "crm-add: b.csv:2: customer 1 'Ann' renamed 'Ann Yu', a fuller name
0 added, 1 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT name FROM customers")" 'Ann Yu'
	eq "$(sql "SELECT key || '=' || value FROM customer_fields
	    ORDER BY key")" $'City=Bergen\nnote=two'
	eq "$(crm-segment -f name,note,City | tail -n +2)" $'Ann Yu\ttwo\tBergen'
	# and the search index was made again from what is stored
	eq "$(crm-segment --search bergen -f name | tail -n +2 | cut -f1)" 'Ann Yu'
}

@test "a row found by its e-mail alone under another name: a fuller name is taken and said, another kept out (another person at a shared address), one with no word in common refused" {
	printf 'Name,Email\nAnn Lee,family@lee.example\n' >a.csv
	printf 'Name,Email\nTom Lee,family@lee.example\n' >b.csv
	import a.csv
	local before; before=$(sql 'SELECT * FROM customers; SELECT * FROM tags')
	import b.csv
	status_is 0
	eq "$stderr" "crm-add: b.csv:2: 'family@lee.example' is customer 1's ('Ann Lee'), and 'Tom Lee' is another name: kept out, the customer keeps all it has; if it is the same person, give the row the customer's name ('Ann Lee'); if another, give them an e-mail of their own; if the customer's name has changed, crm-add -u 1 -n 'Tom Lee' first
0 added, 0 updated, 0 unchanged, 0 rejected, 1 kept out"
	eq "$(sql 'SELECT * FROM customers; SELECT * FROM tags')" "$before"
	before=$(dump)
	eq "$(sql 'SELECT name FROM customers')" 'Ann Lee'
	# a Google contact with her address as its second e-mail and one of
	# its own: another person, refused (an identity conflict), neither
	# his address nor his phone made hers; and the other way round
	printf '%s\n' 'Name,E-mail 1 - Value,E-mail 2 - Value,Phone 1 - Value' \
	    'Tom Lee,tom@lee.example,family@lee.example,555' >g.csv
	import g.csv
	fails 65 "crm-add: g.csv:2: E-mail 2 - Value: 'family@lee.example' is customer 1's ('Ann Lee'), and 'Tom Lee' has an e-mail of its own, 'tom@lee.example': one e-mail is one customer; if it is the same person, give the row the customer's name, else leave 'family@lee.example' out of the row"
	eq "$(dump)" "$before"
	printf '%s\n' 'Name,E-mail 1 - Value,E-mail 2 - Value' \
	    'Tom Lee,family@lee.example,tom@lee.example' >g2.csv
	import g2.csv --rejects rej.csv
	status_is 65
	eq "$stderr" "crm-add: g2.csv: every row was rejected (1, each with why in rej.csv): nothing imported"
	eq "$(sed -n 2p rej.csv)" "2,\"E-mail 1 - Value: 'family@lee.example' is customer 1's ('Ann Lee'), and 'Tom Lee' has an e-mail of its own, 'tom@lee.example': one e-mail is one customer; if it is the same person, give the row the customer's name, else leave 'family@lee.example' out of the row\",Tom Lee,family@lee.example,tom@lee.example"
	eq "$(sql 'SELECT id, name, email, phone FROM customers')" '1|Ann Lee|family@lee.example|'
	eq "$(sql 'SELECT count(*) FROM identities')" 0
	before=$(dump)
	# a name that shares no word with hers: refused, nothing changed
	printf 'Name,Email\nBob Brown,family@lee.example\n' >c.csv
	import c.csv
	fails 65 "crm-add: c.csv:2: Email: 'family@lee.example' is customer 1's ('Ann Lee'), a name with no word of 'Bob Brown': one e-mail is one customer; if it is the same person, give the row the customer's name, else leave the e-mail out of the row"
	eq "$(dump)" "$before"
	# a shorter name is not taken, and there is nothing to say
	printf 'Name,Email\nann,family@lee.example\n' >d.csv
	import d.csv
	eq "$stderr" "0 added, 0 updated, 1 unchanged, 0 rejected"
	eq "$(sql 'SELECT name FROM customers')" 'Ann Lee'
	# nor initials (hers: no other person), whose row is read
	printf 'Name,Email,City\nA. Lee,family@lee.example,Oslo\n' >i.csv
	import i.csv
	eq "$stderr" "0 added, 1 updated, 0 unchanged, 0 rejected"
	eq "$(sql 'SELECT name FROM customers')" 'Ann Lee'
	# but another initial is another person
	printf 'Name,Email\nT. Lee,family@lee.example\n' >t.csv
	import t.csv
	status_is 0
	has "$stderr" "1 kept out"
	# Chinese names have no spaces: 小明 in 王小明 is a fuller name, 王
	# shared a family's, and 李四 shares nothing
	printf 'Name,Email\n小明,xm@x.example\n' >z1.csv
	printf 'Name,Email\n王小明,xm@x.example\n' >z2.csv
	printf 'Name,Email\n王小红,xm@x.example\n' >z3.csv
	printf 'Name,Email\n李四,xm@x.example\n' >z4.csv
	import z1.csv
	import z2.csv
	eq "${stderr_lines[0]}" "crm-add: z2.csv:2: customer 2 '小明' renamed '王小明', a fuller name"
	import z3.csv
	status_is 0
	has "$stderr" "crm-add: z3.csv:2: 'xm@x.example' is customer 2's ('王小明'), and '王小红' is another name: kept out"
	import z4.csv
	status_is 65
	eq "$(sql 'SELECT name FROM customers WHERE id = 2')" '王小明'
	# a name with no word of hers is kept out, not refused, when the
	# row opts out: a list of those who left names her "Nan" (qa25 F4);
	# the opt-out is the address's, nothing else taken
	printf 'Email Address,First Name,Last Name,UNSUB_TIME\nfamily@lee.example,Nan,,2026-11-01 10:00:00\n' >u.csv
	import u.csv
	status_is 0
	eq "${stderr_lines[0]}" "crm-add: u.csv:2: 'family@lee.example' is customer 1's ('Ann Lee'), and 'Nan' is another name: kept out, only its opt-out taken (the address's); if it is the same person, give the row the customer's name ('Ann Lee'); if another, give them an e-mail of their own; if the customer's name has changed, crm-add -u 1 -n 'Nan' first"
	has "$stderr" "1 kept out"
	eq "$(crm-segment -f id,name,tags -o csv 'id = 1' | tail -n +2)" '1,Ann Lee,unsubscribed'
}

@test "a second person at a shared e-mail changes nothing of the first: not her phone, company, organisation or fields; kept out, said, into --rejects, in one file or across two" {
	printf '%s\n' 'Name,Email,Phone,Company,City' \
	    'John Smith,smiths@example.com,+44 7700 900001,Smith Plumbing,Leeds' >a.csv
	printf '%s\n' 'Name,Email,Phone,Company,City' \
	    'Mary Smith,smiths@example.com,+44 7700 900002,Mary Smith Design,York' >b.csv
	import a.csv
	local before; before=$(sql 'SELECT * FROM customers; SELECT * FROM tags; SELECT * FROM customer_fields')
	import b.csv
	status_is 0
	eq "$stderr" "crm-add: b.csv:2: 'smiths@example.com' is customer 2's ('John Smith'), and 'Mary Smith' is another name: kept out, the customer keeps all it has; if it is the same person, give the row the customer's name ('John Smith'); if another, give them an e-mail of their own; if the customer's name has changed, crm-add -u 2 -n 'Mary Smith' first
0 added, 0 updated, 0 unchanged, 0 rejected, 1 kept out"
	eq "$(sql 'SELECT * FROM customers; SELECT * FROM tags; SELECT * FROM customer_fields')" "$before"
	import b.csv --rejects rej.csv
	status_is 0
	eq "${stderr_lines[1]}" "0 added, 0 updated, 0 unchanged, 0 rejected, 1 kept out"
	has "$(sed -n 2p rej.csv)" "2,\"Email: 'smiths@example.com' is customer 2's ('John Smith'), and 'Mary Smith' is another name: kept out"
	eq "$(crm-segment -f id,name,phone,company,City,org -o csv | tail -n +2)" \
	    '2,John Smith,+44 7700 900001,Smith Plumbing,Leeds,Smith Plumbing'
	eq "$(sql "SELECT count(*) FROM customers WHERE type = 'person'")" 1
	eq "$(sql "SELECT count(*) FROM audit WHERE action = 'update'")" 0
	# in one file: the second row keeps out of the first's customer
	printf '%s\n' 'Name,Email,Phone' \
	    'Ann Lee,lees@example.com,+44 7700 900011' \
	    'Tom Lee,lees@example.com,+44 7700 900012' >f.csv
	import f.csv
	status_is 0
	eq "${stderr_lines[0]}" "crm-add: f.csv:3: 'lees@example.com' is customer 3's ('Ann Lee'), and 'Tom Lee' is another name: kept out, the customer keeps all it has; if it is the same person, give the row the customer's name ('Ann Lee'); if another, give them an e-mail of their own; if the customer's name has changed, crm-add -u 3 -n 'Tom Lee' first"
	eq "${stderr_lines[1]}" "1 added, 0 updated, 0 unchanged, 0 rejected, 1 kept out"
	eq "$(sql "SELECT name, phone FROM customers WHERE email = 'lees@example.com'")" \
	    'Ann Lee|+44 7700 900011'
	# without a phone the row is no less another person: not "unchanged"
	printf 'Name,Email\nAnn Lee,lees@example.com\nTom Lee,lees@example.com\n' >g.csv
	import g.csv --rejects rej3.csv
	eq "${stderr_lines[1]}" "0 added, 0 updated, 1 unchanged, 0 rejected, 1 kept out"
	# the same person under a new name: renamed first, then her row is hers
	crm-add -u lees@example.com -n 'Tom Lee'
	import f.csv --rejects rej4.csv
	eq "${stderr_lines[1]}" "crm-add: f.csv: 1 phone replaced by the file's: the old number kept in 'other phones'"
	eq "${stderr_lines[2]}" "0 added, 1 updated, 0 unchanged, 0 rejected, 1 kept out"
}

# qa24 F1: a Chinese name in the other order (Google joins First 王 Last
# 小明 as 小明王; Mailchimp, Woo, Outlook write 王小明) or with a space
# (Magento's "王 小明") is the same name; a sister's shares only some.
@test "a Chinese name with its family name at the other end, or with a space, is the customer's: kept as she has it; 王小红 at 王小明's address is kept out" {
	printf 'Name,Email,Phone\n小明王,wxm@x.example,\n' >a.csv
	printf '%s\n' 'Name,Email,Phone' '王小明,wxm@x.example,+86 10 1234 5678' \
	    '王 小明,wxm@x.example,' '小明 王,wxm@x.example,' >b.csv
	import a.csv
	import b.csv
	status_is 0
	eq "$stderr" "0 added, 1 updated, 2 unchanged, 0 rejected"
	eq "$(sql 'SELECT name, phone FROM customers')" '小明王|+86 10 1234 5678'
	printf 'Name,Email\n王小红,wxm@x.example\n' >c.csv
	import c.csv
	status_is 0
	has "$stderr" "'wxm@x.example' is customer 1's ('小明王'), and '王小红' is another name: kept out"
	eq "$(sql 'SELECT name FROM customers')" '小明王'
}

# qa24 F5: a shop's export in capitals rewrote a customer's name.
@test "a name that differs only in case is the customer's: kept as she spells it, unchanged and unsaid; a name in one case takes a row's better-cased spelling, said" {
	printf 'Name,Email\nJohn Smith,js@x.example\nANN LEE,al@x.example\n' >a.csv
	printf 'Name,Email\nJOHN SMITH,js@x.example\njohn smith,js@x.example\n' >b.csv
	import a.csv
	import b.csv
	eq "$stderr" "0 added, 0 updated, 2 unchanged, 0 rejected"
	eq "$(sql 'SELECT name FROM customers ORDER BY id')" $'John Smith\nANN LEE'
	eq "$(sql "SELECT count(*) FROM audit WHERE action = 'update'")" 0
	printf 'Name,Email\nAnn Lee,al@x.example\nANN LEE,al@x.example\n' >c.csv
	import c.csv
	eq "$stderr" "crm-add: c.csv:2: customer 2 'ANN LEE' renamed 'Ann Lee', the same name better cased
0 added, 1 updated, 1 unchanged, 0 rejected"
	eq "$(sql 'SELECT name FROM customers ORDER BY id')" $'John Smith\nAnn Lee'
}

# qa24 F10: a name in a sheet's "Last, First" form stayed so for ever,
# and "J. Smith" never took the name written out.
@test "a customer named 'Last, First' takes a row's 'First Last' once, then keeps it; 'J. Smith' takes 'John Smith', a fuller name" {
	printf 'Name,Email\n"Lee, Ann",al@x.example\nJ. Smith,js@x.example\n' >a.csv
	printf 'Name,Email\nAnn Lee,al@x.example\nJohn Smith,js@x.example\n' >b.csv
	printf 'Name,Email\n"Lee, Ann",al@x.example\nJ. Smith,js@x.example\n' >c.csv
	import a.csv
	import b.csv
	eq "$stderr" "crm-add: b.csv:2: customer 1 'Lee, Ann' renamed 'Ann Lee', the same name first name first
crm-add: b.csv:3: customer 2 'J. Smith' renamed 'John Smith', a fuller name
0 added, 2 updated, 0 unchanged, 0 rejected"
	import c.csv
	eq "$stderr" "0 added, 0 updated, 2 unchanged, 0 rejected"
	import b.csv
	eq "$stderr" "0 added, 0 updated, 2 unchanged, 0 rejected"
	eq "$(sql 'SELECT name FROM customers ORDER BY id')" $'Ann Lee\nJohn Smith'
}

# qa24 F2: a list of those who left, under a nickname or a married name:
# the opt-out is the address's, whoever the row names; nothing else taken.
@test "an unsubscribe list naming customers otherwise (Bob for Robert, a married name): opted out, names and data kept, said, exit 0" {
	printf '%s\n' 'Name,Email,Phone,Company' \
	    'Robert Jones,rjones@acme.example,+1 212 555 0101,Acme' \
	    'Mary Smith,mary@home.example,+44 20 7000 0001,' >a.csv
	printf '%s\n' 'Email Address,First Name,Last Name,UNSUB_TIME,City' \
	    'rjones@acme.example,Bob,Jones,2026-11-01 10:00:00,Leeds' \
	    'mary@home.example,Mary,Jones,2026-11-02 10:00:00,York' >u.csv
	import a.csv
	import u.csv
	status_is 0
	eq "${stderr_lines[0]}" "crm-add: u.csv:2: 'rjones@acme.example' is customer 2's ('Robert Jones'), and 'Bob Jones' is another name: kept out, only its opt-out taken (the address's); if it is the same person, give the row the customer's name ('Robert Jones'); if another, give them an e-mail of their own; if the customer's name has changed, crm-add -u 2 -n 'Bob Jones' first"
	has "${stderr_lines[1]}" "crm-add: u.csv:3: 'mary@home.example' is customer 3's ('Mary Smith'), and 'Mary Jones' is another name: kept out"
	eq "${stderr_lines[2]}" "0 added, 0 updated, 0 unchanged, 0 rejected, 2 kept out"
	has "${stderr_lines[3]}" "2 opted out of e-mail, tagged unsubscribed"
	eq "$(crm-segment -f name,email,phone,company,City,tags -o csv | tail -n +2)" \
	    'Robert Jones,rjones@acme.example,+1 212 555 0101,Acme,,unsubscribed
Mary Smith,mary@home.example,+44 20 7000 0001,,,unsubscribed'
	# again: nothing new to tag, still said, still kept out
	import u.csv --rejects rej.csv
	status_is 0
	eq "${stderr_lines[2]}" "0 added, 0 updated, 0 unchanged, 0 rejected, 2 kept out"
	eq "$(wc -l <rej.csv)" 3
}

@test "a customer named by its e-mail (crm-log --add-customers, Thunderbird's Display Name): a row's real name replaces it, updated and said; a row named by its e-mail keeps a real name; another real name still refused" {
	printf '%s\n' 'id,Created date (UTC),Amount,Status,Customer Email' \
	    'ch_1,2026-11-02 10:00:00,10.00,Paid,mk@shop.example' \
	    'ch_2,2026-11-02 11:00:00,12.00,Paid,jane.roe@example.com' \
	    'ch_3,2026-11-02 12:00:00,12.00,Paid,al@shop.example' >st.csv
	crm-log --import --add-customers st.csv 2>/dev/null
	eq "$(sql 'SELECT name FROM customers ORDER BY id')" \
	    $'mk@shop.example\njane.roe@example.com\nal@shop.example'
	# an identity of hers, compared as a key, is her e-mail too
	sql "INSERT INTO identities (customer_id, kind, source, value) VALUES (3, 'email', '', 'al.b@shop.example')"
	sql "UPDATE customers SET name = 'AL.B@Shop.Example' WHERE id = 3"
	printf '%s\n' 'Customer ID,First Name,Last Name,Email' \
	    '7001,Maria,Keller,mk@shop.example' '7002,Otto,Rehm,or@shop.example' \
	    '7003,Jane,Roe,jane.roe@example.com' '7004,Al,Berg,al@shop.example' >c.csv
	import c.csv
	status_is 0
	eq "$stderr" "crm-add: c.csv:2: customer 1 'mk@shop.example' renamed 'Maria Keller': its name was its e-mail; and 2 more customers named by their e-mail
1 added, 3 updated, 0 unchanged, 0 rejected"
	eq "$(sql 'SELECT id, name, email, external_id FROM customers ORDER BY id')" \
	    '1|Maria Keller|mk@shop.example|7001
2|Jane Roe|jane.roe@example.com|7003
3|Al Berg|al@shop.example|7004
4|Otto Rehm|or@shop.example|7002'
	# one alone, found by her e-mail (a row found by its id takes the
	# row's name, a rename nobody needs told): said with no count
	sql "UPDATE customers SET name = 'jane.roe@example.com' WHERE id = 2"
	printf 'First Name,Last Name,Email\nJane,Roe,jane.roe@example.com\n' >j.csv
	import j.csv
	eq "$stderr" "crm-add: j.csv:2: customer 2 'jane.roe@example.com' renamed 'Jane Roe': its name was its e-mail
0 added, 1 updated, 0 unchanged, 0 rejected"
	eq "$(sql 'SELECT name FROM customers WHERE id = 2')" 'Jane Roe'
	# two: "1 more customer", no plural for one
	sql "UPDATE customers SET name = email WHERE id IN (2, 3)"
	printf 'First Name,Last Name,Email\nJane,Roe,jane.roe@example.com\nAl,Berg,al@shop.example\n' >j2.csv
	import j2.csv
	eq "$stderr" "crm-add: j2.csv:2: customer 2 'jane.roe@example.com' renamed 'Jane Roe': its name was its e-mail; and 1 more customer named by their e-mail
0 added, 2 updated, 0 unchanged, 0 rejected"
	# Thunderbird's Display Name that is the e-mail: no name, hers kept
	printf '%s\n' 'Display Name,Primary Email' \
	    'mk@shop.example,mk@shop.example' 'new@shop.example,new@shop.example' >tb.csv
	import tb.csv
	status_is 0
	eq "$stderr" "1 added, 0 updated, 1 unchanged, 0 rejected"
	eq "$(sql 'SELECT name FROM customers WHERE id = 1')" 'Maria Keller'
	# a real name that shares no word with hers is refused as before
	local before; before=$(dump)
	printf 'Name,Email\nBob Brown,mk@shop.example\n' >b.csv
	import b.csv
	fails 65 "crm-add: b.csv:2: Email: 'mk@shop.example' is customer 1's ('Maria Keller'), a name with no word of 'Bob Brown': one e-mail is one customer; if it is the same person, give the row the customer's name, else leave the e-mail out of the row"
	eq "$(dump)" "$before"
}

@test "a row refused for a customer an earlier row of the same import made names that row's line, not an id the rollback takes away" {
	crm-add -n Old -e old@x.org 2>/dev/null
	local before; before=$(dump)
	printf 'Name,Email,Phone\nA,a@x.org,1\nA2,A@X.ORG,2\n' >e5.csv
	import e5.csv
	fails 65 "crm-add: e5.csv:3: Email: 'a@x.org' is line 2's ('A'), a name with no word of 'A2': one e-mail is one customer; if it is the same person, give the row the customer's name, else leave the e-mail out of the row"
	eq "$(dump)" "$before"
	# with --rejects line 2 lands (as customer 2): the line still says it
	import e5.csv --rejects rej.csv
	status_is 0
	eq "$stderr" "1 added, 0 updated, 0 unchanged, 1 rejected"
	eq "$(sed -n 2p rej.csv)" "3,\"Email: 'a@x.org' is line 2's ('A'), a name with no word of 'A2': one e-mail is one customer; if it is the same person, give the row the customer's name, else leave the e-mail out of the row\",A2,A@X.ORG,2"
	# a customer from before this import is named by its id
	printf 'Name,Email\nBob Brown,old@x.org\n' >o.csv
	import o.csv
	fails 65 "crm-add: o.csv:2: Email: 'old@x.org' is customer 1's ('Old'), a name with no word of 'Bob Brown': one e-mail is one customer; if it is the same person, give the row the customer's name, else leave the e-mail out of the row"
	# an id of an earlier row's, with another e-mail and name; an e-mail
	# of an earlier row's with another id of the same system
	before=$(dump)
	printf 'Name,Email,Customer ID\nAnn,ann@z.org,300\nBob,bob@z.org,300\n' >i.csv
	import i.csv
	fails 65 "crm-add: i.csv:3: Customer ID: '300' is line 2's, another person with another e-mail: if this column is not each person's own id, drop it with --map 'Customer ID=-'"
	printf 'Name,Email,ID\nOld,o2@y.org,1\nAnn,ann@y.org,100\nBob,ann@y.org,101\n' >i2.csv
	import i2.csv --source shop
	fails 65 "crm-add: i2.csv:4: Email: 'ann@y.org' is line 3's (100, 'Ann'), another person with another id: one e-mail is one customer; if it is the same person, give the row the customer's name, else leave the e-mail out of the row"
	eq "$(dump)" "$before"
}

@test "hints fit the value: a dotted or slashed date gets the --date-format that reads it; two addresses in an Email cell are said as two, a name with its address as that" {
	printf 'Name,Created\nAnn,05.03.2021 14:30\n' >dot.csv
	run --separate-stderr crm-add --import dot.csv
	fails 65 "crm-add: dot.csv:2: Created: not a date (ISO 8601: 2026-11-23 or 2026-11-23T09:30:00Z; an import reads other forms with --date-format; day first, as written: say --date-format '%d.%m.%Y %H:%M')"
	printf 'Name,Created\nAnn,25/03/21\n' >dmy.csv
	run --separate-stderr crm-add --import dmy.csv
	fails 65 "crm-add: dmy.csv:2: Created: not a date (ISO 8601: 2026-11-23 or 2026-11-23T09:30:00Z; an import reads other forms with --date-format; day first: say --date-format '%d/%m/%y')"
	# what the hint says reads the file
	import dmy.csv --date-format %d/%m/%y
	status_is 0
	new_db
	printf 'Name,Email\nJohn Doe,john@example.com; j.doe@work.example\n' >two.csv
	run --separate-stderr crm-add --import two.csv
	fails 65 "crm-add: two.csv:2: Email: two e-mail addresses in one cell, but the column holds one: keep one there and put the other in a column of its own, such as Email 2 (another e-mail of the customer's), or mark the column as a list of them with --map 'Email=emails'"
	import two.csv --map Email=emails
	status_is 0
	eq "$(sql "SELECT c.email, i.value FROM customers c JOIN identities i ON i.customer_id = c.id")" 'john@example.com|j.doe@work.example'
	# qa18 F8: the --map said names the column, and pastes as printed
	# (Pipedrive's header; one with a ' in it)
	new_db
	printf '%s\n' '"Person - Name","Person - Email - Work"' \
	    '"Olga Ivanova","olga@steel.example, sales@steel.example"' >pd2.csv
	run --separate-stderr crm-add --import pd2.csv
	status_is 65
	eq "${stderr##* with }" "--map 'Person - Email - Work=emails'"
	eval "run --separate-stderr crm-add --import pd2.csv ${stderr##* with }"
	status_is 0
	eq "$(sql "SELECT c.email || ' ' || i.value FROM customers c JOIN identities i ON i.customer_id = c.id")" \
	    'olga@steel.example sales@steel.example'
	printf '%s\n' 'Name,Buyer'"'"'s e-mail' 'Ivan,"ivan@steel.example; iv@home.example"' >q.csv
	run --separate-stderr crm-add --import q.csv --map "Buyer's e-mail=email"
	status_is 65
	eq "${stderr##* with }" "--map \"Buyer's e-mail=emails\""
	# a value given by hand is no cell: no --map to say
	run --separate-stderr crm-add -n Ann -e 'a@x.example, b@x.example'
	fails 65 "crm-add: --email: two e-mail addresses in one value, where one is wanted"
	# qa11 F9: the name-addr form Outlook and Thunderbird copy out; an
	# import's cell gives its address (qa37 F13a: t/156), a value
	# given by hand is said
	run --separate-stderr crm-add -n Ann -e 'Ann Lee <ann@example.com>'
	fails 65 "crm-add: --email: a name and an address: write the address alone (ann@example.com)"
	printf 'Name,Email\nAnn,Ann Lee <ann@example.com>\n' >named.csv
	run --separate-stderr crm-add --import named.csv
	status_is 0
	eq "$(sql "SELECT name || ' ' || email FROM customers WHERE email = 'ann@example.com'")" "Ann ann@example.com"
	# qa22: two @ are not two addresses unless both halves are ones
	# (Lemon Squeezy's invalid_email row)
	printf 'Name,Email\nBad Addr,bad@@example\nTwo,a@x.example@y.example\n' >at.csv
	run --separate-stderr crm-add --import at.csv
	fails 65 "crm-add: at.csv:2: Email: not a valid e-mail address"
	run --separate-stderr crm-add --import --rejects rej.csv at.csv
	status_is 65
	eq "$(cut -d, -f2 rej.csv)" $'crm_error\nEmail: not a valid e-mail address\nEmail: not a valid e-mail address'
}

@test "Google Contacts: a Phone N labelled Work Fax or Home Fax is the field fax, not the phone; the next number is the phone (both the Label and the older Type header)" {
	printf '%s\n' 'First Name,Last Name,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value' \
	    'Dee,Fax,dee@x.example,Work Fax,+44 20 7946 0004 ::: +44 20 7946 0005,Mobile,+44 7700 900002' \
	    'Eve,Call,eve@x.example,Mobile,+44 7700 900009,Home Fax,' >gf.csv
	import gf.csv
	status_is 0
	eq "$(sql "SELECT name, phone FROM customers ORDER BY id")" $'Dee Fax|+44 7700 900002\nEve Call|+44 7700 900009'
	eq "$(sql "SELECT customer_id, value FROM customer_fields WHERE key = 'fax'")" '1|+44 20 7946 0004, +44 20 7946 0005'
	printf '%s\n' 'Name,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,Phone 2 - Type,Phone 2 - Value' \
	    'Cy Fax,cy@x.example,Home Fax,+44 20 7946 0003,Work,+44 20 7946 0010' >go.csv
	import go.csv
	status_is 0
	eq "$(sql "SELECT phone FROM customers WHERE name = 'Cy Fax'")" '+44 20 7946 0010'
	eq "$(sql "SELECT value FROM customer_fields JOIN customers ON id = customer_id WHERE name = 'Cy Fax' AND key = 'fax'")" '+44 20 7946 0003'
	# qa28 F5: a database where an older crm took the fax as the phone:
	# the fax is the fax now, and not kept again among the other phones
	new_db
	printf 'Name,Email,Phone\nDee Fax,dee@x.example,+44 20 7946 0004\n' >old.csv
	import old.csv
	import gf.csv
	status_is 0
	eq "$(sql "SELECT phone FROM customers WHERE name = 'Dee Fax'")" '+44 7700 900002'
	eq "$(sql "SELECT key || '=' || value FROM customer_fields JOIN customers ON id = customer_id WHERE name = 'Dee Fax' AND key IN ('fax', 'other phones') ORDER BY key")" 'fax=+44 20 7946 0004, +44 20 7946 0005'
}

@test "a mailto: link in an e-mail cell is the address: the same customer as the plain one" {
	printf 'Name,Email\nAnn,"mailto:ann@example.com"\n' >e.csv
	run --separate-stderr crm-add --import e.csv
	status_is 0
	printf 'Name,Email\nAnn,ann@example.com\nBob,MAILTO: bob@example.com\n' >e2.csv
	run --separate-stderr crm-add --import e2.csv
	status_is 0
	eq "$stderr" "1 added, 0 updated, 1 unchanged, 0 rejected"
	eq "$(sql "SELECT group_concat(email, ',') FROM (SELECT email FROM customers ORDER BY id) AS c")" 'ann@example.com,bob@example.com'
	run --separate-stderr crm-add -n Cy -e 'mailto:cy@example.com'
	status_is 0
	crm-log mailto:ann@example.com note hi >/dev/null
	eq "$(sql "SELECT customer_id FROM interactions")" 1
	# A link with headers (RFC 6068): the address is before its '?'.
	printf 'Name,Email\nBob,"mailto:bob@example.com?subject=Hi%%20Bob"\n' >e3.csv
	run --separate-stderr crm-add --import e3.csv
	status_is 0
	eq "$stderr" "0 added, 0 updated, 1 unchanged, 0 rejected"
	eq "$(sql "SELECT count(*) FROM customers WHERE email LIKE '%?%'")" 0
}

@test "two rows with one name and company but different phones (no e-mail) are two customers, said; a re-import finds each" {
	printf 'Name,Company,Phone,City\nJohn Smith,Acme,+1 555 0101,Boston\nJohn Smith,Acme,+1 555 0199,Denver\n' >js.csv
	run --separate-stderr crm-add --import js.csv
	status_is 0
	eq "$stderr" "crm-add: js.csv:3: John Smith at Acme again with another phone (+1 555 0199, not +1 555 0101): another customer, as a namesake; if it is one person, join them with --merge
2 added, 0 updated, 0 unchanged, 0 rejected, 1 organisation added"
	eq "$(sql "SELECT group_concat(id || ' ' || phone || ' ' || value, ',') FROM (SELECT id, phone, value FROM customers JOIN customer_fields ON customer_id = id ORDER BY id) AS c")" \
	    '2 +1 555 0101 Boston,3 +1 555 0199 Denver'
	run --separate-stderr crm-add --import js.csv
	status_is 0
	eq "$stderr" "0 added, 0 updated, 2 unchanged, 0 rejected"
	# a later file with a new phone for him updates him, as before
	printf 'Name,Company,Phone\nJohn Smith,Acme,+1 555 0101\n' >js2.csv
	run --separate-stderr crm-add --import js2.csv
	eq "$stderr" "0 added, 0 updated, 1 unchanged, 0 rejected"
	eq "$(sql "SELECT count(*) FROM customers WHERE type = 'person'")" 2
}

@test "a later file's row with the name and company of two namesakes: no phone is refused naming both, a phone of neither is another namesake; one namesake is updated" {
	printf 'Name,Company,Phone,City\nJohn Smith,Acme,+1 555 0101,Boston\nJohn Smith,Acme,+1 555 0199,Denver\n' >js.csv
	crm-add --import js.csv 2>/dev/null
	before=$(sql "SELECT group_concat(id || ' ' || phone || ' ' || value, ',') FROM (SELECT id, phone, value FROM customers JOIN customer_fields ON customer_id = id ORDER BY id) AS c")
	eq "$before" '2 +1 555 0101 Boston,3 +1 555 0199 Denver'
	printf 'Name,Company,City\nJohn Smith,Acme,Chicago\n' >js3.csv
	run --separate-stderr crm-add --import js3.csv
	status_is 65
	eq "$stderr" "crm-add: js3.csv:2: Name: 'John Smith' at 'Acme' is the name of 2 customers (2, 3): say which by phone, or update one with crm-add -u ID"
	eq "$(sql "SELECT group_concat(id || ' ' || phone || ' ' || value, ',') FROM (SELECT id, phone, value FROM customers JOIN customer_fields ON customer_id = id ORDER BY id) AS c")" "$before"
	run --separate-stderr crm-add --import --rejects rej.csv js3.csv
	status_is 65
	eq "$stderr" "crm-add: js3.csv: every row was rejected (1, each with why in rej.csv): nothing imported"
	grep -q "^2,.*is the name of 2 customers (2, 3)" rej.csv
	printf 'Name,Company,Phone,City\nJohn Smith,Acme,+1 555 0777,Reno\n' >js5.csv
	run --separate-stderr crm-add --import js5.csv
	status_is 0
	eq "$stderr" "crm-add: js5.csv:2: John Smith at Acme with a phone none of customers 2, 3 has (+1 555 0777): another customer, as a namesake; if it is one of them, join them with --merge
1 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT group_concat(id || ' ' || phone || ' ' || value, ',') FROM (SELECT id, phone, value FROM customers JOIN customer_fields ON customer_id = id ORDER BY id) AS c")" \
	    '2 +1 555 0101 Boston,3 +1 555 0199 Denver,4 +1 555 0777 Reno'
	run --separate-stderr crm-add --import js5.csv
	eq "$stderr" "0 added, 0 updated, 1 unchanged, 0 rejected"
	# one namesake alone, no phone: he is the row's, updated as before
	printf 'Name,Company,City\nJane Roe,Acme,Lyon\n' >jr.csv
	crm-add --import jr.csv 2>/dev/null
	printf 'Name,Company,City\nJane Roe,Acme,Paris\n' >jr2.csv
	run --separate-stderr crm-add --import jr2.csv
	status_is 0
	eq "$stderr" "0 added, 1 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT value FROM customers JOIN customer_fields ON customer_id = id WHERE name = 'Jane Roe'")" Paris
}

@test "a namesake's phone is compared as crm-log compares it: the same number written another way is the same person" {
	printf 'Name,Company,Phone,City\nJohn Smith,Acme,+44 7700 900101,Boston\nJohn Smith,Acme,+44 7700 900199,Denver\n' >js.csv
	crm-add --import js.csv 2>/dev/null
	# the second one's number without spaces, and in national form: him, not a third
	printf 'Name,Company,Phone,City\nJohn Smith,Acme,+447700900199,Reno\nJohn Smith,Acme,07700 900199 ext. 4,Reno\n' >js6.csv
	run --separate-stderr crm-add --import js6.csv
	status_is 0
	# (the national form a guess, said as crm-log says it: h-cc28)
	eq "$stderr" "crm-add: js6.csv: 1 phone replaced by the file's: the old number kept in 'other phones'
crm-add: js6.csv: 1 number taken as customers' written with a country code and without (the first: 07700 900199 ext. 4 as customer 3's +44 7700 900199): one number if both are in one country, which crm does not know (crm country CC names the home country and makes such numbers sure)
0 added, 2 updated, 0 unchanged, 0 rejected"
	# (the number with an extension is another: the one it replaces kept)
	eq "$(sql "SELECT group_concat(id || ' ' || value, ',') FROM (SELECT id, value FROM customers JOIN customer_fields ON customer_id = id ORDER BY id, key) AS c")" \
	    '2 Boston,3 Reno,3 +44 7700 900199'
	eq "$(sql "SELECT phone FROM customers WHERE id = 3")" '07700 900199 ext. 4'
	# rows of one file: one number written two ways is one person, said
	# by no warning, and not written the other way (nothing changed)
	printf 'Name,Phone\nBo Li,+44 7700 900123\nBo Li,+447700900123\n' >bo.csv
	run --separate-stderr crm-add --import bo.csv
	status_is 0
	eq "$stderr" "1 added, 0 updated, 1 unchanged, 0 rejected"
	eq "$(sql "SELECT count(*) FROM customers WHERE name = 'Bo Li'")" 1
	eq "$(sql "SELECT phone FROM customers WHERE name = 'Bo Li'")" '+44 7700 900123'
}

# qa12 F4: two people at one switchboard (other extensions) are two
# namesakes, as OLD had them; a number without its extension is a
# namesake's only when it is no other namesake's too.
@test "a namesake's phone with another extension is another person; without one, it names one of two switchboard namesakes neither (QA qa12 F4)" {
	printf 'Name,Phone,Company\nJohn Smith,+1 415 555 0100 x101,Acme\nJohn Smith,+1 415 555 0100 x102,Acme\n' >js.csv
	run --separate-stderr crm-add --import js.csv
	status_is 0
	eq "$stderr" "crm-add: js.csv:3: John Smith at Acme again with another phone (+1 415 555 0100 x102, not +1 415 555 0100 x101): another customer, as a namesake; if it is one person, join them with --merge
2 added, 0 updated, 0 unchanged, 0 rejected, 1 organisation added"
	eq "$(sql "SELECT group_concat(id || ' ' || phone, ',') FROM (SELECT id, phone FROM customers WHERE type = 'person' ORDER BY id) AS c")" \
	    '2 +1 415 555 0100 x101,3 +1 415 555 0100 x102'
	# again, each written another way: each his own
	printf 'Name,Phone,Company,City\nJohn Smith,+14155550100 ext. 102,Acme,Reno\nJohn Smith,+14155550100;ext=101,Acme,Lyon\n' >js2.csv
	run --separate-stderr crm-add --import js2.csv
	status_is 0
	eq "$stderr" "0 added, 2 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT group_concat(id || ' ' || value, ',') FROM (SELECT id, value FROM customers JOIN customer_fields ON customer_id = id ORDER BY id) AS c")" \
	    '2 Lyon,3 Reno'
	# the switchboard's number alone: neither of them, said so
	printf 'Name,Phone,Company,City\nJohn Smith,+1 415 555 0100,Acme,Oslo\n' >js3.csv
	run --separate-stderr crm-add --import js3.csv
	status_is 0
	has "$stderr" "with a phone none of customers 2, 3 has (+1 415 555 0100)"
	eq "$(sql "SELECT count(*) FROM customers WHERE name = 'John Smith'")" 3
	eq "$(sql "SELECT count(*) FROM customer_fields WHERE value IN ('Lyon', 'Reno')")" 2
}

# Company and Name are headers crm reads; --map names other columns for
# them: those win, and the headers' columns are second columns, as a
# later "Mobile" is to "Phone": an extra field, or the value on a row
# where the mapped column is empty.
@test "--map COLUMN=company (or any part) wins over a column crm reads as that part by its header" {
	printf 'Name,Company,Firm,Full name\nBo,OldCo,NewCo,Bo Berg\nCy,OldCo2,,\n' >mp2.csv
	run --separate-stderr crm-add --import --map Firm=company --map 'Full name=name' mp2.csv
	status_is 0
	eq "$stderr" "2 added, 0 updated, 0 unchanged, 0 rejected, 2 organisations added"
	eq "$(sql "SELECT group_concat(name || ' ' || company, ',') FROM (SELECT * FROM customers WHERE type = 'person' ORDER BY id) AS c")" 'Bo Berg NewCo,Cy OldCo2'
	eq "$(sql "SELECT group_concat(key || '=' || value, ',') FROM (SELECT * FROM customer_fields ORDER BY customer_id, key) AS f")" 'Company 2=OldCo,Name 2=Bo'
	printf 'Name,E-mail,Buyer\nDi,old@example.com,new@example.com\n' >mp3.csv
	run --separate-stderr crm-add --import --map Buyer=email mp3.csv
	status_is 0
	eq "$(sql "SELECT email FROM customers WHERE name = 'Di'")" new@example.com
	eq "$(sql "SELECT kind || ' ' || value FROM identities")" 'email old@example.com'
}

@test "HubSpot: a Lead Status gives the status when the Lifecycle Stage is empty, Other or the company's own; never refuses the row" {
	run --separate-stderr crm-add --import "$DATA/hubspot-lead-status.csv"
	status_is 0
	eq "$stderr" "6 added, 0 updated, 0 unchanged, 0 rejected"
	# Other, empty, Frobbed: the Lead Status's lead (Unqualified: lost);
	# a Lifecycle Stage of crm's words wins; each system's word kept
	eq "$(sql "SELECT c.name || ' ' || c.status || ' ' || coalesce((SELECT group_concat(key || '=' || value, ';') FROM (SELECT * FROM customer_fields f WHERE f.customer_id = c.id AND key LIKE 'L%' ORDER BY key) AS x), '') FROM customers c ORDER BY c.id")" "Ada Other lead Lead Status=CONNECTED;Lifecycle Stage=other
Ben Empty lead Lead Status=ATTEMPTED_TO_CONTACT
Cy Custom lead Lead Status=IN_PROGRESS;Lifecycle Stage=Frobbed
Di Lead lead Lead Status=UNQUALIFIED
Ed Gone lost Lead Status=UNQUALIFIED
Flo Customer active Lead Status=CONNECTED;Lifecycle Stage=customer"
	# any two status columns: the second read as the first is
	printf 'Email,Status,Lifecycle Stage\na@example.com,,Customer\nb@example.com,,Frobbed\n' >two.csv
	run --separate-stderr crm-add --import two.csv
	status_is 0
	eq "$(sql "SELECT email || ' ' || status FROM customers WHERE email LIKE '_@example.com' ORDER BY id")" $'a@example.com active\nb@example.com active'
}

@test "upgrade: a sheet's Address updates the Address an older import wrote (one field, not a second address beside it); any case of a field's name is that field" {
	# what an older crm-add --import of an Address column left (made by
	# --map, which keeps a name as given: -F Address= is address now)
	printf 'Name,Email,Addr,Tier Note\nAnn Lee,ann@example.com,1 Main St,old\n' >ad1.csv
	import ad1.csv --map Addr=Address
	status_is 0
	eq "$(sql "SELECT key FROM customer_fields ORDER BY key")" $'Address\nTier Note'
	printf 'Name,Email,Address,TIER NOTE\nAnn Lee,ann@example.com,2 New Rd,new\n' >ad2.csv
	import ad2.csv
	status_is 0
	eq "$stderr" "0 added, 1 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT key || '=' || value FROM customer_fields ORDER BY key")" $'Address=2 New Rd\nTier Note=new'
	run crm-segment -f name "Address = '1 Main St'"
	eq "$output" "name"
	run --separate-stderr crm-segment -o vcard
	eq "$(grep -c '^ADR' <<<"$output")" 1
	import ad2.csv
	eq "$stderr" "0 added, 0 updated, 1 unchanged, 0 rejected"
	# crm-add -F too: one field whatever the case it is named in
	crm-add --update 1 -F 'address=3 Far Lane' >/dev/null
	eq "$(sql "SELECT key || '=' || value FROM customer_fields ORDER BY key")" $'Address=3 Far Lane\nTier Note=new'
}

@test "upgrade: Google's Address 1 - Formatted updates the field an older import kept under that header, which is now the address" {
	# what an older crm-add --import of a Google Contacts file left
	crm-add -n 'Ann Lee' -e ann@example.com -F 'Address 1 - Formatted=1 Main St' >/dev/null
	printf 'Name,E-mail 1 - Value,Address 1 - Formatted\nAnn Lee,ann@example.com,2 New Rd\n' >g.csv
	import g.csv
	status_is 0
	eq "$stderr" "0 added, 1 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT key || '=' || value FROM customer_fields")" 'Address 1 - Formatted=2 New Rd'
	run --separate-stderr crm-segment -o vcard
	eq "$(grep -c '^ADR' <<<"$output")" 1
	# a customer the older import never saw gets the address
	printf 'Name,E-mail 1 - Value,Address 1 - Formatted\nBo Roe,bo@example.com,9 Elm St\n' >g2.csv
	import g2.csv
	eq "$(sql "SELECT key || '=' || value FROM customer_fields ORDER BY customer_id")" $'Address 1 - Formatted=2 New Rd\naddress=9 Elm St'
}

# qa19 #1: a Salesforce Contacts report's footer, its first column First
# Name, was read as customers named "Confidential Information - Do Not
# Distribute" and "Copyright (c) ...".  Its recognised lines, and any lone
# cell after them (the company's name), are skipped; a lone cell that is
# an address before them is a customer, a name alone on its line with no
# delimiter is not (qa37: a note typed under the table), said with its line.
@test "a Salesforce report's footer under rows whose first column is a name is skipped and counted, a lone address kept" {
	printf '%s\n' '"First Name","Last Name","Account Name","Email","Phone"' \
	    '"Ann","Lee","Acme","ann@sf.example","(206) 555-0100"' \
	    '"Tom","Ray","Acme","tom@sf.example","(206) 555-0101"' \
	    '"lone@sf.example"' '"Bob"' '' '"Grand Totals (3 records)"' '' '"My Contacts"' \
	    '"Confidential Information - Do Not Distribute"' \
	    '"Copyright (c) 2000-2025 salesforce.com, inc. All rights reserved."' \
	    '"Generated By:  Dana Whitfield  12/1/2025 9:14 AM"' '"Northwind Example Inc."' >sf.csv
	import sf.csv
	status_is 0
	eq "$stderr" "crm-add: sf.csv:5: one cell in a file of 5 columns, 'Bob': skipped, not a customer
crm-add: sf.csv:7: 'Grand Totals (3 records)' and no other cell: a totals line, skipped
3 added, 0 updated, 0 unchanged, 0 rejected, 1 organisation added
7 rows skipped: no customer in them (an order's fee or transfer, a report's footer or totals line)"
	eq "$(sql "SELECT count(*) FROM customers WHERE name LIKE '%Confidential%' OR name LIKE '%Copyright%' OR name LIKE '%Generated%' OR name LIKE '%Northwind%' OR name LIKE '%Contacts%'")" 0
	eq "$(sql "SELECT name FROM customers WHERE name IN ('lone@sf.example', 'Bob')")" lone@sf.example
	# the footer alone, any line of it, wherever the name column is
	printf '%s\n' 'Email,First Name' 'a@sf.example,Ann' '"Generated By:  Dana  12/1/2025 9:14 AM"' >g.csv
	import g.csv
	status_is 0
	eq "$(sql "SELECT count(*) FROM customers WHERE name LIKE 'Generated%' OR email LIKE 'Generated%'")" 0
}

# qa18/qa19: an older Salesforce report's footer begins with the report's
# name, a lone cell under a blank line and over the copyright line (as
# WWW::Salesforce's report download strips it: "This is the report name",
# "Copyright (c) 2000-2007 salesforce.com, inc. All rights reserved.",
# "Confidential Information - Do Not Distribute", "Generated By:  username
# 2/4/2008 3:54 AM", "Company"); newer ones write "Copyright ©".  The name
# was a customer.  A name alone in a row of its cells right under another
# row is a row (qa37: not one with no delimiter, nor a heading under a
# blank line over rows).
@test "an older Salesforce report's name above its copyright line is the footer's, not a customer; a name-only row elsewhere is one" {
	printf '%s\n' '"Full Name","Email","Account Name"' \
	    '"Ann Lee","ann@sf.example","Acme"' '"Tom Ray","tom@sf.example","Acme"' \
	    '"Zoe Quinn",,' '' '"Bo Roe","bo@sf.example","Acme"' \
	    '' '"Contacts with Opportunities"' \
	    '"Copyright © 2000-2014 salesforce.com, inc. All rights reserved."' \
	    '"Confidential Information - Do Not Distribute"' \
	    '"Generated By:  Dana Whitfield  3/4/2014 9:12 AM"' '"Northwind Example Inc."' >sf.csv
	import sf.csv
	status_is 0
	eq "$stderr" "4 added, 0 updated, 0 unchanged, 0 rejected, 1 organisation added
5 rows skipped: no customer in them (an order's fee or transfer, a report's footer or totals line)"
	eq "$(sql "SELECT name FROM customers WHERE type = 'person' ORDER BY id")" $'Ann Lee\nTom Ray\nZoe Quinn\nBo Roe'
	# two blank lines above it, a TSV; the name right under a row is one
	new_db
	printf 'Full Name\tEmail\nAnn Lee\tann@sf.example\n\n\nQuote Lines Report\nCopyright (c) 2000-2026 salesforce.com, inc. All rights reserved.\n' >sf.tsv
	import sf.tsv
	status_is 0
	eq "$(sql 'SELECT name FROM customers')" 'Ann Lee'
	new_db
	printf 'Full Name\tEmail\nAnn Lee\tann@sf.example\nZoe Quinn\t\nCopyright (c) 2000-2026 salesforce.com, inc. All rights reserved.\n' >sf.tsv
	import sf.tsv
	status_is 0
	eq "$(sql 'SELECT name FROM customers ORDER BY id')" $'Ann Lee\nZoe Quinn'
}

# qa37 #4: a hand-made sheet's notes under the table and its section
# headings, one cell in the name column, were added as customers ("Note:
# Eva also handles invoices for Müller", "(c) Sales North", "North
# region").  A line of one cell in a file of several columns is skipped,
# said with its line: one with no delimiter at all, a note (a word and a
# colon, a mark no name begins with, no letter), or a heading (under the
# header or a blank line, over a row).  An address alone, a name-only row
# elsewhere, and each line of a one-column file stay customers.
@test "one cell in a file of several columns: a note, a heading or a line with no delimiter is skipped and said; a name-only row, an address, a one-column list kept" {
	printf '\xef\xbb\xbfCustomer list 2025,,,,\r\n,,,,\r\nName,Company,Phone,Email,Customer since\r\nAnn Lee,Acme,+44 20 7946 0001,ann@x.example,1/2/2025\r\nTom Ray,,,,\r\n,,,,\r\nTotal,,,,2\r\nNote: Eva also handles invoices for M\303\274ller,,,,\r\n' >c.csv
	import c.csv --date-format %m/%d/%Y
	status_is 0
	eq "$stderr" "crm-add: c.csv:1-2: before the header, skipped: 'Customer list 2025'
crm-add: c.csv:7: 'Total' and amounts only: a totals line, skipped
crm-add: c.csv:8: one cell in a file of 5 columns, 'Note: Eva also handles invoices for Müller': skipped, not a customer
2 added, 0 updated, 0 unchanged, 0 rejected, 1 organisation added
2 rows skipped: no customer in them (an order's fee or transfer, a report's footer or totals line)"
	eq "$(sql "SELECT name FROM customers WHERE type = 'person' ORDER BY id")" $'Ann Lee\nTom Ray'
	new_db
	printf 'Name,Email,Phone\nHans Meyer,hans@m.example,+49 30 111\n,,\n  Stand: 06.12.2026,,\n* prices incl. VAT,,\n(c) Sales North,,\n\xc2\xa9 2026 Sales,,\n06.12.2026,,\nA note typed with no commas\nbo@m.example\n' >f.csv
	import f.csv
	status_is 0
	eq "$stderr" "crm-add: f.csv:4: one cell in a file of 3 columns, 'Stand: 06.12.2026': skipped, not a customer
crm-add: f.csv:5: one cell in a file of 3 columns, '* prices incl. VAT': skipped, not a customer
crm-add: f.csv:6: one cell in a file of 3 columns, '(c) Sales North': skipped, not a customer
crm-add: f.csv:7: one cell in a file of 3 columns, '© 2026 Sales': skipped, not a customer
crm-add: f.csv:8: one cell in a file of 3 columns, '06.12.2026': skipped, not a customer
crm-add: f.csv:9: one cell in a file of 3 columns, 'A note typed with no commas': skipped, not a customer
2 added, 0 updated, 0 unchanged, 0 rejected
6 rows skipped: no customer in them (an order's fee or transfer, a report's footer or totals line)"
	eq "$(sql "SELECT coalesce(name, email) FROM customers ORDER BY id")" $'Hans Meyer\nbo@m.example'
	new_db
	printf 'Name,Email,Phone\nNorth region,,\nHans Meyer,hans@m.example,+49 30 111\nEva Roth,eva@r.example,+49 30 222\n,,\nSouth region,,\nKim Lo,kim@l.example,+49 30 333\nWalk-in customer,,\n' >s.csv
	import s.csv
	status_is 0
	eq "$stderr" "crm-add: s.csv:2: one cell in a file of 3 columns, 'North region': skipped, not a customer
crm-add: s.csv:6: one cell in a file of 3 columns, 'South region': skipped, not a customer
4 added, 0 updated, 0 unchanged, 0 rejected
2 rows skipped: no customer in them (an order's fee or transfer, a report's footer or totals line)"
	eq "$(sql "SELECT name FROM customers ORDER BY id")" $'Hans Meyer\nEva Roth\nKim Lo\nWalk-in customer'
	# a file of one column: each line a name
	new_db
	printf 'Name\nNorth Region Ltd\nAnn Lee\nBo Roe\n' >one.csv
	import one.csv
	status_is 0
	eq "$(sql "SELECT count(*) FROM customers")" 3
	# a JSON record of a name alone is no sheet's line
	new_db
	printf '{"name":"North region"}\n{"name":"Ann Lee","email":"ann@j.example"}\n' >one.jsonl
	import one.jsonl
	status_is 0
	eq "$(sql "SELECT name FROM customers ORDER BY id")" $'North region\nAnn Lee'
	# crm-log skips the same lines, as before
	printf 'Date,Email,Amount\nJanuary,,\n2025-01-02,hans@m.example,10.00\nNote: all amounts net,,\n' >l.csv
	crm-add -n Hans -e hans@m.example >/dev/null
	run --separate-stderr crm-log --import --kind purchase l.csv
	status_is 0
	eq "$stderr" "crm-log: l.csv: 2 rows skipped: a report's footer, not a sale
1 logged, 0 already there, 0 rejected"
}

@test "Excel's CSV UTF-8 with a title, a row of empty cells between rows and a Total line: the empty row is blank, only the Total counted (qa23)" {
	printf '\xef\xbb\xbfCustomer list Dec 2026,,,,\r\n,,,,\r\nName,Email,City,,\r\nAnn Lee,ann@example.com,Leeds,,\r\n,,,,\r\nBob Roe,bob@example.com,York,,\r\nTotal,,,,\r\n' >x.csv
	run --separate-stderr crm-add --import x.csv
	status_is 0
	eq "$stderr" "crm-add: x.csv:1-2: before the header, skipped: 'Customer list Dec 2026'
crm-add: x.csv:7: 'Total' and no other cell: a totals line, skipped
2 added, 0 updated, 0 unchanged, 0 rejected
1 row skipped: no customer in it (an order's fee or transfer, a report's footer or totals line)"
	# without the Total line nothing is counted: the empty row is a blank one
	new_db
	sed -i '/^Total/d' x.csv
	run --separate-stderr crm-add --import x.csv
	status_is 0
	eq "${stderr_lines[1]}" "2 added, 0 updated, 0 unchanged, 0 rejected"
	eq "${#stderr_lines[@]}" 2
	# crm-log and crm-deal skip it as blank too
	printf 'Email,Date,Amount,Order ID\r\nann@example.com,2025-11-01,10.00,X1\r\n,,,\r\nbob@example.com,2025-11-01,10.00,X2\r\n' >o.csv
	run --separate-stderr crm-log --import --kind purchase o.csv
	status_is 0
	eq "$stderr" "2 logged, 0 already there, 0 rejected"
	printf 'Deal Name,Email,Amount\r\nA,ann@example.com,10\r\n,,\r\nB,bob@example.com,10\r\n' >d.csv
	run --separate-stderr crm-deal --import d.csv
	status_is 0
	eq "$stderr" "2 added, 0 updated, 0 unchanged, 0 rejected"
}

# qa31 F2: Meta's lead form, lead_status CREATED, made Bob, who had paid
# 250.00, a lead again; F6: Patreon's Tier took the place of his
# Wholesale, unsaid.
@test "a file's lead does not take back a customer who buys; a membership list's Tier is the plan's" {
	crm-add -n 'Bob Turner' -e bob@example.com -T Wholesale >/dev/null
	crm-log --amount 250.00 --ref O-1 bob@example.com purchase >/dev/null
	crm-add -n 'Ina Lost' -e ina@example.com --status lost >/dev/null
	printf '%s\n' 'id,created_time,form_name,full_name,email,phone_number,lead_status' \
	    'l:1,2026-11-14T18:22:10-03:00,Coaching,Bob Turner,bob@example.com,p:+14155550132,CREATED' \
	    'l:2,2026-11-15T09:05:00+01:00,Coaching,Ina Lost,ina@example.com,,CREATED' \
	    'l:3,2026-11-15T09:06:00+01:00,Coaching,Julia Rossi,julia@example.it,,CREATED' >leads.csv
	run --separate-stderr crm-add --import leads.csv
	status_is 0
	eq "${stderr_lines[0]}" "crm-add: leads.csv: 1 customer kept her status: a file's lead or prospect does not take back a customer who buys or has bought (Bob Turner, line 2: active, not lead; crm-add -u KEY --status lead sets it by hand)"
	# a lost customer who fills in a lead form is a lead again
	eq "$(sql "SELECT name || ' ' || status FROM customers ORDER BY id" | paste -sd ,)" "Bob Turner active,Ina Lost lead,Julia Rossi lead"
	eq "$(sql "SELECT value FROM customer_fields WHERE customer_id = 1 AND key = 'lead_status'")" CREATED
	printf '%s\n' 'Name,Email,Patron Status,Tier' 'Bob Turner,bob@example.com,Active patron,Supporter' \
	    'Julia Rossi,julia@example.it,Active patron,Supporter' >members.csv
	run --separate-stderr crm-add --import members.csv
	status_is 0
	eq "$(sql "SELECT coalesce(tier, '-') FROM customers ORDER BY id" | paste -sd ,)" "Wholesale,-,-"
	eq "$(sql "SELECT value FROM customer_fields WHERE key = 'membership tier' ORDER BY customer_id" | paste -sd ,)" "Supporter,Supporter"
	run --separate-stderr crm-add --import members.csv
	eq "$stderr" "0 added, 0 updated, 2 unchanged, 0 rejected"
}

# qa32 F10: Patreon's Former patron stayed active.
@test "Patreon's Patron Status: a Former patron is inactive, an Active patron active, a Declined patron's status as it was" {
	crm-add -n 'Dana Okafor' -e dana@example.org --status prospect >/dev/null
	crm-add -n 'Erik Lund' -e erik@example.se >/dev/null
	run --separate-stderr crm-add --import "$DATA/real/patreon-members.csv"
	status_is 0
	eq "${stderr_lines[-1]}" "2 added, 2 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT name || ' ' || status FROM customers ORDER BY id" | paste -sd ,)" \
	    "Dana Okafor prospect,Erik Lund inactive,Bob Turner active,Fay Wong active"
	eq "$(sql "SELECT value FROM customer_fields WHERE key = 'Patron Status' ORDER BY customer_id" | paste -sd ,)" \
	    "Declined patron,Former patron,Active patron,Active patron"
	run --separate-stderr crm-add --import "$DATA/real/patreon-members.csv"
	eq "${stderr_lines[-1]}" "0 added, 0 updated, 4 unchanged, 0 rejected"
	# the pledge again: active again
	sed 's/,Former patron,/,Active patron,/' "$DATA/real/patreon-members.csv" >back.csv
	crm-add --import back.csv 2>/dev/null
	eq "$(sql "SELECT status FROM customers WHERE name = 'Erik Lund'")" active
	# the API's own words (patron_status former_patron)
	printf 'Name,Email,patron_status,Pledge Amount\nErik Lund,erik@example.se,former_patron,3.00\n' >api.csv
	crm-add --import api.csv 2>/dev/null
	eq "$(sql "SELECT status FROM customers WHERE name = 'Erik Lund'")" inactive
}

# qa36 F3: two rows of one file for one customer that disagree took
# turns on her, each import updating her twice and the last row's
# values left: never unchanged, and which won depended on the order.
@test "two rows of one file for one customer that disagree: the first row's values stay, the later fills what she lacks and what the file did not give; importing it again changes nothing" {
	printf '%s\n' 'email,name,Tier,City,Shoe' 'ann@x.example,Ann,gold,Oslo,' \
	    'bob@x.example,Bob,silver,Rome,' >old.csv
	import old.csv
	status_is 0
	# Bob's City is not the file's first row's: the later row's is taken
	printf '%s\n' 'email,name,Tier,City,Shoe,Guest' \
	    'ann@x.example,Ann,platinum,Bergen,,0' 'bob@x.example,Bob,silver,,41,' \
	    'ann@x.example,Ann,gold,Bergen,38,1' 'bob@x.example,Bob,gold,Milan,42,1' >two.csv
	import two.csv
	status_is 0
	eq "$stderr" "crm-add: two.csv: 2 rows named a customer an earlier row named, with other values: the earlier row's kept, so that the file imported again changes nothing (line 4, ann@x.example as on line 2: tier, Guest)
0 added, 4 updated, 0 unchanged, 0 rejected"
	eq "$(crm-segment -o csv -f email,tier,City,Shoe,Guest | tail -n +2)" \
	    $'ann@x.example,platinum,Bergen,38,0\nbob@x.example,silver,Milan,41,1'
	local before; before=$(sql "SELECT * FROM customers; SELECT * FROM customer_fields")
	import two.csv
	status_is 0
	eq "$stderr" "crm-add: two.csv: 2 rows named a customer an earlier row named, with other values: the earlier row's kept, so that the file imported again changes nothing (line 4, ann@x.example as on line 2: tier, Guest)
0 added, 0 updated, 4 unchanged, 0 rejected"
	eq "$(sql "SELECT * FROM customers; SELECT * FROM customer_fields")" "$before"
	eq "$(sql "SELECT count(*) FROM audit WHERE action = 'update'")" 4
}
