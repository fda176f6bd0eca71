#!/usr/bin/env bats
# Test plan: the shared record reader (lib/rec.c) on untidy real files,
# through crm-add --import and crm-log - (fixtures t/data/reader-*.csv).
#   - a preamble before the header, in LinkedIn Connections.csv's real
#     shape ("Notes:", a quoted paragraph, a blank line): skipped, nothing
#     said on stderr but the summary; the same through stdin; a row of
#     empty cells before a header skipped too
#   - the delimiter is the header's, not the notes': a TSV file with notes
#   - a one-column file (just "email") keeps its header; under a header
#     naming a known column each line is one value, its commas its own
#     ("Acme, Inc.", "Lee, Bo <bo@x.example>"), quoted or not, to its end
#     (past 50 lines), a quoted value over lines one value (a quote closed
#     with text after it on a line below, or never, refused); such a
#     header above a table's header or rows (short rows, ", ") is a title;
#     above a row of values ("bob@x.test,Bob,1", "Ann,ann@x.test") it is
#     the header, and the wider row is refused naming it
#   - ragged rows: a row shorter than the header is padded with empty
#     cells (CSV and TSV); a longer one is refused with the real count,
#     and --rejects gets every cell it had
#   - line numbers after a preamble are the file's own lines
#   - a report's title padded with commas to the header's width ("Report,,,"
#     and ",,,") is skipped too when the line below reads as a header; what
#     is skipped is said on stderr (FILE:FIRST-LAST: ...)
#   - two byte order marks at the start (a re-saved file) are both skipped
#   - the delimiter is guessed from the first records, not the first line:
#     German Excel's "Name, Vorname;E-Mail" with CRLF and a BOM, a title with
#     a comma above a ';' or tab header, a ';' file with decimal commas;
#     one the first lines cannot tell is refused naming --delimiter
#   - crm-add: every row skipped as no customer's under a header with no
#     name or e-mail column is refused (65), not a summary and exit 0

load helper

import() {
	local f=$1
	shift
	run --separate-stderr crm-add --import "$@" "$f"
}

@test "LinkedIn's Connections.csv: the notes before the header are skipped" {
	local undo='crm undo, then '
	[[ $CRM_TEST_ENGINE != pg ]] || undo=	# crm undo is SQLite's
	import "$DATA/reader-linkedin.csv"
	status_is 0
	eq "$stderr" "crm-add: $DATA/reader-linkedin.csv:1-3: before the header, skipped: 'Notes:'
crm-add: $DATA/reader-linkedin.csv: Connected On: every value is a date, but the customers added were created now (no created column): if it is when they began, ${undo}say --map 'Connected On=created'
2 added, 0 updated, 0 unchanged, 0 rejected, 2 organisations added"
	eq "$(sql "SELECT name, email, company, role FROM customers WHERE type = 'person' ORDER BY id")" \
	    $'Ann Lee|ann@example.com|Acme|CTO\nBob Ray|bob@example.com|Beta Ltd|'
	# Each person's company is their organisation now, and Position
	# their role: what is left of the row is kept as fields.
	eq "$(sql "SELECT key || '=' || value FROM customer_fields WHERE customer_id = (SELECT id FROM customers WHERE name = 'Ann Lee') ORDER BY key")" \
	    $'Connected On=05 Mar 2024\nURL=https://www.linkedin.com/in/annlee'
}

@test "the same from stdin, and with a row of empty cells before the header" {
	local undo='crm undo, then '
	[[ $CRM_TEST_ENGINE != pg ]] || undo=	# crm undo is SQLite's
	run --separate-stderr crm-add --import - <"$DATA/reader-linkedin.csv"
	status_is 0
	eq "$stderr" "crm-add: stdin:1-3: before the header, skipped: 'Notes:'
crm-add: stdin: Connected On: every value is a date, but the customers added were created now (no created column): if it is when they began, ${undo}say --map 'Connected On=created'
2 added, 0 updated, 0 unchanged, 0 rejected, 2 organisations added"
	printf ',,\n,,\nname,email,city\nAnn,ann@x.example,Oslo\n' >empty-first.csv
	import empty-first.csv -d two.db
	status_is 0
	eq "$(sqlite3 two.db "SELECT name, email FROM customers")" 'Ann|ann@x.example'
}

@test "a report's title padded with commas above the header is skipped, and said; a one-named-column header is kept" {
	printf 'Customer report,,,\n,,,\nName,Email,Phone,City\nAnn,ann@x.example,1,Oslo\n' >title.csv
	import title.csv
	status_is 0
	eq "$stderr" "crm-add: title.csv:1-2: before the header, skipped: 'Customer report'
1 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT name, email, phone FROM customers")" 'Ann|ann@x.example|1'
	eq "$(sql "SELECT key || '=' || value FROM customer_fields")" 'City=Oslo'
	# crm-log reads the same way
	printf 'Visits,,\n,,\nEmail,Kind,Summary\nann@x.example,call,hi\n' >log.csv
	run --separate-stderr crm-log --import log.csv
	status_is 0
	eq "${stderr_lines[0]}" "crm-log: log.csv:1-2: before the header, skipped: 'Visits'"
	eq "$(sql "SELECT kind, summary FROM interactions")" 'call|hi'
	# a header that names one column of several, above rows of values
	# (an address, a number): the header it is, nothing skipped
	printf 'name,,\nBo,bo@x.example,7\n' >one.csv
	import one.csv
	status_is 0
	eq "$stderr" "1 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT key || '=' || value FROM customer_fields WHERE customer_id = 2 ORDER BY key")" $'column 2=bo@x.example\ncolumn 3=7'
}

@test "a TSV file with notes above its header is read as TSV" {
	printf 'Exported 2026-11-01\n\nname\temail\tcity\nAnn\tann@x.example\tOslo, Norway\n' >notes.tsv
	import notes.tsv
	status_is 0
	eq "$(sql "SELECT name, email, (SELECT value FROM customer_fields) FROM customers")" \
	    'Ann|ann@x.example|Oslo, Norway'
}

@test "a one-column file keeps its header" {
	printf 'email\nann@x.example\nbob@x.example\n' >one.csv
	import one.csv
	status_is 0
	eq "$stderr" "2 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql 'SELECT email FROM customers ORDER BY id')" $'ann@x.example\nbob@x.example'
}

@test "a one-column list whose values hold commas, quoted or not: read under its header, one line a value, not a title above a table (QA left1)" {
	# companies, as a spreadsheet saves them (quoted) and as typed
	printf 'Company\n"Acme, Inc."\nFoo, Ltd.\nBar GmbH\n' >co.csv
	import co.csv
	status_is 0
	eq "$stderr" "crm-add: co.csv: an organisation export: each row is an organisation
3 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql 'SELECT name FROM customers ORDER BY id')" $'Acme, Inc.\nFoo, Ltd.\nBar GmbH'
	# e-mails, one in a display-name form with a comma (quoted as RFC
	# 5322 quotes it, or not): each is its line's one cell, whose
	# address is taken and its name the customer's (qa37 #13a), said
	printf 'email\nann@x.example\n"Lee, Ann" <lee@x.example>\nLee, Bo <bo@x.example>\nbob@x.example\n' >em.csv
	import em.csv -d em.db --rejects rej.csv
	status_is 0
	eq "${stderr_lines[-1]}" "4 added, 0 updated, 0 unchanged, 0 rejected"
	has "$stderr" '2 e-mail cells held a name with the address ("Name <address>")'
	eq "$(sqlite3 em.db 'SELECT email FROM customers ORDER BY id')" $'ann@x.example\nlee@x.example\nbo@x.example\nbob@x.example'
	# a list of e-mails to erase, the same way
	printf 'Email\nann@x.example\n' | run --separate-stderr crm-add -d em.db --erase - --yes
	status_is 0
	eq "$(sqlite3 em.db 'SELECT email FROM customers ORDER BY id')" $'lee@x.example\nbo@x.example\nbob@x.example'
	# a quoted name over two lines is one value
	printf 'Name\n"Ann\nLee"\nBo\n' >ml.csv
	import ml.csv -d ml.db
	status_is 0
	eq "$(sqlite3 ml.db 'SELECT name FROM customers ORDER BY id')" $'Ann\nLee\nBo'
	# a title that names no column above a table is still a title
	printf 'Kunden, Stand 2026\nName;E-Mail\nAnn;ann@y.example\n' >t.csv
	import t.csv -d t.db
	status_is 0
	eq "$(sqlite3 t.db 'SELECT name || "|" || email FROM customers')" 'Ann|ann@y.example'
}

@test "a one-word title naming a column above a table with short rows or ', ' is a title, not a list's header (regression trial #1)" {
	printf 'Name\nemail,name,phone\na@x.com,Ann,555\nb@x.com,Bob\n' >t.csv
	import t.csv
	status_is 0
	eq "$stderr" "crm-add: t.csv:1: before the header, skipped: 'Name'
2 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql 'SELECT name, email, phone FROM customers ORDER BY id')" $'Ann|a@x.com|555\nBob|b@x.com|'
	# an organisation's title: no organisations made of the rows
	printf 'Company\nemail,name,phone\na@x.com,Ann,555\nb@x.com,Bob\n' >c.csv
	import c.csv -d c.db
	status_is 0
	eq "$(sqlite3 c.db 'SELECT name || "|" || email FROM customers ORDER BY id')" $'Ann|a@x.com\nBob|b@x.com'
	# Owner and Status: read, not refused
	printf 'Owner\nemail,name\na@x.com,Ann\nb@x.com\n' >o.csv
	import o.csv -d o.db
	status_is 0
	eq "$(sqlite3 o.db 'SELECT email FROM customers ORDER BY id')" $'a@x.com\nb@x.com'
	# a table written with ", " under such a title, no short row
	printf 'Company\nemail, name, company\na@x.com, Ann, Acme\n' >s.csv
	import s.csv -d s.db
	status_is 0
	eq "$(sqlite3 s.db "SELECT name || '|' || email FROM customers WHERE email <> ''")" 'Ann|a@x.com'
	eq "$(sqlite3 s.db "SELECT count(*) FROM customers WHERE name LIKE '%,%'")" 0
	# a title, a blank line and a table: still a title
	printf 'Name\n\nemail;name\na@x.com;Ann\nb@x.com\n' >b.csv
	import b.csv -d b.db
	status_is 0
	eq "$(sqlite3 b.db 'SELECT email FROM customers ORDER BY id')" $'a@x.com\nb@x.com'
}

@test "a one-column list is read so to its end, past the first 50 lines; a quoted value may span lines (regression trial #3, #4)" {
	{ echo Company; for i in $(seq 1 60); do echo "Org $i"; done; echo 'Acme, Inc.'; } >l.csv
	import l.csv
	status_is 0
	eq "$(sql 'SELECT count(*) FROM customers')" 61
	eq "$(sql 'SELECT name FROM customers ORDER BY id DESC LIMIT 1')" 'Acme, Inc.'
	# a quoted value over two lines, "" a quote in it, blanks after the
	# closing quote, CRLF lines
	printf 'Company\r\nAcme, Inc.\r\n"Globex\r\nEast, LLC"\r\n"Say ""Hi"", Ltd."  \r\n' >q.csv
	import q.csv -d q.db
	status_is 0
	eq "$(sqlite3 q.db "SELECT replace(name, char(13), '') FROM customers ORDER BY id")" $'Acme, Inc.\nGlobex\nEast, LLC\nSay "Hi", Ltd.'
	# a quote closed on a line below with text after it, or never:
	# refused at its line, nothing added
	printf 'Company\nAcme, Inc.\n"Globex\nEast" LLC\n' >b.csv
	import b.csv -d b.db
	status_is 65
	eq "${stderr##*$'\n'}" "crm-add: b.csv:3: the quote that opens this line closes on line 4 with text after it"
	printf 'Company\nAcme, Inc.\n"Globex\nEast, LLC\n' >u.csv
	import u.csv -d b.db
	status_is 65
	eq "${stderr##*$'\n'}" "crm-add: u.csv:3: the quote that opens this line is never closed"
	[[ ! -e b.db ]] || eq "$(sqlite3 b.db 'SELECT count(*) FROM customers')" 0
}

# h-left3 (trials): a one-column e-mail list whose later rows are wider
# took its first lines for a title and a row for the header, then
# refused the next row as having "no name and no e-mail"; read as a list,
# "bob@x.test,Bob,1" was one e-mail cell.  The one-column header is the
# header, and the wider row is refused naming it and what to mend.
@test "a one-column header above rows wider than it (email; ann@x; bob@x,Bob,1): refused at the first wider row, naming the header, not a title above a row taken for a header" {
	printf 'email\nann@x.test\nbob@x.test,Bob,1\ncy@x.test,Cy,2\n' >w.csv
	import w.csv
	fails 65 "crm-add: w.csv:3: row has 3 fields, the header has 1 ('email', line 1): name each of the row's columns in the header"
	no_db
	# the wider row the last, where the lines below read as a list
	printf 'email\nann@x.test\nbob@x.test,Bob,1\n' >w2.csv
	import w2.csv
	fails 65 "crm-add: w2.csv:3: row has 3 fields, the header has 1 ('email', line 1): name each of the row's columns in the header"
	no_db
	# a column's name above rows with no header of their own
	printf 'Name\nAnn,ann@x.test\n' >n.csv
	import n.csv
	fails 65 "crm-add: n.csv:2: row has 2 fields, the header has 1 ('Name', line 1): name each of the row's columns in the header"
	no_db
	run --separate-stderr crm-log --import --add-customers --kind call w.csv
	fails 65 "crm-log: w.csv:3: row has 3 fields, the header has 1 ('email', line 1): name each of the row's columns in the header"
	# --rejects: the one-cell row lands, the wider ones are kept whole
	import w.csv --rejects rej.csv
	status_is 0
	eq "$stderr" "1 added, 0 updated, 0 unchanged, 2 rejected"
	eq "$(sql 'SELECT email FROM customers')" ann@x.test
	has "$(cat rej.csv)" "3,\"row has 3 fields, the header has 1 ('email', line 1): name each of the row's columns in the header\",bob@x.test,Bob,1"
	# as it says: each column named, the short row padded
	new_db
	printf 'email,name,visits\nann@x.test\nbob@x.test,Bob,1\n' >ok.csv
	import ok.csv
	status_is 0
	eq "$(sql 'SELECT email, name FROM customers ORDER BY id')" $'ann@x.test|\nbob@x.test|Bob'
}

# A line of one cell, no delimiter at all, in a file of several columns
# is no customer's row (qa37: a note typed under the table): said.
@test "ragged rows: trailing empty cells left out are padded (CSV and TSV)" {
	import "$DATA/reader-ragged.csv"
	status_is 0
	eq "$stderr" "crm-add: $DATA/reader-ragged.csv:4: one cell in a file of 4 columns, 'Carla': skipped, not a customer
2 added, 0 updated, 0 unchanged, 0 rejected
1 row skipped: no customer in it (an order's fee or transfer, a report's footer or totals line)"
	eq "$(sql 'SELECT name, email, phone FROM customers ORDER BY id')" \
	    $'Ann|ann@x.example|1\nBob|bob@x.example|'
	eq "$(sql "SELECT customer_id || ':' || key || '=' || value FROM customer_fields")" '1:city=Oslo'
	printf 'name\temail\tphone\nDan\tdan@x.example\n' >ragged.tsv
	import ragged.tsv -d tsv.db
	status_is 0
	eq "$(sqlite3 tsv.db 'SELECT name, email, phone FROM customers')" 'Dan|dan@x.example|'
}

@test "a row longer than the header: 65 with the real count; --rejects keeps every cell" {
	printf 'name,email\nAnn,ann@x.example\nBob,bob@x.example,x,y\n' >long.csv
	import long.csv
	fails 65 "crm-add: long.csv:3: row has 4 fields, the header has 2"
	no_db
	import long.csv --rejects rej.csv
	status_is 0
	eq "$stderr" "1 added, 0 updated, 0 unchanged, 1 rejected"
	# all four cells: lib/import.c's rejects writer (someone else's side)
	has "$(cat rej.csv)" '3,"row has 4 fields, the header has 2",Bob,bob@x.example'
}

@test "line numbers after a preamble are the file's own" {
	cp "$DATA/reader-linkedin.csv" bad.csv
	printf 'Cy,Li,,not-an-address,,,\n' >>bad.csv
	import bad.csv
	fails 65 "crm-add: bad.csv:1-3: before the header, skipped: 'Notes:'
crm-add: bad.csv:7: Email Address: not a valid e-mail address"
	crm-add --name Ann --email ann@example.com 2>/dev/null
	run --separate-stderr crm-log - note <bad.csv
	fails 65 "crm-log: stdin:1-3: before the header, skipped: 'Notes:'
crm-log: stdin:6: Email Address: no customer 'bob@example.com'"
}

@test "two exports joined with cat: crm-add skips the header in mid-file, and says so" {
	printf 'Name,Email\nAnn Lee,ann@x.example\nName,Email\nBob Roe,bob@x.example\n' >hc.csv
	run --separate-stderr crm-add --import hc.csv
	status_is 0
	eq "${stderr_lines[0]}" "crm-add: hc.csv:3: the header again (files joined?): skipped"
	eq "$(sql 'SELECT name, email FROM customers ORDER BY id')" $'Ann Lee|ann@x.example\nBob Roe|bob@x.example'
	# the second file began with a byte order mark (Excel's CSV UTF-8)
	printf '\357\273\277Name,Email\nCy Poe,cy@x.example\n' >>hc.csv
	run --separate-stderr crm-add --import hc.csv
	status_is 0
	eq "${stderr_lines[1]}" "crm-add: hc.csv:5: the header again (files joined?): skipped"
	eq "$(sql 'SELECT count(*) FROM customers')" 3
}

@test "two byte order marks (a file re-saved by PowerShell): neither is part of the first header" {
	printf '\357\273\277\357\273\277Name,Email\nDouble Bom,db@x.example\n' >dbom.csv
	run --separate-stderr crm-add --import dbom.csv
	status_is 0
	eq "$stderr" "1 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql 'SELECT name, email FROM customers')" 'Double Bom|db@x.example'
	eq "$(sql 'SELECT count(*) FROM customer_fields')" 0
	# and crm-log's key column is found the same way
	printf '\357\273\277\357\273\277email,kind\ndb@x.example,call\n' >log.csv
	run --separate-stderr crm-log --import - <log.csv
	status_is 0
	eq "$(sql 'SELECT kind FROM interactions')" call
}

@test "a file whose lines end in CR alone (an old Mac's, Excel for Mac's CSV): rows read, and an error names its own line" {
	printf 'Name,Email\rAnn Lee,ann@x.example\rBob Roe,bob@x.example\r' >cr.csv
	run --separate-stderr crm-add --import cr.csv
	status_is 0
	eq "$(sql 'SELECT name FROM customers ORDER BY id')" $'Ann Lee\nBob Roe'
	printf 'email,date,kind,amount\rann@x.example,2024-01-01,call,\rbob@x.example,bad,call,\r' >crl.csv
	run --separate-stderr crm-log --import crl.csv
	fails 65 "crm-log: crl.csv:3: date: not a date (ISO 8601: 2026-11-23 or 2026-11-23T09:30:00Z; an import reads other forms with --date-format)"
	eq "$(sql 'SELECT count(*) FROM interactions')" 0
}

@test "German Excel's CSV (BOM, ';', CRLF) whose header holds a comma: read at ';', as its rows are" {
	printf '\357\273\277Name, Vorname;E-Mail\r\nM\303\274ller, J\303\274rgen;jm@mueller.test\r\nSchmidt, Anna;as@schmidt.test\r\n' >kunden.csv
	import kunden.csv
	status_is 0
	eq "$stderr" "2 added, 0 updated, 0 unchanged, 0 rejected"
	# "Name, Vorname" is one column of "Last, First": the name
	eq "$(sql "SELECT email || ' ' || name FROM customers ORDER BY id")" \
	    $'jm@mueller.test M\303\274ller, J\303\274rgen\nas@schmidt.test Schmidt, Anna'
	eq "$(sql 'SELECT count(*) FROM customer_fields')" 0
	# a ';' file's decimal commas in every row but the header: still ';'
	printf 'Name;E-Mail;Umsatz\nBea;bea@x.example;1.333,56\nCid;cid@x.example;2,50\n' >umsatz.csv
	import umsatz.csv
	status_is 0
	eq "$(sql "SELECT value FROM customer_fields WHERE key = 'Umsatz' ORDER BY customer_id")" $'1.333,56\n2,50'
}

@test "a title with a comma above a ';' or tab header is skipped, not taken for a comma CSV's header" {
	printf 'Kundenliste, Stand 05.03.2024\r\nName;E-Mail;Telefon\r\nJ\303\274rgen M\303\274ller;jm@mueller.test;030 1234\r\nAnna Schmidt;as@schmidt.test;040 55\r\n' >titel.csv
	import titel.csv
	status_is 0
	eq "$stderr" "crm-add: titel.csv:1: before the header, skipped: 'Kundenliste, Stand 05.03.2024'
2 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql 'SELECT name, email, phone FROM customers ORDER BY id')" \
	    $'J\303\274rgen M\303\274ller|jm@mueller.test|030 1234\nAnna Schmidt|as@schmidt.test|040 55'
	printf 'Customer list, March 2024\nName\tEmail\tPhone\nAnn Lee\tann@x.example\t1\nBob Roe\tbob@x.example\t2\n' >title.tsv
	import title.tsv -d tab.db
	status_is 0
	eq "$(sqlite3 tab.db 'SELECT name, email, phone FROM customers ORDER BY id')" \
	    $'Ann Lee|ann@x.example|1\nBob Roe|bob@x.example|2'
	# crm-log reads the same way
	printf 'Bestellungen, M\303\244rz\nE-Mail;Art;Notiz\njm@mueller.test;call;hallo\n' >log.csv
	run --separate-stderr crm-log --import log.csv
	status_is 0
	eq "$(sql 'SELECT kind, summary FROM interactions')" 'call|hallo'
}

@test "a delimiter the first lines cannot tell: refused, naming --delimiter, which reads it" {
	printf 'Name,Vorname;E-Mail\nM\303\274ller,J\303\274rgen;jm@mueller.test\n' >amb.csv
	import amb.csv
	fails 65 "crm-add: amb.csv:1: the delimiter could be ',' or ';': the first lines split alike at each; say which with --delimiter"
	no_db || eq "$(ncustomers)" 0
	import amb.csv --delimiter ';'
	status_is 0
	eq "$(sql "SELECT email || ' ' || name FROM customers")" \
	    "jm@mueller.test M$(printf '\303\274')ller,J$(printf '\303\274')rgen"
}

@test "every row skipped as no customer's under a header with no name or e-mail column: refused, not exit 0" {
	printf 'Kundenliste, Stand 05.03.2024\r\nName;E-Mail;Telefon\r\nAnna Schmidt;as@schmidt.test;040 55\r\n' >titel.csv
	import titel.csv --delimiter ,
	fails 65 "crm-add: titel.csv:1: no column is read as a name or an e-mail, and every row was skipped as naming no customer: is the header right ('Kundenliste', ' Stand 05.03.2024', split at ',')?  Say the delimiter with --delimiter, or the column with --map 'COLUMN=name'"
	no_db || eq "$(ncustomers)" 0
}

@test "a comma CSV whose quoted notes span lines with ';', or whose short rows hold a ';': read at ',' (QA qa14 F4)" {
	printf 'Name,Email,Notes\nAnn Lee,ann@x.test,"Tel: 0221 123; Fax: 0221 124\nLieferung: Hauptstr. 1; 50667 K\303\266ln\nKontakt: Hr. Meier; Fr. Schulz"\nBob Ray,bob@x.test,"Mo; Di\nMi; Do"\n' >multi.csv
	import multi.csv
	status_is 0
	eq "$stderr" "2 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT name || '|' || email FROM customers ORDER BY id")" $'Ann Lee|ann@x.test\nBob Ray|bob@x.test'
	eq "$(sql "SELECT value FROM customer_fields WHERE key = 'note' ORDER BY customer_id")" \
	    $'Tel: 0221 123; Fax: 0221 124\nLieferung: Hauptstr. 1; 50667 K\303\266ln\nKontakt: Hr. Meier; Fr. Schulz\nMo; Di\nMi; Do'
	# the same through crm-log, whose customer column is found
	crm-add -d log.db -n A -e ann@x.test >/dev/null
	printf 'email,date,kind,note\nann@x.test,2025-01-02,call,"one; two\nthree; four"\nann@x.test,2025-01-03,call,"a; b\nc; d"\n' >log.csv
	run --separate-stderr crm-log -d log.db --import log.csv
	status_is 0
	eq "$(sqlite3 log.db "SELECT summary FROM interactions ORDER BY id")" $'one; two\nthree; four\na; b\nc; d'
	# short rows (padded) with an unquoted '; ' in the note
	printf 'Name,Email,Phone,Notes\nAnn,ann@x.test,,likes tea; no sugar\nBob,bob@x.test,+1 555,met at fair; follow up\nCy,cy@x.test,x; y\nDi,di@x.test,a; b\n' >rag.csv
	import rag.csv -d rag.db
	status_is 0
	eq "$stderr" "4 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sqlite3 rag.db "SELECT name || '|' || email FROM customers ORDER BY id")" \
	    $'Ann|ann@x.test\nBob|bob@x.test\nCy|cy@x.test\nDi|di@x.test'
}

@test "a ';' table under a preamble of many lines holding ', ': read at ';', the preamble skipped (QA qa14 F11)" {
	{ for i in 1 2 3 4 5 6; do printf 'Kontoauszug Zeile %d, Stand 05.03.2024\n' $i; done
	  printf '\nName;E-Mail;Ort\n'
	  for i in 1 2 3; do printf 'Kunde %d;k%d@x.test;K\303\266ln, Deutschland\n' $i $i; done; } >pre.csv
	import pre.csv
	status_is 0
	eq "$stderr" "crm-add: pre.csv:1-7: before the header, skipped: 'Kontoauszug Zeile 1, Stand 05.03.2024'
3 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT name || '|' || email FROM customers ORDER BY id")" \
	    $'Kunde 1|k1@x.test\nKunde 2|k2@x.test\nKunde 3|k3@x.test'
	eq "$(sql "SELECT DISTINCT value FROM customer_fields WHERE key = 'Ort'")" "K$(printf '\303\266')ln, Deutschland"
}

# qa18 F8: a report's "Export Date,2026-12-01" above its header was
# taken for the header, and the file refused.
@test "lines of a label and its value above a wider header naming a known column are skipped, and said; a two-column file keeps its header" {
	{ for i in 1 2 3; do printf 'Zeile %d;Stand 05.03.2024\n' $i; done
	  printf 'Name;E-Mail;Ort\nKunde 1;k1@x.test;Ulm\n'; } >two.csv
	import two.csv
	status_is 0
	eq "$stderr" "crm-add: two.csv:1-3: before the header, skipped: 'Zeile 1'
1 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT name || '|' || email || '|' || (SELECT value FROM customer_fields WHERE key = 'Ort') FROM customers")" 'Kunde 1|k1@x.test|Ulm'
	# a two-column file: its header, however many cells a row has
	new_db
	printf '%s\n' 'Name,Email' 'Ann,ann@x.test' 'Bob,bob@x.test' >two-col.csv
	import two-col.csv
	status_is 0
	eq "$stderr" "2 added, 0 updated, 0 unchanged, 0 rejected"
	new_db
	printf '%s\n' 'Name,Note' 'Ann Lee,likes tea' 'Bob Roe,tea,Name,Email' >notes.csv
	import notes.csv --rejects rej.csv
	eq "$stderr" "1 added, 0 updated, 0 unchanged, 1 rejected"
	eq "$(sql "SELECT name FROM customers ORDER BY id" | paste -sd ' ')" 'Ann Lee'
}

@test "a ';' table under a preamble the reader cannot skip (more than 50 lines; lines of two cells): refused naming the header's line and that the lines above must go, not --map (QA left1)" {
	{ for i in $(seq 1 60); do printf 'Kontoauszug Zeile %d, Stand 05.03.2024\n' $i; done
	  printf 'Name;E-Mail;Ort\nKunde 1;k1@x.test;Ulm\n'; } >long.csv
	import long.csv
	fails 65 "crm-add: long.csv:1: no column is read as a name or an e-mail: line 61 looks like the header (split at ';'), under a title block: delete the lines above it (no option reads past them)"
	# --delimiter does not read past it either: the message is true
	import long.csv --delimiter ';'
	fails 65 "crm-add: long.csv:1: no column is read as a name or an e-mail: line 61 looks like the header, under a title block: delete the lines above it (no option reads past them)"
	# lines of two cells with an address in them may be rows: not skipped
	{ for i in 1 2 3; do printf 'Zeile %d;z%d@firma.test\n' $i $i; done
	  printf 'Name;E-Mail;Ort\nKunde 1;k1@x.test;Ulm\n'; } >two.csv
	import two.csv
	fails 65 "crm-add: two.csv:1: no column is read as a name or an e-mail: line 4 looks like the header, under a title block: delete the lines above it (no option reads past them)"
	[[ ! -e $CRM_DB ]] || eq "$(sql "SELECT count(*) FROM customers")" 0
	# as it says: without the lines above, read
	sed -n '61,$p' long.csv >cut.csv
	import cut.csv
	status_is 0
	eq "$(sql "SELECT name || '|' || email FROM customers")" 'Kunde 1|k1@x.test'
	# crm-log names the line alike
	run --separate-stderr crm-log --import --kind note long.csv
	fails 65 "crm-log: long.csv:1: no customer column: line 61 looks like the header, under a title block: delete the lines above it"
}
