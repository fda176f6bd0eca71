#!/usr/bin/env bats
# Test plan: crm-log --import of payment services' and marketplaces'
# exports (see crm-log(1), ORDER EXPORTS), figures recomputed here.
#   - a bare key column (=customer, a marketplace's buyer username) beside
#     a name column, with --add-customers: one customer per key, kept as
#     her id, found by the next row and the next run (qa39 F1)
#   - Created Timezone (an IANA zone a row) read as Created Datetime's zone
#   - Braintree's Transaction Search: money taken, its statuses, credit a
#     refund, Customer First and Last Name the name; a 2nd run adds nothing;
#     a credit linked to its sale (its ref the Refunded Transaction ID),
#     two credits of one sale two returns, an older crm's return found
#   - PayPal's refund its sale's return: the English download's Reference
#     Txn ID, the French Numéro de la transaction de référence, the German
#     Zugehöriger Transaktionscode; totals recomputed from the file
#   - eBay's transaction report (2023+): "--" empty, the header under the
#     report's lines, Buyer username the key, Gross less eBay collected tax,
#     fee, payout and label rows skipped and counted, refunds returns; two
#     refunds of one order on one day two returns
#   - QuickBooks Online's Transaction List by Customer: grouped rows, Payment
#     and Posting No skipped, Refund and Credit Memo returns
#   - Shopify Payments' payouts and Etsy's payments statement refused, exit
#     65, naming the export crm reads; no database made

bats_require_minimum_version 1.5.0

load helper

@test "--add-customers: a bare key beside a name is kept, the next row and run find her" {
	printf 'Customer,Buyer name,Amount,Date,Type\nbuyer_ab12,Ann Baker,50.00,2026-10-02,purchase\nbuyer_ab12,Ann Baker,30.00,2026-10-03,purchase\nbuyer_cd34,Carl Dunn,20.00,2026-10-04,purchase\n' >"$BATS_TEST_TMPDIR/min.csv"
	run --separate-stderr crm-log --import --add-customers --map 'Customer=customer' "$BATS_TEST_TMPDIR/min.csv"
	status_is 0
	eq "$stderr" "3 logged, 0 already there, 2 customers added, 0 rejected"
	eq "$(sql "SELECT name, external_id FROM customers ORDER BY id")" "Ann Baker|buyer_ab12
Carl Dunn|buyer_cd34"
	# 50.00 + 30.00 for Ann, 20.00 for Carl
	eq "$(sql "SELECT c.name, sum(i.amount) FROM interactions i JOIN customers c ON c.id = i.customer_id GROUP BY c.name ORDER BY c.name")" "Ann Baker|8000
Carl Dunn|2000"
	run --separate-stderr crm-log --import --add-customers --map 'Customer=customer' "$BATS_TEST_TMPDIR/min.csv"
	status_is 0
	eq "$stderr" "0 logged, 3 already there, 0 customers added, 0 rejected"
	eq "$(sql "SELECT count(*) FROM customers")" 2
	eq "$(sql "SELECT count(*) FROM interactions")" 3
}

@test "Created Timezone (Braintree's) is the zone of Created Datetime, row by row" {
	printf 'Customer Email,Amount,Created Datetime,Created Timezone,Type\nana@example.com,80.00,09/30/2026 21:00:00,America/Chicago,purchase\nana@example.com,10.00,10/01/2026 22:15:03,Europe/Berlin,purchase\n' >"$BATS_TEST_TMPDIR/bt.csv"
	run --separate-stderr crm-log --import --add-customers --date-format '%m/%d/%Y %H:%M:%S' "$BATS_TEST_TMPDIR/bt.csv"
	status_is 0
	# 21:00 CDT (UTC-5) is 02:00Z the next day, in October's sales;
	# 22:15:03 CEST (UTC+2) is 20:15:03Z
	eq "$(sql "SELECT at, amount FROM interactions ORDER BY id")" "2026-10-01T02:00:00Z|8000
2026-10-01T20:15:03Z|1000"
	run --separate-stderr crm-report sales --by month -o csv
	status_is 0
	[[ $output == *2026-10* ]]
	[[ $output != *2026-09* ]]
}

@test "Braintree: Amount Submitted For Settlement, its statuses and credits, the customer's name" {
	f=$DATA/real/braintree-transactions.csv
	run --separate-stderr crm-log --import --add-customers "$f"
	status_is 0
	eq "$stderr" "crm-log: $f: 5 rows skipped: not a customer's payment (processor_declined, voided, authorized, gateway_rejected, ...)
4 logged, 0 already there, 2 customers added, 0 rejected"
	# named by Customer First and Last Name, never by the e-mail
	eq "$(sql "SELECT name, email, company FROM customers ORDER BY id")" "Ana Ruiz|ana.ruiz@example.com|
Bo Lind|bo.lind@example.com|Lind AB"
	# each Created Datetime in its row's Created Timezone: 22:15:03 CDT,
	# 11:00 CDT, 08:30 PDT, 23:45 PDT (the next day in UTC)
	eq "$(sql "SELECT at, kind, amount, ref FROM interactions ORDER BY id")" "2026-10-02T03:15:03Z|purchase|8000|k3x9abcd
2026-10-07T16:00:00Z|return|3000|k3x9abcd
2026-10-11T15:30:00Z|purchase|4550|s2s2s2s2
2026-10-13T06:45:00Z|purchase|1900|s3s3s3s3"
	# By hand from the file: the money taken (Amount Submitted For
	# Settlement) of settled, settling and submitted_for_settlement
	# sales, less the credits; Amount Authorized and Service Fee never
	want=$(awk -F, 'NR > 1 && ($4 == "settled" || $4 == "settling" || $4 == "submitted_for_settlement") { s += ($3 == "credit" ? -$13 : $13) * 100 } END { print s }' "$f")
	eq "$want" 11450
	eq "$(sql "SELECT sum(CASE kind WHEN 'return' THEN -amount ELSE amount END) FROM interactions")" "$want"
	eq "$(sql "SELECT value FROM interaction_fields f JOIN interactions i ON i.id = f.interaction_id WHERE i.kind = 'return' AND f.key = 'Refunded Transaction ID'")" k3x9abcd
	run --separate-stderr crm-log --import --add-customers "$f"
	status_is 0
	eq "${stderr##*$'\n'}" "0 logged, 4 already there, 0 customers added, 0 rejected"
}

# qa39: a credit kept its sale's id as a field only.  Linked now as a
# Stripe or Shopify refund is (the return's ref its sale's), its own
# Transaction ID kept; a second credit of the sale (r2, 10.00, the same
# day) is a second return; an older crm's return under the credit's own
# id is there already.
@test "Braintree: a credit is its sale's return (ref the Refunded Transaction ID, its own id a field); two credits of one sale two returns; the file again, or after an older crm's import, changes nothing (qa39)" {
	f=$DATA/real/braintree-transactions.csv
	sed '3{p;s/^r1z8qqqq,/r2z8rrrr,/;s/,30\.00,30\.00,/,10.00,10.00,/}' "$f" >two.csv
	run --separate-stderr crm-log --import --add-customers two.csv
	status_is 0
	eq "${stderr##*$'\n'}" "5 logged, 0 already there, 2 customers added, 0 rejected"
	eq "$(sql "SELECT kind, amount, ref FROM interactions WHERE ref = 'k3x9abcd' ORDER BY id")" "purchase|8000|k3x9abcd
return|3000|k3x9abcd
return|1000|k3x9abcd"
	eq "$(sql "SELECT f.value FROM interaction_fields f JOIN interactions i ON i.id = f.interaction_id WHERE i.kind = 'return' AND f.key = 'Transaction ID' ORDER BY i.id" | paste -sd ' ')" "r1z8qqqq r2z8rrrr"
	run --separate-stderr crm-log --import --add-customers two.csv
	status_is 0
	eq "${stderr##*$'\n'}" "0 logged, 5 already there, 0 customers added, 0 rejected"
	# as an older crm logged the first credit: under its own id
	new_db
	crm-add -n 'Ana Ruiz' -e ana.ruiz@example.com >/dev/null
	crm-log --at '2026-10-07T16:00:00Z' --amount 30.00 --ref r1z8qqqq ana.ruiz@example.com return >/dev/null
	run --separate-stderr crm-log --import --add-customers "$f"
	status_is 0
	eq "${stderr##*$'\n'}" "3 logged, 1 already there, 1 customer added, 0 rejected"
	eq "$(sql "SELECT count(*) FROM interactions WHERE kind = 'return'")" 1
}

# A PayPal refund row kept its sale's id only as Reference Txn ID: linked
# now as Braintree's credit is (its ref the sale's Transaction ID, its own
# a field); a second refund of the sale the same day a second return; a
# database an older crm filled (the refund under its own id) gains nothing.
@test "PayPal: a refund is its sale's return (ref the Reference Txn ID, its own id a field); two refunds two returns; the file again, or after an older crm's import, changes nothing" {
	f=$DATA/real/paypal.csv
	sed '4{p;s/9XK21384M5520913P/8YJ21384M5520914Q/;s/"-25\.00","0\.73","-24\.27"/"-5.00","0.15","-4.85"/}' "$f" >two.csv
	eq "$(grep -c 'Payment Refund' two.csv)" 2
	run --separate-stderr crm-log --import --add-customers two.csv
	status_is 0
	eq "${stderr##*$'\n'}" "4 logged, 0 already there, 2 customers added, 0 rejected"
	eq "$(sql "SELECT kind, amount, ref FROM interactions WHERE ref = '2MN34567PQ8901234' ORDER BY id")" "purchase|2500|2MN34567PQ8901234
return|2500|2MN34567PQ8901234
return|500|2MN34567PQ8901234"
	eq "$(sql "SELECT f.value FROM interaction_fields f JOIN interactions i ON i.id = f.interaction_id WHERE i.kind = 'return' AND f.key = 'Transaction ID' ORDER BY i.id" | paste -sd ' ')" "9XK21384M5520913P 8YJ21384M5520914Q"
	run --separate-stderr crm-log --import --add-customers two.csv
	status_is 0
	eq "${stderr##*$'\n'}" "0 logged, 4 already there, 0 customers added, 0 rejected"
	# the French download's Numéro de la transaction de référence
	new_db
	run --separate-stderr crm-log --import --add-customers "$DATA/real/paypal-fr.csv"
	status_is 0
	eq "$(sql "SELECT ref FROM interactions WHERE kind = 'return'")" 1AB23456CD789012E
	# as an older crm logged the refund: under its own id
	new_db
	crm-add -n 'Bob Martin' -e bob@contoso.example >/dev/null
	crm-log --at '2024-03-08T15:30:00Z' --amount 25.00 --ref 9XK21384M5520913P bob@contoso.example return >/dev/null
	run --separate-stderr crm-log --import --add-customers "$f"
	status_is 0
	eq "${stderr##*$'\n'}" "2 logged, 1 already there, 1 customer added, 0 rejected"
	eq "$(sql "SELECT count(*) FROM interactions WHERE kind = 'return'")" 1
}

# German PayPal's Rückzahlung names its sale in Zugehöriger Transaktionscode,
# as the English download's Reference Txn ID does: the sale's return.
@test "PayPal in German: a Rückzahlung is its sale's return (ref its Zugehöriger Transaktionscode, its own Transaktionscode a field); totals right; the file again, or after an older crm's import, changes nothing" {
	f=$DATA/real/paypal-de.csv
	run --separate-stderr crm-log --import --add-customers "$f"
	status_is 0
	eq "$stderr" "crm-log: $f: 1 row skipped: not a customer's payment (Allgemeine Abbuchung)
3 logged, 0 already there, 2 customers added, 0 rejected"
	# 10:15 MESZ (+0200) is 08:15Z; 09:05:30 MEZ (+0100) 08:05:30Z
	eq "$(sql "SELECT customer_id, at, kind, amount, ref FROM interactions ORDER BY id")" "1|2026-10-14T08:15:00Z|purchase|125000|3KD51234AB5678901
1|2026-10-20T14:40:12Z|return|25000|3KD51234AB5678901
2|2026-11-02T08:05:30Z|purchase|8990|5MN24680QR1357924"
	eq "$(sql "SELECT f.value FROM interaction_fields f JOIN interactions i ON i.id = f.interaction_id WHERE i.kind = 'return' AND f.key = 'Transaktionscode'")" 7TR90876ZY5432109
	# By hand: Brutto of the payments less the refunds, per e-mail
	# (Absender's on a payment, Empfänger's on a refund)
	want=$(awk -F'","' 'NR > 1 && $5 != "Allgemeine Abbuchung" { a = $8; gsub(/\./, "", a); sub(/,/, ".", a); m = a < 0 ? $12 : $11; s[m] += a * 100 } END { for (k in s) printf "%s|%d\n", k, s[k] }' "$f" | sort)
	eq "$want" "klara.schmidt@example.de|100000
tobias.wagner@example.de|8990"
	eq "$(sql "SELECT c.email, sum(CASE i.kind WHEN 'return' THEN -i.amount ELSE i.amount END) FROM interactions i JOIN customers c ON c.id = i.customer_id GROUP BY c.email ORDER BY c.email")" "$want"
	run crm-report sales
	status_is 0
	eq "$output" $'period\trevenue\torders\tunits\taverage_order\treturns\treturned\n2026-10\t1000.00\t1\t1\t1250.00\t1\t250.00\n2026-11\t89.90\t1\t1\t89.90\t0\t0.00'
	run --separate-stderr crm-log --import --add-customers "$f"
	status_is 0
	eq "${stderr##*$'\n'}" "0 logged, 3 already there, 0 customers added, 0 rejected"
	# as an older crm logged the refund: under its own id
	new_db
	crm-add -n 'Klara Schmidt' -e klara.schmidt@example.de >/dev/null
	crm-log --at '2026-10-20T14:40:12Z' --amount 250.00 --ref 7TR90876ZY5432109 klara.schmidt@example.de return >/dev/null
	run --separate-stderr crm-log --import --add-customers "$f"
	status_is 0
	eq "${stderr##*$'\n'}" "2 logged, 1 already there, 1 customer added, 0 rejected"
	eq "$(sql "SELECT count(*) FROM interactions WHERE kind = 'return'")" 1
}

@test "eBay's transaction report (2023+): orders less eBay's tax, refunds, fees and payouts skipped" {
	f=$DATA/real/ebay-transaction-report.csv
	run --separate-stderr crm-log --import --add-customers "$f"
	status_is 0
	eq "$stderr" "crm-log: $f:1-11: before the header, skipped: 'Transaction report'
crm-log: $f: 3 rows skipped: not a customer's payment (Other fee, Payout, Shipping label)
3 logged, 0 already there, 2 customers added, 0 rejected"
	eq "$(sql "SELECT name FROM customers ORDER BY id" | paste -sd ' ')" "Ann Baker Carl Dunn"
	# By hand: Gross transaction amount less eBay collected tax ("--"
	# none) of the Order and Refund rows, per buyer username (awk splits
	# each quoted date, "Oct 2, 2026", in two: Type is $3, Buyer
	# username $6, and after Payout date eBay collected tax $28, Gross $37)
	want=$(awk -F'",|,' 'NR > 12 && ($3 == "Order" || $3 == "Refund") { t = $28 == "--" ? 0 : $28; s[$6] += ($37 - t) * 100 } END { for (b in s) printf "%s|%d\n", b, s[b] }' "$f" | sort)
	eq "$want" "buyer_ab12|3499
buyer_cd34|2000"
	eq "$(sql "SELECT d.value, sum(CASE i.kind WHEN 'return' THEN -i.amount ELSE i.amount END) FROM interactions i JOIN identities d ON d.customer_id = i.customer_id AND d.source = 'ebay' GROUP BY d.value ORDER BY d.value")" "$want"
	eq "$(sql "SELECT kind, amount, ref, quote(quantity) FROM interactions ORDER BY id")" "purchase|5499|11-11111-00001|1
purchase|2000|11-11111-00002|2
return|2000|11-11111-00001|NULL"
	run --separate-stderr crm-log --import --add-customers "$f"
	status_is 0
	eq "${stderr##*$'\n'}" "0 logged, 3 already there, 0 customers added, 0 rejected"
	eq "$(sql "SELECT count(*) FROM customers")" 2
}

# Two refunds of one order on one day (eBay dates a row by its day): two
# returns, not the second taken for the first changed; the file again
# finds both (qa39).
@test "eBay's transaction report: two refunds of one order on one day are two returns; the file again changes nothing (qa39)" {
	f=$DATA/real/ebay-transaction-report.csv
	awk -F, '{ print } $3 == "Refund" { sub(/-20\.00/, "-10.00"); sub(/-20\.00/, "-10.00"); print }' "$f" >two.csv
	eq "$(grep -c ',Refund,' two.csv)" 2
	run --separate-stderr crm-log --import --add-customers two.csv
	status_is 0
	eq "${stderr##*$'\n'}" "4 logged, 0 already there, 2 customers added, 0 rejected"
	eq "$(sql "SELECT at, amount FROM interactions WHERE kind = 'return' ORDER BY id")" "2026-10-06T00:00:00Z|2000
2026-10-06T00:00:00Z|1000"
	run --separate-stderr crm-log --import --add-customers two.csv
	status_is 0
	eq "$stderr" "crm-log: two.csv:1-11: before the header, skipped: 'Transaction report'
crm-log: two.csv: 3 rows skipped: not a customer's payment (Other fee, Payout, Shipping label)
0 logged, 4 already there, 0 customers added, 0 rejected"
	# the same refund twice in the file is two refunds too: a report
	# lists each once
	new_db
	awk -F, '{ print } $3 == "Refund" { print }' "$f" >same.csv
	run --separate-stderr crm-log --import --add-customers same.csv
	status_is 0
	eq "$(sql "SELECT count(*), sum(amount) FROM interactions WHERE kind = 'return'")" "2|4000"
	run --separate-stderr crm-log --import --add-customers same.csv
	eq "${stderr##*$'\n'}" "0 logged, 4 already there, 0 customers added, 0 rejected"
}

@test "QuickBooks Online Transaction List by Customer: sales, returns, payments and estimates skipped" {
	f=$DATA/real/qbo-transaction-list-by-customer.csv
	run --separate-stderr crm-log --import --add-customers "$f"
	status_is 0
	eq "$stderr" "crm-log: $f:1-4: before the header, skipped: 'Transaction List by Customer'
crm-log: $f: 2 rows skipped: not a purchase (Payment, Estimate)
crm-log: $f: 2 rows skipped: subtotals, not a sale (Total for ...); a customer's sale? a date, e-mail or id in its row keeps it
crm-log: $f: 1 row skipped: totals, not a sale
crm-log: $f: 1 row skipped: a report's footer, not a sale
5 logged, 0 already there, 2 customers added, 0 rejected"
	# By hand, per customer (the name row above her rows): Invoice and
	# Sales Receipt in, Refund and Credit Memo out; Payment (its invoice
	# counted) and Posting No (the estimate) never
	# (the amount is the last cell, "2,400.00" quoted)
	want=$(awk -F, '/^[^,]/ && !/^Total/ { who = $1 } NR > 5 && /^,/ { a = $0; sub(/.*,/, "", a); if ($0 ~ /"$/) { a = $0; sub(/.*,"/, "", a); sub(/"$/, "", a); gsub(/,/, "", a) } if ($5 == "No" || $3 == "Payment") next; s[who] += a * 100 } END { for (w in s) printf "%s|%d\n", w, s[w] }' "$f" | sort)
	eq "$want" "Jane Doe|57500
Mike Sanderson|265100"
	eq "$(sql "SELECT c.name, sum(CASE i.kind WHEN 'return' THEN -i.amount ELSE i.amount END) FROM interactions i JOIN customers c ON c.id = i.customer_id GROUP BY c.name ORDER BY c.name")" "$want"
	eq "$(sql "SELECT kind, ref FROM interactions WHERE kind = 'return' ORDER BY id" | paste -sd ' ')" "return|2003 return|2004"
	run --separate-stderr crm-log --import --add-customers "$f"
	status_is 0
	eq "${stderr##*$'\n'}" "0 logged, 5 already there, 0 customers added, 0 rejected"
}

@test "Shopify Payments' payouts and Etsy's statement: refused, naming the file and the export crm reads" {
	no_db
	f=$DATA/real/shopify-payments-payouts.csv
	run --separate-stderr crm-log --import --add-customers "$f"
	status_is 65
	eq "$stderr" "crm-log: $f:1: no customer column: Shopify Payments' payout transactions name no buyer (its Order is the order's number, its charges' buyers are not in it); crm reads Shopify's orders export (Orders, Export: Email), which does"
	f=$DATA/real/etsy-payments-statement.csv
	run --separate-stderr crm-log --import --add-customers "$f"
	status_is 65
	eq "$stderr" "crm-log: $f:1: no customer column: Etsy's payments statement names no buyer (a sale is an order's number alone); crm reads Etsy's orders, EtsySoldOrders (Download Data: Buyer User ID), which do"
	no_db
}
