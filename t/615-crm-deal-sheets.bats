#!/usr/bin/env bats
# t/615-crm-deal-sheets.bats - crm-deal --import of pipeline sheets made
# by hand (qa37): no system's export, a spreadsheet someone keeps.
#
# Test plan:
#   - Won and lost stages in German, Dutch, French, Spanish, Italian and
#     Portuguese (SuiteCRM's names of Closed Won and Closed Lost) are the
#     outcomes, not open stages: crm-report pipeline and win-rate as the
#     sheet's rows give them (recomputed here with awk).
#   - A sheet's Customer column of "Last, First": the whole cell naming
#     a known customer wins (Becker, Jonas is not Becker GmbH's), as
#     written or reordered; Odoo's "Company, Person" outside Odoo's file
#     only when both are known; an unknown one is a person (refused, or
#     made with --add-customers), never an organisation of her surname;
#     "Globex, Ltd." and "Smith, Jones & Co" stay companies.
#   - A Weighted (Gewichtet, Pondéré, Average ...) line under the Total
#     is skipped as the Total is; the pipeline is the sheet's own
#     figures.  Such a word beside a customer or a bad amount is a row.
load helper

# The pipeline's total and weighted amounts of sheet's open rows (those
# whose stage column, $3, is none of won's and lost's words), and the
# won and lost rows' counts: amount in $4 (decimal comma), probability
# in $5 ("40 %").
sheet_figures() {
	awk -F';' 'NR > 1 {
		s = tolower($3); a = $4; gsub(/[^0-9,]/, "", a); sub(/,/, ".", a)
		p = $5; gsub(/[^0-9]/, "", p)
		if (s ~ /^(gewonnen|gagné|ganado|chiuso vinto|ganha)$/) {
			won++
		} else if (s ~ /^(verloren|perdu|perdido|chiuso perso|fechada perdida)$/) {
			lost++
		} else {
			total += a; weighted += a * p / 100
		}
	} END { printf "%.2f %.2f %d %d\n", total, weighted, won, lost }' "$1"
}

# qa37 F6: Gewonnen and Verloren were stages of 100% and 0%: the
# pipeline counted the won deal, and the win rate had no deal at all.
@test "won and lost in German, Dutch, French, Spanish, Italian, Portuguese are the outcomes, not open stages" {
	cat >de.csv <<-'CSV'
	Titel;Firma;Phase;Wert;Wahrscheinlichkeit;Abschluss
	A;Müller GmbH;Angebot;12.000,00 €;40 %;31.03.2025
	B;Smith Bakery;Gewonnen;8.500,00 €;100 %;15.02.2025
	C;Smith Bakery;Verloren;1.000,00 €;0 %;20.01.2025
	D;Müller GmbH;Erstkontakt;3.000,00 €;10 %;30.04.2025
	E;Café Noir;Gagné;2.000,00 €;100 %;10.03.2025
	F;Café Noir;Perdu;500,00 €;0 %;11.03.2025
	G;Casa Ruiz;Ganado;700,00 €;100 %;12.03.2025
	H;Casa Ruiz;Perdido;300,00 €;0 %;13.03.2025
	I;Rossi SpA;Chiuso Vinto;900,00 €;100 %;14.03.2025
	J;Rossi SpA;Chiuso Perso;100,00 €;0 %;15.03.2025
	K;Lima Lda;Ganha;600,00 €;100 %;16.03.2025
	L;Lima Lda;Fechada Perdida;400,00 €;0 %;17.03.2025
	CSV
	run --separate-stderr crm-deal --import --decimal-comma --date-format %d.%m.%Y \
	    --map Titel=title --map Firma=company --map Phase=stage --map Wert=amount \
	    --map Wahrscheinlichkeit=probability --map Abschluss=close de.csv
	status_is 0
	eq "${stderr_lines[0]}" "12 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT name FROM stages WHERE name NOT IN ('won', 'lost') ORDER BY name" | tr '\n' ,)" "Angebot,Erstkontakt,"
	eq "$(sql "SELECT title || ':' || stage FROM deals ORDER BY title" | tr '\n' ,)" \
	    "A:Angebot,B:won,C:lost,D:Erstkontakt,E:won,F:lost,G:won,H:lost,I:won,J:lost,K:won,L:lost,"
	read -r total weighted won lost < <(sheet_figures de.csv)
	eq "$total $weighted $won $lost" "15000.00 5100.00 5 5"
	run crm-report pipeline
	status_is 0
	eq "$(awk -F'\t' '$1 == "total" { print $3, $4 }' <<<"$output")" "$total $weighted"
	run crm-report --from 2025-01-01 --to 2026-01-01 win-rate
	status_is 0
	eq "$(awk -F'\t' 'NR == 2 { print $1, $2, $3 }' <<<"$output")" "$won $lost 50.00"
	# Dutch (and German) Gewonnen and Verloren, in any case; the words
	# typed without their accents
	new_db
	printf '%s\n' 'Deal Name,Company,Stage,Amount' 'M,Acme,GEWONNEN,10.00' \
	    'N,Acme,verloren,20.00' 'O,Acme,Gagne,30.00' 'P,Acme,Gesloten gewonnen,40.00' \
	    'Q,Acme,Fermée perdue,50.00' 'R,Acme,Cerrado perdido,60.00' >nl.csv
	run --separate-stderr crm-deal --import nl.csv
	status_is 0
	eq "$(sql "SELECT title || ':' || stage FROM deals ORDER BY title" | tr '\n' ,)" \
	    "M:won,N:lost,O:won,P:won,Q:lost,R:lost,"
}

# qa37 F13 (b): a Weighted line under the Total (its sum of amount times
# probability) was refused as a deal without a customer, and with
# --rejects the file's deals came in short of nothing but said a reject.
@test "a pipeline sheet's Weighted, Gewichtet, Pondéré, Average lines under its Total are skipped as the Total is" {
	cat >us.csv <<-'CSV'
	Deal,Customer,Stage,Value,Probability,Close Date
	Widgets,Müller GmbH,Proposal,"€12,000.00",13%,3/31/2025
	Service contract,Smith Bakery,Negotiation,"€ 8,500",60%,2/15/2025
	Count,Acme,Proposal,"€100.00",50%,4/30/2025
	,,,,,
	Total,,,"€20,600.00",,
	Weighted,,,"€6,710.00",,
	Average,,,"€6,866.67",41 %,
	CSV
	run --separate-stderr crm-deal --import --date-format %m/%d/%Y --map Deal=title us.csv
	status_is 0
	eq "${stderr_lines[0]}" "3 added, 0 updated, 0 unchanged, 0 rejected"
	eq "${stderr_lines[1]}" "3 rows skipped: a report's footer or totals line"
	eq "$(sql "SELECT title FROM deals ORDER BY id" | tr '\n' ,)" "Widgets,Service contract,Count,"
	# the pipeline is the sheet's own Total and Weighted
	run crm-report pipeline
	eq "$(awk -F'\t' '$1 == "total" { print $3, $4 }' <<<"$output")" \
	    "$(sed -n 's/^\(Total\|Weighted\),,,"€\([0-9,.]*\)".*/\2/p' us.csv | tr -d , | tr '\n' ' ' | sed 's/ $//')"
	eq "$output" "$(printf 'stage\tdeals\tamount\tweighted\taverage_age_days\nlead\t0\t0.00\t0.00\t\nqualified\t0\t0.00\t0.00\t\nproposal\t2\t12100.00\t1610.00\t0.0\nnegotiation\t1\t8500.00\t5100.00\t0.0\ntotal\t3\t20600.00\t6710.00\t0.0')"
	# German and French sheets, the word in any column
	new_db
	cat >de.csv <<-'CSV'
	Firma;Titel;Phase;Wert;Wahrscheinlichkeit
	Müller GmbH;A;Angebot;12.000,00 €;40 %
	Smith Bakery;B;Erstkontakt;3.000,00 €;10 %
	Summe;;;15.000,00 €;
	Gewichtet;;;5.100,00 €;
	Pondéré:;;;5.100,00 €;
	Gewichtete Summe;;;5.100,00 €;34 %
	CSV
	run --separate-stderr crm-deal --import --decimal-comma --map Titel=title \
	    --map Firma=company --map Phase=stage --map Wert=amount \
	    --map Wahrscheinlichkeit=probability de.csv
	status_is 0
	eq "${stderr_lines[0]}" "2 added, 0 updated, 0 unchanged, 0 rejected"
	eq "${stderr_lines[1]}" "4 rows skipped: a report's footer or totals line"
	# a row of that word with a customer, or with another text, is a deal's
	new_db
	printf '%s\n' 'Deal Name,Company,Amount' 'Weighted,Acme,10.00' 'Weighted,,10.00 plus tax' >w.csv
	run --separate-stderr crm-deal --import w.csv
	status_is 65
	eq "${stderr_lines[0]}" "crm-deal: w.csv:3: Amount: 'plus tax' is not a currency sign crm reads: write the currency's ISO 4217 code in capitals instead (10.00 SEK), or the amount alone"
}

# qa37 F3: every Customer column was read as Odoo's "Company, Person":
# "Becker, Jonas" put the deal on Becker GmbH, or made an organisation
# "Becker".
@test "a sheet's Customer 'Last, First' is that person, not the organisation of her surname" {
	crm-add --org -n 'Becker GmbH'
	crm-add -n 'Becker, Jonas' -e jonas@home.example
	crm-add -n 'Eva Schmidt'
	crm-add --org -n Initech
	crm-add -n 'Lena Ortiz' --contact-of Initech
	printf '%s\n' 'Deal Name,Customer,Amount' 'Kitchen,"Becker, Jonas",4500.00' \
	    'Garden,Jonas Becker,100.00' 'Roof,"Schmidt, Eva",200.00' \
	    'Pilot,"Initech, Lena Ortiz",300.00' 'Parts,Becker GmbH,400.00' >bk.csv
	run --separate-stderr crm-deal --import bk.csv
	status_is 0
	eq "${stderr_lines[0]}" "5 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT d.title || ':' || c.type || ':' || c.name FROM deals d
	    JOIN customers c ON c.id = d.customer_id ORDER BY d.id" | tr '\n' ,)" \
	    "Kitchen:person:Becker, Jonas,Garden:person:Becker, Jonas,Roof:person:Eva Schmidt,Pilot:org:Initech,Parts:org:Becker GmbH,"
	eq "$(sql "SELECT count(*) FROM customers")" 5
	# Initech's deal keeps the person its cell names beside it
	eq "$(sql "SELECT value FROM deal_fields WHERE key = 'Customer'")" "Initech, Lena Ortiz"
	# an unknown "Last, First" is a person: refused without
	# --add-customers, made with it, and never an organisation "Miller"
	new_db
	crm-add --org -n Initech
	printf '%s\n' 'Deal Name,Customer,Amount' 'Kitchen,"Miller, Ann",4500.00' >m.csv
	run --separate-stderr crm-deal --import m.csv
	status_is 65
	eq "${stderr_lines[0]}" "crm-deal: m.csv:2: no customer Miller, Ann (with --add-customers one is made)"
	printf '%s\n' 'Deal Name,Customer,Amount' 'Kitchen,"Miller, Ann",4500.00' \
	    'Pilot,"Initech, Lena Ortiz",300.00' 'Bolts,"Globex, Ltd.",10.00' \
	    'Nuts,"Smith, Jones & Co",20.00' >m.csv
	run --separate-stderr crm-deal --import --add-customers m.csv
	status_is 0
	eq "${stderr_lines[0]}" "4 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT d.title || ':' || c.type || ':' || c.name FROM deals d
	    JOIN customers c ON c.id = d.customer_id ORDER BY d.id" | tr '\n' ,)" \
	    "Kitchen:person:Miller, Ann,Pilot:person:Initech, Lena Ortiz,Bolts:org:Globex, Ltd.,Nuts:org:Smith, Jones & Co,"
	eq "$(sql "SELECT count(*) FROM customers WHERE name IN ('Miller', 'Lena Ortiz')")" 0
	# one rule of a person's name for crm-add, crm-log and crm-deal
	# (crm_name_shaped): a web address before the comma is a company's
	# cell, and a name of three words is found written the other way
	crm-add -n 'Müller, Hans Peter' -e hp@x.example >/dev/null
	printf '%s\n' 'Deal Name,Customer,Amount' 'Web,"acme.example, Sales",30.00' \
	    'Deck,Hans Peter Müller,40.00' >w.csv
	run --separate-stderr crm-deal --import --add-customers w.csv
	status_is 0
	eq "$(sql "SELECT d.title || ':' || c.type || ':' || c.name FROM deals d
	    JOIN customers c ON c.id = d.customer_id WHERE d.title IN ('Web', 'Deck') ORDER BY d.id" | tr '\n' ,)" \
	    "Web:org:acme.example, Sales,Deck:person:Müller, Hans Peter,"
}

# Odoo's own file still reads "Company, Person" as the company's deal,
# but a whole cell that is a known person is hers.
@test "Odoo's file: 'Company, Person' is the company's; a known person's whole name is hers" {
	crm-add -n 'Umbrella Example'
	run --separate-stderr crm-deal --import --rejects rej.csv "$BATS_TEST_DIRNAME/data/real/odoo-opportunities.csv"
	status_is 0
	eq "$(sql "SELECT d.title || ':' || c.type || ':' || c.name FROM deals d
	    JOIN customers c ON c.id = d.customer_id ORDER BY d.id" | tr '\n' ,)" \
	    "Northwind Example - Annual licence:org:Northwind Example,Globex Example - Pilot:org:Globex Example,Initech Example - Expansion:org:Initech Example,Umbrella Example - Onboarding:person:Umbrella Example,"
	# a legal form after the comma is the company's name, not a person
	# (crm_org_key keeps "Ltd." alone as a whole name: it was split)
	new_db
	printf '%s\n' '"Opportunity","Customer","Expected Revenue","Expected Closing"' \
	    '"Bolts","Globex, Ltd.","10.0","2025-03-31"' >o.csv
	run --separate-stderr crm-deal --import o.csv
	status_is 0
	eq "$(sql "SELECT type || ':' || name FROM customers")" "org:Globex, Ltd."
}
