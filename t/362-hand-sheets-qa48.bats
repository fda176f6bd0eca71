#!/usr/bin/env bats
# Test plan: hand-made sales sheets saved by spreadsheet programs (qa48),
# in crm-log (and crm-add where it shares the reader).
#   - a day's name that is not the date's ("Sunday, March 2, 2026",
#     RFC 5322's "Sun, 03 Nov 2026 ..." on a Tuesday) is no date: refused
#     at file:line: column, saying which day the date is, database
#     unchanged; with a --date-format's %A and without one
#   - German, French, Spanish, Italian day names read with %a / %A as
#     the month names are (German Excel's Long Date "Montag, 2. März
#     2026"); without a format the refusal names the format; the English
#     Long Date ("Monday, March 2, 2026") is read without one
#   - a sheet with an Amount and a Total counts the Amount whichever
#     comes first, and says the Total is not counted; two of a kind
#     (Total, Grand Total) are refused naming the --map
#   - a header written twice (Amount, Amount) is said; a row where the
#     second cell differs is refused at file:line: column, database
#     unchanged; crm-add's Name twice is said
#   - a sum or subtotal row with no word in its first cell is refused
#     saying it looks like one (and that the rows above come to it)
#   - a '|'-separated file is refused naming --delimiter '|'
#   - Excel's Accounting zero (" $ -   ", "€ -", "-") is 0.00
#   - a ';' file's 1,234 read as 1234.00 is said once a column
#   - a CR-only file ("CSV (Macintosh)") with a cell's line break (LF):
#     errors name the line as the file's CRs count it; the cell keeps
#     its line break
bats_require_minimum_version 1.5.0

load helper

customers() {
	crm-add -n 'Hans Müller' -e hans@mueller.example >/dev/null
	crm-add -n 'Ann Smith' -e ann@smith.example >/dev/null
}

# The interactions' times and amounts, in order of id.
logged() {
	sql "SELECT substr(at, 1, 10) || ' ' || amount FROM interactions
	    ORDER BY id" | paste -sd' '
}

@test "a day's name that is not the date's is refused, saying the date's day (qa48 F3)" {
	customers
	printf '%s\n' 'Email,Date,Amount' \
	    'hans@mueller.example,"Monday, March 2, 2026",10.00' \
	    'ann@smith.example,"Sunday, March 2, 2026",20.00' >wd.csv
	run --separate-stderr crm-log --import --kind purchase \
	    --date-format '%A, %B %d, %Y' wd.csv
	status_is 65
	has "$stderr" "crm-log: wd.csv:3: Date: not a date ('Sunday, March 2, 2026' names a Sunday, but the date is a Monday: the day or the date is wrong)"
	eq "$(sql 'SELECT count(*) FROM interactions')" 0
	run --separate-stderr crm-log --import --kind purchase wd.csv
	status_is 65
	has "$stderr" "crm-log: wd.csv:3: Date: not a date ('Sunday, March 2, 2026' names a Sunday, but the date is a Monday: the day or the date is wrong)"
	printf '%s\n' 'Email,Date,Amount' \
	    'hans@mueller.example,"Sun, 03 Nov 2026 14:02:11 +0000",10.00' \
	    >rfc.csv
	run --separate-stderr crm-log --import --kind purchase rfc.csv
	status_is 65
	has "$stderr" "crm-log: rfc.csv:2: Date: not a date ('Sun, 03 Nov 2026 14:02:11 +0000' names a Sunday, but the date is a Tuesday: the day or the date is wrong)"
	printf '%s\n' 'Email,Date,Amount' \
	    'hans@mueller.example,"Do, 03.03.2026",10.00' >de.csv
	run --separate-stderr crm-log --import --kind purchase \
	    --date-format '%a, %d.%m.%Y' de.csv
	status_is 65
	has "$stderr" "crm-log: de.csv:2: Date: not a date ('Do, 03.03.2026' names a Thursday, but the date is a Tuesday: the day or the date is wrong)"
	eq "$(sql 'SELECT count(*) FROM interactions')" 0
	# the right days land, with the format and without one
	printf '%s\n' 'Email,Date,Amount' \
	    'hans@mueller.example,"Tue, 03 Nov 2026 14:02:11 +0000",10.00' \
	    'ann@smith.example,"Monday, March 2, 2026",20.00' >ok.csv
	run --separate-stderr crm-log --import --kind purchase ok.csv
	status_is 0
	eq "$(logged)" "2026-11-03 1000 2026-03-02 2000"
}

@test "German, French, Spanish and Italian day names are read with %a and %A; German Excel's Long Date (qa48 F4)" {
	customers
	printf '%s\n' 'Email,Datum,Betrag' \
	    'hans@mueller.example,"Montag, 2. März 2026",10.00' \
	    'ann@smith.example,"Sonntag, 15. März 2026",20.00' >long.csv
	run --separate-stderr crm-log --import --kind purchase long.csv
	status_is 65
	has "$stderr" "crm-log: long.csv:2: Datum: not a date (ISO 8601: 2026-11-23 or 2026-11-23T09:30:00Z; an import reads other forms with --date-format; a day's or month's name: say --date-format '%A, %d. %B %Y')"
	eq "$(sql 'SELECT count(*) FROM interactions')" 0
	run --separate-stderr crm-log --import --kind purchase \
	    --date-format '%A, %d. %B %Y' long.csv
	status_is 0
	eq "$(logged)" "2026-03-02 1000 2026-03-15 2000"
	printf '%s\n' 'Email,Date,Amount' \
	    'hans@mueller.example,"Mo, 06.04.2026",1.00' \
	    'hans@mueller.example,"Mi., 08.04.2026",2.00' >short.csv
	run --separate-stderr crm-log --import --kind purchase \
	    --date-format '%a, %d.%m.%Y' short.csv
	status_is 0
	printf '%s\n' 'Email,Date,Amount' \
	    'ann@smith.example,"lundi 4 mai 2026",3.00' \
	    'ann@smith.example,"mar. 5 mai 2026",4.00' >fr.csv
	run --separate-stderr crm-log --import --kind purchase \
	    --date-format '%a %d %B %Y' fr.csv
	status_is 0
	printf '%s\n' 'Email,Date,Amount' \
	    'ann@smith.example,"miércoles, 6 de mayo de 2026",5.00' >es.csv
	run --separate-stderr crm-log --import --kind purchase \
	    --date-format '%A, %d de %B de %Y' es.csv
	status_is 0
	printf '%s\n' 'Email,Date,Amount' \
	    'ann@smith.example,"giovedì 7 maggio 2026",6.00' >it.csv
	run --separate-stderr crm-log --import --kind purchase \
	    --date-format '%A %d %B %Y' it.csv
	status_is 0
	eq "$(logged)" "2026-03-02 1000 2026-03-15 2000 2026-04-06 100 2026-04-08 200 2026-05-04 300 2026-05-05 400 2026-05-06 500 2026-05-07 600"
}

@test "an Amount and a Total: the Amount is counted in either order, and said (qa48 F1)" {
	customers
	printf '%s\n' 'Email,Date,Type,Amount,Total' \
	    'hans@mueller.example,2026-03-02,order,100.00,119.00' \
	    'ann@smith.example,2026-03-03,order,10.00,11.90' >at.csv
	printf '%s\n' 'Email,Date,Type,Total,Amount' \
	    'hans@mueller.example,2026-04-02,order,119.00,100.00' \
	    'ann@smith.example,2026-04-03,order,11.90,10.00' >ta.csv
	run --separate-stderr crm-log --import at.csv
	status_is 0
	has "$stderr" "crm-log: at.csv: the Total column is not counted: Amount is (a total may hold tax or shipping; --map 'Total=amount' counts it instead)"
	run --separate-stderr crm-log --import ta.csv
	status_is 0
	has "$stderr" "crm-log: ta.csv: the Total column is not counted: Amount is (a total may hold tax or shipping; --map 'Total=amount' counts it instead)"
	eq "$(logged)" "2026-03-02 10000 2026-03-03 1000 2026-04-02 10000 2026-04-03 1000"
	eq "$(sql "SELECT value FROM interaction_fields WHERE key = 'Total'
	    ORDER BY interaction_id" | paste -sd' ')" "119.00 11.90 119.00 11.90"
	# --map takes the other
	sed 's/2026-04/2026-05/' ta.csv >ta5.csv
	run --separate-stderr crm-log --import --map Total=amount ta5.csv
	status_is 0
	eq "$stderr" "2 logged, 0 already there, 0 rejected"
	eq "$(sql 'SELECT amount FROM interactions WHERE id > 4 ORDER BY id' |
	    paste -sd' ')" "11900 1190"
}

@test "two totals (Total, Grand Total) are refused naming the --map that settles it (qa48 F1)" {
	customers
	printf '%s\n' 'Email,Date,Grand Total,Total' \
	    'hans@mueller.example,2026-03-02,119.00,100.00' >tt.csv
	run --separate-stderr crm-log --import --kind purchase tt.csv
	status_is 65
	has "$stderr" "crm-log: tt.csv:1: Grand Total and Total both name the amount, and which is counted cannot be told: say which with --map 'Grand Total=amount' or --map 'Total=amount'"
	eq "$(sql 'SELECT count(*) FROM interactions')" 0
	run --separate-stderr crm-log --import --kind purchase \
	    --map 'Total=amount' tt.csv
	status_is 0
	eq "$(logged)" "2026-03-02 10000"
}

@test "a header written twice is said; a row where the two differ is refused (qa48 F2)" {
	customers
	printf '%s\n' 'Email,Date,Type,Amount,Amount' \
	    'hans@mueller.example,2026-03-02,order,100.00,100.00' \
	    'ann@smith.example,2026-03-03,order,119.00,100.00' >dup.csv
	run --separate-stderr crm-log --import dup.csv
	status_is 65
	has "$stderr" "crm-log: dup.csv: columns 4 and 5 are both headed Amount: the first is read; a row where the second holds something else is refused (name them apart in the header line to keep both)"
	has "$stderr" "crm-log: dup.csv:3: Amount: columns 4 and 5 are both headed Amount and hold '119.00' and '100.00': which is meant cannot be told; name them apart in the header line (then --map says which is read, if crm does not)"
	eq "$(sql 'SELECT count(*) FROM interactions')" 0
	# the same values in both: logged, and said
	printf '%s\n' 'Email,Date,Type,Amount,Amount,Notes,Notes' \
	    'hans@mueller.example,2026-03-02,order,100.00,100.00,a,b' >same.csv
	run --separate-stderr crm-log --import same.csv
	status_is 0
	has "$stderr" "crm-log: same.csv: columns 4 and 5 are both headed Amount: the first is read"
	has "$stderr" "crm-log: same.csv: columns 6 and 7 are both headed Notes: the first is read, the second kept as a field"
	eq "$(logged)" "2026-03-02 10000"
	# crm-add's Name twice: the company's names in the second
	printf '%s\n' 'Name;E-mail;Name' \
	    'Jürgen Müller;jm@mueller.example;Müller GmbH' >names.csv
	run --separate-stderr crm-add --import names.csv
	status_is 0
	has "$stderr" "crm-add: names.csv: columns 1 and 3 are both headed Name: the first is read, the second kept as the field 'Name 2'"
}

@test "a CR-only file with a cell's line break: errors name the line its CRs count (qa48 F5)" {
	customers
	printf 'Email,Date,Amount,Notes\r%s\r%s\r%s\r%s\r%s\r' \
	    'hans@mueller.example,2026-03-02,10.00,a' \
	    'ann@smith.example,2026-03-03,5.00,"two
lines"' \
	    'ann@smith.example,2026-03-04,6.00,x' \
	    'ann@smith.example,2026-03-05,7.00,x' \
	    'ann@smith.example,2026-03-06,7.5.0,y' >mac.csv
	run --separate-stderr crm-log --import --kind purchase mac.csv
	status_is 65
	has "$stderr" "crm-log: mac.csv:6: Amount: not an amount"
	eq "$(sql 'SELECT count(*) FROM interactions')" 0
	sed -i 's/7\.5\.0/7.50/' mac.csv
	run --separate-stderr crm-log --import --kind purchase mac.csv
	status_is 0
	eq "$(sql "SELECT summary FROM interactions WHERE amount = 500")" "two
lines"
	printf 'Name,E-mail\r%s\r%s\r%s\r' 'Bo,bo@example.com' \
	    '"Cy
Dee",cy@example.com' 'Ed,ed-at-example.com' >mc.csv
	run --separate-stderr crm-add --import mc.csv
	status_is 65
	has "$stderr" "crm-add: mc.csv:4: E-mail: not a valid e-mail address"
}

@test "a '|'-separated file is refused naming --delimiter '|', and read with it (qa48 F7)" {
	customers
	printf '%s\n' '"Email"|"Date"|"Amount"|"Notes"' \
	    '"hans@mueller.example"|"2026-03-02"|"10.00"|"a, b"' \
	    '"ann@smith.example"|"2026-03-03"|"5.00"|""' >p.csv
	run --separate-stderr crm-log --import --kind purchase p.csv
	status_is 65
	eq "$stderr" "crm-log: p.csv:1: the lines split alike at '|' into 4 columns, not at ',': say --delimiter '|'"
	printf '%s\n' 'Email|Date|Amount|Notes' \
	    'hans@mueller.example|2026-03-04|10.00|a, b' \
	    'ann@smith.example|2026-03-05|5.00|' >q.csv
	run --separate-stderr crm-log --import --kind purchase q.csv
	status_is 65
	eq "$stderr" "crm-log: q.csv:1: the lines split alike at '|' into 4 columns, not at ',': say --delimiter '|'"
	eq "$(sql 'SELECT count(*) FROM interactions')" 0
	run --separate-stderr crm-log --import --kind purchase --delimiter '|' p.csv
	status_is 0
	run --separate-stderr crm-log --import --kind purchase --delimiter '|' q.csv
	status_is 0
	eq "$(logged)" "2026-03-02 1000 2026-03-03 500 2026-03-04 1000 2026-03-05 500"
	# a '|' in a column of a comma file is its cells' own
	printf '%s\n' 'Email,Date,Amount,Tags' \
	    'hans@mueller.example,2026-03-06,1.00,a|b|c' \
	    'ann@smith.example,2026-03-07,2.00,x|y|z' >t.csv
	run --separate-stderr crm-log --import --kind purchase t.csv
	status_is 0
}

@test "Excel's Accounting zero is 0.00: a purchase of it skipped as nothing paid, said (qa48 F9)" {
	customers
	printf '%s\n' 'Email,Date,Type,Amount' \
	    'hans@mueller.example,2026-03-02,order," $ 1,234.56 "' \
	    'hans@mueller.example,2026-03-03,refund, $ (123.45)' \
	    'ann@smith.example,2026-03-04,order, $ -   ' \
	    'ann@smith.example,2026-03-05,call,-' >acc.csv
	run --separate-stderr crm-log --import acc.csv
	status_is 0
	has "$stderr" "crm-log: acc.csv: 1 row skipped: nothing paid"
	eq "$(sql "SELECT kind || ' ' || coalesce(CAST(amount AS TEXT), '') FROM interactions
	    ORDER BY id" | paste -sd,)" "purchase 123456,return 12345,call 0"
	# on the command line a lone dash is no amount
	run --separate-stderr crm-log --amount - ann@smith.example call
	status_is 65
}

@test "Excel's Accounting zero with a euro sign is 0.00 too (qa48 F9)" {
	customers
	printf '%s\n' 'Email,Date,Type,Amount' \
	    'ann@smith.example,2026-04-06,order,€ -' \
	    'ann@smith.example,2026-04-07,order,€ 5.00' >eur.csv
	run --separate-stderr crm-log --import eur.csv
	status_is 0
	has "$stderr" "crm-log: eur.csv: 1 row skipped: nothing paid"
	eq "$(logged)" "2026-04-07 500"
}

@test "a ';' file's 1,234 read as 1234.00 is said once; not beside a decimal point or comma (qa48 F8)" {
	customers
	printf '%s\n' 'E-Mail;Datum;Betrag' 'hans@mueller.example;2026-03-02;1,234' \
	    'ann@smith.example;2026-03-03;12' \
	    'ann@smith.example;2026-03-04;2,345' >eu.csv
	run --separate-stderr crm-log --import --kind purchase eu.csv
	status_is 0
	eq "$stderr" "crm-log: eu.csv:2: Betrag: '1,234' read as 1234.00: ',' groups thousands without --decimal-comma; in a ';' file it is as often the decimal mark: if it is here, say --decimal-comma (said once)
3 logged, 0 already there, 0 rejected"
	printf '%s\n' 'E-Mail;Datum;Betrag' 'hans@mueller.example;2026-04-02;1,234' \
	    'ann@smith.example;2026-04-03;12.50' >us.csv
	run --separate-stderr crm-log --import --kind purchase us.csv
	status_is 0
	eq "$stderr" "2 logged, 0 already there, 0 rejected"
	eq "$(sql 'SELECT amount FROM interactions ORDER BY id' | paste -sd' ')" \
	    "123400 1200 234500 123400 1250"
	# a 2,5 beside: its refusal names the option, no more is said
	printf '%s\n' 'E-Mail;Datum;Betrag' 'hans@mueller.example;2026-05-02;1,234' \
	    'ann@smith.example;2026-05-03;2,5' >de.csv
	run --separate-stderr crm-log --import --kind purchase de.csv
	status_is 65
	eq "$stderr" "crm-log: de.csv:3: Betrag: not an amount (',' is no decimal mark without --decimal-comma, which reads 2,5 as 2.50)"
}

@test "a sum or subtotal row with no word in its first cell says it looks like one (qa48 F6)" {
	customers
	printf '%s\n' 'Email,Date,Type,Amount,Notes' \
	    'hans@mueller.example,2026-03-02,order,100.00,' \
	    'ann@smith.example,2026-03-03,order,20.50,' \
	    ',,,120.50,March total' \
	    'ann@smith.example,2026-04-03,order,1.00,' ',,,1.00,' >sum.csv
	run --separate-stderr crm-log --import sum.csv
	status_is 65
	eq "$stderr" "crm-log: sum.csv:4: Amount: no customer and no date, only an amount and 'March total': looks like a sum or subtotal row (the 2 rows above it come to 120.50): write Total or Subtotal in its first cell and it is skipped, or leave it out of the file (--rejects FILE sets such rows aside)"
	eq "$(sql 'SELECT count(*) FROM interactions')" 0
	run --separate-stderr crm-log --import --rejects rej.csv sum.csv
	status_is 0
	has "$stderr" "3 logged, 0 already there, 2 rejected"
	has "$(cat rej.csv)" "Amount: no customer and no date, only an amount: looks like a sum or subtotal row (the row above it is 1.00)"
}
