#!/usr/bin/env bats
# Test plan: hand-made sales sheets (qa37), in crm-log and crm-deal.
#   - amounts whose one mark stands before three digits ("1.500 €",
#     "€3.000"; "$1,000", "12,000 €" with --decimal-comma) are thousands
#     in half the world and three decimals in the other: never read as
#     decimals unless the column's other cells write three decimals
#     (0.250, 1234.500, Magento's 61.3500); else refused at file:line:
#     column, the hint saying the option that groups them, or what the
#     column's other cells show (a German 12,50 beside: the option; a
#     US €12,000.00 beside: write 3,000 or 3.00); the same on the
#     command line and in crm-deal's amount column and crm-segment's
#     expressions; a German sheet with --decimal-comma reads its
#     thousands, its Summe footer skipped
#   - a Qty and a unit Price and no total: the line is price × quantity,
#     as the known shops' layouts read theirs; a Total beside them is
#     still the amount; a price column crm does not know is hinted as
#     --map 'COLUMN=price', which then reads it so
#   - a row with no id that an earlier import logged on the same day
#     for the same customer and kind with another amount is logged, and
#     said and counted; not the file's own rows, nor a row logged again
#   - a --date-format with %Y on a two-digit year says %y
bats_require_minimum_version 1.5.0

load helper

customers() {
	crm-add -n 'Hans Müller' -e hans@mueller.example >/dev/null
	crm-add -n 'Ann Smith' -e ann@smith.example >/dev/null
}

# The interactions' amounts, in order of id, as stored (cents).
amounts() {
	sql "SELECT amount FROM interactions ORDER BY id" | paste -sd' '
}

@test "a German sheet's 1.500 € is refused without --decimal-comma, read as 1500.00 with it (qa37 F1)" {
	customers
	printf '%s\n' 'Umsatzliste 2025;;;' ';;;' \
	    'Datum;E-Mail-Adresse;Art;Umsatz' \
	    '02.01.2025;hans@mueller.example;Verkauf;1.500 €' \
	    '15.01.2025;hans@mueller.example;Verkauf;2.000 €' \
	    '03.02.2025;ann@smith.example;Verkauf;12.000 €' \
	    '20.02.2025;ann@smith.example;Retoure;1.000 €' \
	    '01.03.2025;ann@smith.example;Verkauf;750 €' ';;;' \
	    'Summe;;;15.250 €' >de.csv
	run --separate-stderr crm-log --import --date-format %d.%m.%Y \
	    --map Umsatz=amount de.csv
	status_is 65
	has "$stderr" "crm-log: de.csv:4: Umsatz: not an amount ('.' before three digits groups thousands as often as it marks decimals, and no other amount of the column tells which: say --decimal-comma if it groups them (1500.00), or if it marks them write 1.50)"
	eq "$(sql 'SELECT count(*) FROM interactions')" 0
	run --separate-stderr crm-log --import --date-format %d.%m.%Y \
	    --decimal-comma --map Umsatz=amount de.csv
	status_is 0
	has "$stderr" "5 logged, 0 already there, 0 rejected"
	eq "$(sql "SELECT kind, amount FROM interactions ORDER BY id" |
	    tr '\n' ' ')" "purchase|150000 purchase|200000 purchase|1200000 return|100000 purchase|75000 "
}

@test "a lone mark before three digits is read by its column's other cells; the command line refuses it with both readings" {
	customers
	# three decimals elsewhere in the column: decimals, before and after
	printf 'Date,Email,Amount\n2025-01-02,hans@mueller.example,0.250\n2025-01-03,hans@mueller.example,1.500\n2025-01-04,hans@mueller.example,1234.500\n2025-01-05,hans@mueller.example,61.3500\n' >three.csv
	run --separate-stderr crm-log --import --kind purchase three.csv
	status_is 0
	eq "$(amounts)" "25 150 123450 6135"
	new_db
	customers
	# a German 12,50 € beside: the option
	printf 'Date,Email,Amount\n2025-01-02,hans@mueller.example,1.500 €\n2025-01-03,hans@mueller.example,"12,50 €"\n' >other.csv
	run --separate-stderr crm-log --import --kind purchase other.csv
	status_is 65
	has "$stderr" "crm-log: other.csv:2: Amount: not an amount ('.' groups thousands in this column, as line 3's '12,50 €' shows: say --decimal-comma (1500.00))"
	# a US 12.50 beside: neither, written as the column writes them
	printf 'Date,Email,Amount\n2025-01-02,hans@mueller.example,12.50\n2025-01-03,hans@mueller.example,3.000\n' >us.csv
	run --separate-stderr crm-log --import --kind purchase us.csv
	status_is 65
	has "$stderr" "crm-log: us.csv:3: Amount: not an amount ('.' before three digits groups thousands as often as it marks decimals, and the column's other amounts have two decimals at most (line 2's '12.50'): write 3,000 for thousands, or 3.00)"
	# the mirror with --decimal-comma: $1,000 and 12,000 €
	printf 'Date;Email;Amount\n2025-01-02;hans@mueller.example;$1,000\n' >dc.csv
	run --separate-stderr crm-log --import --kind purchase --decimal-comma dc.csv
	status_is 65
	has "$stderr" "crm-log: dc.csv:2: Amount: not an amount (',' before three digits groups thousands as often as it marks decimals, and no other amount of the column tells which: without --decimal-comma it groups them (1000.00); if it marks them, write 1,00)"
	printf 'Date;Email;Amount\n2025-01-02;hans@mueller.example;12,000 €\n2025-01-03;hans@mueller.example;"1,234.56"\n' >dc2.csv
	run --separate-stderr crm-log --import --kind purchase --decimal-comma dc2.csv
	status_is 65
	has "$stderr" "crm-log: dc2.csv:2: Amount: not an amount (',' groups thousands in this column, as line 3's '1,234.56' shows: leave out --decimal-comma (12000.00))"
	eq "$(sql 'SELECT count(*) FROM interactions')" 0
	# the command line: both readings; a 0 or four digits before is none
	run --separate-stderr crm-log --amount 1.500 1 purchase
	fails 65 "crm-log: --amount: '1.500' is not an amount ('.' before three digits groups thousands as often as it marks decimals: say --decimal-comma if it groups them (1500.00), or if it marks them write 1.50)"
	run --separate-stderr crm-log --decimal-comma --amount '€3,000' 1 purchase
	fails 65 "crm-log: --amount: '€3,000' is not an amount (',' before three digits groups thousands as often as it marks decimals: without --decimal-comma it groups them (3000.00); if it marks them, write 3,00)"
	crm-log --amount 0.500 1 purchase >/dev/null
	crm-log --amount 1234.500 1 purchase >/dev/null
	crm-log --amount '1,500.000' 1 purchase >/dev/null
	eq "$(amounts)" "50 123450 150000"
	run --separate-stderr crm-segment 'revenue > 1.000'
	fails 64 "crm-segment: expression: column 11: '1.000' is not an amount: '.' before three digits groups thousands as often as it marks decimals: write 1000.00 or 1.00"
}

@test "crm-deal: a deal's 3.000 beside €12,000.00 is refused; €3.000 alone names --decimal-comma, which reads 3000.00 (qa37 F1)" {
	printf 'Deal Name,Company,Amount\nWidgets,Müller GmbH,"€12,000.00"\nRenewal,Müller GmbH,3.000\n' >d_us.csv
	run --separate-stderr crm-deal --import d_us.csv
	fails 65 "crm-deal: d_us.csv:3: Amount: '3.000' is not an amount ('.' before three digits groups thousands as often as it marks decimals, and the column's other amounts have two decimals at most (line 2's '€12,000.00'): write 3,000 for thousands, or 3.00)"
	no_db
	printf 'Deal Name,Company,Amount\nRenewal,Müller GmbH,€3.000\n' >d_eu.csv
	run --separate-stderr crm-deal --import d_eu.csv
	fails 65 "crm-deal: d_eu.csv:2: Amount: '€3.000' is not an amount ('.' before three digits groups thousands as often as it marks decimals, and no other amount of the column tells which: say --decimal-comma if it groups them (3000.00), or if it marks them write 3.00)"
	no_db
	crm-deal --import --decimal-comma d_eu.csv 2>/dev/null
	eq "$(sql 'SELECT title, amount FROM deals')" "Renewal|300000"
	printf 'Deal Name;Company;Amount\nA;Acme;$1,000\n' >d_dc.csv
	run --separate-stderr crm-deal --import --decimal-comma d_dc.csv
	fails 65 "crm-deal: d_dc.csv:2: Amount: '\$1,000' is not an amount (',' before three digits groups thousands as often as it marks decimals, and no other amount of the column tells which: without --decimal-comma it groups them (1000.00); if it marks them, write 1,00)"
	eq "$(sql 'SELECT count(*) FROM deals')" 1
}

@test "a sheet's Qty and unit Price with no total: price × quantity (qa37 F7)" {
	customers
	printf 'Date,Email,Product,Qty,Price\n2025-01-02,hans@mueller.example,Widget,3,10.00\n2025-01-03,ann@smith.example,Gadget,2,"$1,000.00"\n' >qp.csv
	run --separate-stderr crm-log --import --kind purchase qp.csv
	status_is 0
	eq "$(sql 'SELECT quantity, amount FROM interactions ORDER BY id' |
	    tr '\n' ' ')" "3|3000 2|200000 "
	new_db
	customers
	printf 'Date,Email,Qty,Unit Price\n2025-01-02,hans@mueller.example,3,10.00\n' >qp3.csv
	printf 'Date,Email,Menge,Einzelpreis\n2025-01-02,hans@mueller.example,3,10.00\n' >qp4.csv
	crm-log --import --kind purchase qp3.csv 2>/dev/null
	crm-log --import --kind purchase qp4.csv 2>/dev/null
	eq "$(amounts)" "3000"	# the same row: one
	# a Total beside them is the amount, the price a field
	printf 'Date,Email,Qty,Price,Total\n2025-01-05,hans@mueller.example,3,10.00,27.00\n' >qpt.csv
	crm-log --import --kind purchase qpt.csv 2>/dev/null
	eq "$(amounts)" "3000 2700"
	# a price column crm does not know: the hint says =price, which reads it
	printf 'Date,Email,Qty,Price (EUR)\n2025-01-06,hans@mueller.example,3,10.00\n' >qpe.csv
	run --separate-stderr crm-log --import --kind purchase qpe.csv
	fails 65 "crm-log: qpe.csv:1: no amount column: say which with --map 'Price (EUR)=price' (a unit price, times Qty), or --map 'Price (EUR)=amount' for a line's total"
	crm-log --import --kind purchase --map 'Price (EUR)=price' qpe.csv 2>/dev/null
	eq "$(amounts)" "3000 2700 3000"
}

@test "a row of no id with another amount than one logged before on its day is logged, said and counted (qa37 F11)" {
	customers
	printf 'Date,Email,Amount\n2025-01-02,hans@mueller.example,10.00\n2025-02-02,ann@smith.example,99.00\n' >ed1.csv
	printf 'Date,Email,Amount\n2025-01-02,hans@mueller.example,12.00\n2025-02-02,ann@smith.example,99.00\n' >ed2.csv
	crm-log --import --kind purchase ed1.csv 2>/dev/null
	run --separate-stderr crm-log --import --kind purchase ed2.csv
	status_is 0
	eq "$stderr" "crm-log: ed2.csv:2: the same customer, kind and day as an interaction already there with another amount (10.00): logged as a second one; --dry-run to check
1 logged, 1 already there, 1 logged beside one of the same customer, kind and day with another amount, 0 rejected"
	eq "$(amounts)" "1000 9900 1200"
	# again: already there, nothing said
	run --separate-stderr crm-log --import --kind purchase ed2.csv
	eq "$stderr" "0 logged, 2 already there, 0 rejected"
	# two sales of a day in one file are two, and said of none
	printf 'Date,Email,Amount\n2025-03-02,ann@smith.example,5.00\n2025-03-02,ann@smith.example,7.00\n' >two.csv
	run --separate-stderr crm-log --import --kind purchase two.csv
	eq "$stderr" "2 logged, 0 already there, 0 rejected"
	# another kind, or another day, is not the same
	printf 'Date,Email,Amount\n2025-01-02,hans@mueller.example,3.00\n' >ret.csv
	run --separate-stderr crm-log --import --kind return ret.csv
	eq "$stderr" "1 logged, 0 already there, 0 rejected"
	printf 'Date,Email,Amount\n2025-01-03,hans@mueller.example,3.00\n' >next.csv
	run --separate-stderr crm-log --import --kind purchase next.csv
	eq "$stderr" "1 logged, 0 already there, 0 rejected"
	# nor another product on the day (Pump, then Valve), but the same
	printf 'Date,Email,Product,Amount\n2025-04-02,ann@smith.example,Pump,100.00\n' >p1.csv
	printf 'Date,Email,Product,Amount\n2025-04-02,ann@smith.example,Valve,250.00\n' >p2.csv
	printf 'Date,Email,Product,Amount\n2025-04-02,ann@smith.example,Pump,120.00\n' >p3.csv
	crm-log --import --kind purchase p1.csv 2>/dev/null
	run --separate-stderr crm-log --import --kind purchase p2.csv
	eq "$stderr" "1 logged, 0 already there, 0 rejected"
	run --separate-stderr crm-log --import --kind purchase p3.csv
	eq "$stderr" "crm-log: p3.csv:2: the same customer, kind and day as an interaction already there with another amount (100.00): logged as a second one; --dry-run to check
1 logged, 0 already there, 1 logged beside one of the same customer, kind and day with another amount, 0 rejected"
}

@test "a --date-format with %Y on a two-digit year says %y (qa37 F13d)" {
	customers
	printf 'Date,Email,Amount\n1/2/25,hans@mueller.example,10.00\n' >us.csv
	run --separate-stderr crm-log --import --kind purchase --date-format %m/%d/%Y us.csv
	fails 65 "crm-log: us.csv:2: Date: not a date (ISO 8601: 2026-11-23 or 2026-11-23T09:30:00Z; an import reads other forms with --date-format; the year has two digits (%y), not four (%Y): say --date-format '%m/%d/%y')"
	printf 'Datum;E-Mail;Betrag\n02.01.25;hans@mueller.example;10,00\n' >de.csv
	run --separate-stderr crm-log --import --kind purchase --decimal-comma --date-format %d.%m.%Y de.csv
	fails 65 "crm-log: de.csv:2: Datum: not a date (ISO 8601: 2026-11-23 or 2026-11-23T09:30:00Z; an import reads other forms with --date-format; the year has two digits (%y), not four (%Y): say --date-format '%d.%m.%y')"
	crm-log --import --kind purchase --date-format %m/%d/%y us.csv 2>/dev/null
	eq "$(sql 'SELECT at FROM interactions')" "2025-01-02T00:00:00Z"
}
