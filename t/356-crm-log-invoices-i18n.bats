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

@test "lexoffice: bezahlt settles the invoice, offen stays owed; Belegdatum, Fälligkeitsdatum, Belegnummer, Bruttobetrag read with no --map; again changes nothing" {
	lex_people
	run --separate-stderr crm-log --import --kind invoice --decimal-comma --date-format '%d.%m.%Y' "$R/lexoffice-belege.csv"
	status_is 0
	eq "$stderr" "crm-log: $R/lexoffice-belege.csv: 1 row skipped: not an invoice sent (Rechnungskorrektur)
crm-log: $R/lexoffice-belege.csv: 1 payment of invoices logged at now, the time of the import: the file has no column of the payment's date (a column of the payment's date is read with --map 'COLUMN=paid_at')
4 logged, 0 already there, 0 rejected"
	eq "$(sql "SELECT customer_id, kind, at, amount, ref, due FROM interactions ORDER BY id")" \
"1|invoice|2026-11-03T00:00:00Z|119000|RE0001|2026-11-17T00:00:00Z
1|payment|2026-12-06T12:00:00Z|119000|RE0001|
2|invoice|2026-11-15T00:00:00Z|297560|RE0002|2026-11-29T00:00:00Z
3|invoice|2026-12-01T00:00:00Z|1234567|RE0003|2026-12-15T00:00:00Z"
	eq "$(open_by)" "name	open
Peter Groß	12345.67
Anna Schäfer	2975.60
	15321.27"
	before=$(dump)
	run --separate-stderr crm-log --import --kind invoice --decimal-comma --date-format '%d.%m.%Y' "$R/lexoffice-belege.csv"
	status_is 0
	has "$stderr" "0 logged, 4 already there, 0 rejected"
	eq "$(dump | grep -v 'INSERT INTO audit\|undo')" "$(echo "$before" | grep -v 'INSERT INTO audit\|undo')"
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
		for w in offen ausstehend fällig überfällig 'en retard' 'en attente' impayée pendiente vencida scaduta openstaand 未入金 未払い 'Overdue 12 days'; do
			echo "O-$((n += 1)),2026-11-01,ann@example.com,1.00,$w"
		done
	} >st.csv
	run --separate-stderr crm-log --import --kind invoice st.csv
	status_is 0
	has "$stderr" "10 rows skipped: not an invoice sent (storniert, Storno, annulée, anulada, ...)"
	has "$stderr" "36 logged, 0 already there, 0 rejected"
	# 11 paid: an invoice and its payment each; 14 open
	eq "$(sql "SELECT kind, count(*), sum(amount) FROM interactions GROUP BY kind ORDER BY kind")" \
"invoice|25|12400
payment|11|11000"
	eq "$(sql "SELECT count(*) FROM interactions WHERE ref LIKE 'C-%'")" 0
	eq "$(crm-segment -f open_amount)" "open_amount
14.00"
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

@test "Sage's French list: Facture an invoice, Avoir a credit; N° pièce, Échéance, Montant TTC read; Payée settles; an Avoir not applied takes off what is owed" {
	crm-add -n 'SARL Dupont' -x CL0001 >/dev/null
	run --separate-stderr crm-log --import --kind invoice --encoding CP1252 --decimal-comma --date-format '%d/%m/%Y' "$R/sage-fr-factures.csv"
	status_is 0
	has "$stderr" "1 row skipped: not an invoice sent (Avoir)"
	has "$stderr" "3 logged, 0 already there, 0 rejected"
	eq "$(sql "SELECT kind, at, amount, ref, due FROM interactions ORDER BY id")" \
"invoice|2026-11-05T00:00:00Z|120000|FA00012|2026-12-05T00:00:00Z
payment|2026-12-06T12:00:00Z|120000|FA00012|
invoice|2026-11-12T00:00:00Z|300000|FA00013|2026-12-12T00:00:00Z"
	eq "$(open_by)" "name	open
SARL Dupont	3000.00
	3000.00"
	# the same Avoir not applied yet (En attente): a credit of 120.00
	iconv -f CP1252 -t UTF-8 "$R/sage-fr-factures.csv" | sed '/^Avoir/s/Payée/En attente/' >fr2.csv
	run --separate-stderr crm-log --import --kind invoice --decimal-comma --date-format '%d/%m/%Y' fr2.csv
	status_is 0
	eq "$(open_by)" "name	open
SARL Dupont	2880.00
	2880.00"
}

@test "freee's 請求書 list: 請求書番号, 発行日, 支払期日, 合計金額, 取引先コード and ステータス read; 入金済み settles; 通貨 makes the database JPY" {
	crm-add -n '株式会社山田商事' -x C001 >/dev/null
	crm-add -n '佐藤デザイン事務所' -x C002 >/dev/null
	run --separate-stderr crm-log --import --kind invoice --encoding SHIFT_JIS "$R/freee-seikyu.csv"
	status_is 0
	has "$stderr" "3 logged, 0 already there, 0 rejected"
	eq "$(sql "SELECT customer_id, kind, at, amount, ref, due FROM interactions ORDER BY id")" \
"1|invoice|2026-11-05T00:00:00Z|132000000|INV-0001|2026-11-30T00:00:00Z
1|payment|2026-12-06T12:00:00Z|132000000|INV-0001|
2|invoice|2026-11-20T00:00:00Z|6050000|INV-0002|2026-12-31T00:00:00Z"
	eq "$(sql "SELECT value FROM settings WHERE key = 'currency'")" JPY
	eq "$(open_by)" "name	open
佐藤デザイン事務所	60500
	60500"
}

@test "Spanish, Italian and Dutch invoice lists' column names: issue date, due date, number, gross" {
	crm-add -n Ana -e ana@example.com >/dev/null
	printf 'Número,Fecha de emisión,Vencimiento,Email,Total,Estado\nF-1,2026-11-02,2026-12-02,ana@example.com,121.00,Pendiente\n' >es.csv
	printf 'Numero fattura,Data fattura,Scadenza,Email,Total,Stato\nI-1,2026-11-03,2026-12-03,ana@example.com,122.00,Scaduta\nI-2,2026-11-03,2026-12-03,ana@example.com,5.00,Pagata\n' >it.csv
	printf 'Factuurnummer,Factuurdatum,Vervaldatum,Email,Totaal,Status\nN-1,2026-11-04,2026-12-04,ana@example.com,123.00,Openstaand\n' >nl.csv
	for f in es it nl; do
		run --separate-stderr crm-log --import --kind invoice $f.csv
		status_is 0
		has "$stderr" "logged, 0 already there, 0 rejected"
	done
	# Stato is the status when its values are statuses: Pagata paid
	eq "$(sql "SELECT kind, at, amount, ref, due FROM interactions WHERE kind = 'invoice' ORDER BY id")" \
"invoice|2026-11-02T00:00:00Z|12100|F-1|2026-12-02T00:00:00Z
invoice|2026-11-03T00:00:00Z|12200|I-1|2026-12-03T00:00:00Z
invoice|2026-11-03T00:00:00Z|500|I-2|2026-12-03T00:00:00Z
invoice|2026-11-04T00:00:00Z|12300|N-1|2026-12-04T00:00:00Z"
	eq "$(sql "SELECT ref, amount FROM interactions WHERE kind = 'payment'")" "I-2|500"
}
