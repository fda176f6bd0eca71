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
