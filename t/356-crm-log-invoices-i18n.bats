#!/usr/bin/env bats
# Test plan: crm-log --import --kind invoice of invoice lists in other
# languages (qa33 F1, F2, F3, F9; t/data/real: lexoffice-belege.csv,
# sage-fr-factures.csv, freee-seikyu.csv, reconstructed).
#   - an invoice's status in German, French, Spanish, Italian, Dutch,
#     Portuguese and Japanese: paid settles it (a payment logged, as for
#     English Paid), cancelled and void skipped and counted, open words
#     open; an unknown status refused (65, the column named, --map
#     'Status=-' said, the database unchanged)
#   - --kind invoice wins over a kind column's Rechnung (an order file's
#     purchase): the unpaid invoices are owed, nothing is a purchase
#   - credit notes (Gutschrift, Rechnungskorrektur, Avoir, Nota di
#     credito, Credit Note ...) are credits against the customer's open
#     invoices as Xero's are, positive or negative; one paid (applied)
#     is skipped; never an invoice owed
#   - the lists' own column names read with no --map: Belegdatum,
#     Fälligkeitsdatum, Belegnummer, Bruttobetrag (the gross, as Xero's
#     Total), N° pièce, Échéance, Montant TTC, 請求書番号, 発行日,
#     支払期日, 合計金額, 通貨 (a JPY database), 取引先コード
# Expected figures are recompute.py's of qa33 (python from the raw files):
# lexoffice open gross 10002: 2975.60, 10003: 12345.67; Sage FR open TTC
# 3000.00; freee open C002: 60500.

bats_require_minimum_version 1.5.0

load helper

R="$DATA/real"

setup() {
	crm_setup
	export CRM_NOW=2026-12-06T12:00:00Z
}

lex_people() {
	crm-add -n 'Jürgen Müller' -e j.mueller@example.de -x 10001 >/dev/null
	crm-add -n 'Anna Schäfer' -e anna.schaefer@example.de -x 10002 >/dev/null
	crm-add -n 'Peter Groß' -e p.gross@example.de -x 10003 >/dev/null
}

open_by() {
	crm-report -f name,open receivables
}

@test "invoice statuses in other languages: paid words settle, cancelled and void words are skipped and counted, open words stay owed" {
	crm-add -n Ann -e ann@example.com >/dev/null
	{
		echo 'Invoice Number,Invoice Date,Email,Amount,Status'
		n=0
		for w in bezahlt beglichen Payée réglée pagada pagata betaald 入金済み 支払済み pago paga; do
			echo "P-$((n += 1)),2026-11-01,ann@example.com,10.00,$w"
		done
		for w in storniert Storno annulée anulada annullata geannuleerd キャンセル Cancelled Canceled Void; do
			echo "C-$((n += 1)),2026-11-01,ann@example.com,20.00,$w"
		done
		for w in offen ausstehend fällig überfällig 'en retard' 'en attente' impayée pendiente vencida scaduta openstaand 未入金 未払い; do
			echo "O-$((n += 1)),2026-11-01,ann@example.com,1.00,$w"
		done
	} >st.csv
	run --separate-stderr crm-log --import --kind invoice st.csv
	status_is 0
	has "$stderr" "10 rows skipped: not an invoice sent (storniert, Storno, annulée, anulada, ...)"
	has "$stderr" "35 logged, 0 already there, 0 rejected"
	# 11 paid: an invoice and its payment each; 13 open
	eq "$(sql "SELECT kind, count(*), sum(amount) FROM interactions GROUP BY kind ORDER BY kind")" \
"invoice|24|12300
payment|11|11000"
	eq "$(sql "SELECT count(*) FROM interactions WHERE ref LIKE 'C-%'")" 0
	eq "$(crm-segment -f open_amount)" "open_amount
13.00"
}

@test "an unknown invoice status is refused as an unknown order status is: 65, the column named, --map 'Status=-' said, nothing stored" {
	crm-add -n Ann -e ann@example.com >/dev/null
	printf 'Invoice Number,Invoice Date,Email,Amount,Status\nI-1,2026-11-03,ann@example.com,1000.00,payée\nI-2,2026-11-04,ann@example.com,80.00,blahblah\n' >st.csv
	before=$(dump)
	run --separate-stderr crm-log --import --kind invoice st.csv
	status_is 65
	eq "$stderr" "crm-log: st.csv:3: Status: 'blahblah' is not an invoice status crm knows: not guessed (write paid, open or cancelled in its place, as it means; --map 'Status=-' reads every invoice as open, what is paid then given by a paid or open balance column)"
	eq "$(dump)" "$before"
}

@test "lexoffice's Belegart Rechnung under --kind invoice is an invoice, never a purchase: ausstehend is owed (qa33 F2)" {
	lex_people
	sed 's/;offen;/;ausstehend;/; /Rechnungskorrektur/d' "$R/lexoffice-belege.csv" >lex2.csv
	run --separate-stderr crm-log --import --kind invoice --decimal-comma --date-format '%d.%m.%Y' --map Belegnummer=ref --map Belegdatum=at --map 'Fälligkeitsdatum=due' --map Bruttobetrag=amount lex2.csv
	status_is 0
	[[ $stderr != *purchase* ]]
	has "$stderr" "4 logged, 0 already there, 0 rejected"
	eq "$(sql "SELECT count(*) FROM interactions WHERE kind = 'purchase'")" 0
	eq "$(open_by)" "name	open
Peter Groß	12345.67
Anna Schäfer	2975.60
	15321.27"
	# without --kind, a Belegart file is an order file as before: its
	# Rechnung a purchase
	sql "DELETE FROM interactions"
	crm-log --import --decimal-comma --date-format '%d.%m.%Y' --map Bruttobetrag=amount --map 'Fälligkeitsdatum=-' lex2.csv 2>/dev/null || true
	eq "$(sql "SELECT count(*) FROM interactions WHERE kind = 'invoice'")" 0
}

@test "credit notes in an invoice list are credits against the customer's open invoices, positive or negative; one settled already is skipped (qa33 F3)" {
	lex_people
	H=$(head -1 "$R/lexoffice-belege.csv")
	{
		echo "$H"
		echo 'RE0010;03.11.2026;17.11.2026;10001;Müller GmbH;Rechnung;offen;1.000,00;190,00;1.190,00;EUR'
		echo 'GS0001;20.11.2026;;10001;Müller GmbH;Gutschrift;offen;-200,00;-38,00;-238,00;EUR'
		echo 'RK0002;21.11.2026;;10001;Müller GmbH;Rechnungskorrektur;offen;100,00;19,00;119,00;EUR'
		echo 'RK0003;22.11.2026;;10001;Müller GmbH;Rechnungskorrektur;bezahlt;10,00;1,90;11,90;EUR'
	} >lex3.csv
	run --separate-stderr crm-log --import --kind invoice --decimal-comma --date-format '%d.%m.%Y' --map Belegnummer=ref --map Belegdatum=at --map 'Fälligkeitsdatum=due' --map Bruttobetrag=amount lex3.csv
	status_is 0
	eq "$stderr" "crm-log: lex3.csv: 1 row skipped: not an invoice sent (Rechnungskorrektur)
3 logged, 0 already there, 0 rejected"
	eq "$(sql "SELECT kind, at, amount, ref, summary FROM interactions ORDER BY id")" \
"invoice|2026-11-03T00:00:00Z|119000|RE0010|
payment|2026-11-20T00:00:00Z|23800|RE0010|credit note GS0001
payment|2026-11-21T00:00:00Z|11900|RE0010|credit note RK0002"
	eq "$(open_by)" "name	open
Jürgen Müller	833.00
	833.00"
	run --separate-stderr crm-log --import --kind invoice --decimal-comma --date-format '%d.%m.%Y' --map Belegnummer=ref --map Belegdatum=at --map 'Fälligkeitsdatum=due' --map Bruttobetrag=amount lex3.csv
	has "$stderr" "0 logged, 3 already there, 0 rejected"
}
