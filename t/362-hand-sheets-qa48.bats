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
