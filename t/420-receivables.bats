#!/usr/bin/env bats
# Test plan: receivables and credit (issue 17 part 2; crm-log(1) INVOICES
# AND PAYMENTS, crm-report(1) receivables, crm-segment(1) metrics).
#   - crm-log invoice and payment: --due, a due date by the customer's
#     terms, by the setting, by 30 days; partial payments; a payment with
#     no ref is a shop's sale (a purchase, as before); --show's state
#     (open, paid) and due
#   - refused, exit 65 and the database unchanged: a payment of no
#     invoice, of more than is open, a second invoice of one number, an
#     invoice without a ref, --due on a call; a bad --due is 64
#   - crm-add --credit-limit and --terms, cleared with ""
#   - crm-report receivables: the ageing buckets and DSO of a constructed
#     book worked out by hand below and cross-checked with sqlite3; by
#     owner; every format; --to moves the report date
#   - filter metrics open_amount, overdue, over_credit
#   - crm-remind lists the invoices due with something open
#   - crm-log --import of Xero, Stripe and QuickBooks invoice lists
#     (t/data/recv, see t/data/real/SOURCES.md): invoices, what was
#     paid as payments, drafts and voids skipped, a credit note not
#     applied yet as payments of the oldest open invoices, QuickBooks'
#     Payment rows dating what was paid, a second import changing
#     nothing; a bad due date in a file exits 65
#
# The book (CRM_NOW = T = 2026-12-03T12:00:00Z).  Days past due are whole
# days from the due time to T, rounded down; 0 or less is current.
#   Ada (owner alice, credit limit 500.00)
#     INV-1 2026-07-01 300.00 due 07-31; paid 100.00 on 08-15: open 200.00
#           07-31 -> 12-03 is 31+30+31+30+3 = 125 days (+12h): over 90
#     INV-2 2026-11-01 400.00, no due: terms 30d, due 12-01T00:00;
#           paid 50.00 (11-20) and 25.50 (11-25): open 324.50; 2 days:
#           1-30
#   Bo (owner bob, terms 14d)
#     INV-3 2026-09-10 1000.00 due 10-01: 30+30+2 = 63 days: 61-90
#     INV-4 2026-11-25 200.00, no due: Bo's 14d, due 12-09: current
#   Cy (owner alice)
#     INV-5 2026-10-15 150.00 due 11-14, paid 150.00: open 0, not listed
#     INV-6 2026-10-20 80.00 due 11-01: 29+3 = 32 days: 31-60
# Open: Ada 524.50, Bo 1200.00, Cy 80.00; total 1804.50 = current 200.00
# + 1-30 324.50 + 31-60 80.00 + 61-90 1000.00 + over 90 200.00.
# DSO = open / invoiced in [T - 90 days, T) x 90; T - 90 days is
# 2026-09-04T12:00, so INV-1 (07-01) is out: invoiced 400 + 1000 + 200 +
# 150 + 80 = 1830.00.  Total DSO 1804.50 / 1830 x 90 = 88.745 -> 88.7.
# Ada 524.50 / 400 x 90 = 118.0; Bo 1200 / 1200 x 90 = 90.0; Cy 80 / 230
# x 90 = 31.3.  By owner: alice (Ada, Cy) 604.50 / 630 x 90 = 86.357 ->
# 86.4, bob 90.0.

load helper

setup() {
	crm_setup
	export CRM_NOW=2026-12-03T12:00:00Z
}

book() {
	crm-add -n Ada -e ada@example.com --owner alice --credit-limit 500 \
	    >/dev/null
	crm-add -n Bo -e bo@example.com --owner bob --terms 14d >/dev/null
	crm-add -n Cy -e cy@example.com --owner alice >/dev/null
	crm-log --at 2026-07-01 --amount 300 --ref INV-1 --due 2026-07-31 \
	    ada@example.com invoice >/dev/null
	crm-log --at 2026-08-15 --amount 100 --ref INV-1 ada@example.com \
	    payment >/dev/null
	crm-log --at 2026-11-01 --amount 400 --ref INV-2 ada@example.com \
	    invoice >/dev/null
	crm-log --at 2026-11-20 --amount 50 --ref INV-2 ada@example.com \
	    payment >/dev/null
	crm-log --at 2026-11-25 --amount 25.50 --ref INV-2 ada@example.com \
	    payment >/dev/null
	crm-log --at 2026-09-10 --amount 1000 --ref INV-3 --due 2026-10-01 \
	    bo@example.com invoice >/dev/null
	crm-log --at 2026-11-25 --amount 200 --ref INV-4 bo@example.com \
	    invoice >/dev/null
	crm-log --at 2026-10-15 --amount 150 --ref INV-5 --due 2026-11-14 \
	    cy@example.com invoice >/dev/null
	crm-log --at 2026-11-20 --amount 150 --ref INV-5 cy@example.com \
	    payment >/dev/null
	crm-log --at 2026-10-20 --amount 80 --ref INV-6 --due 2026-11-01 \
	    cy@example.com invoice >/dev/null
}

@test "invoices: --due as given, else by the customer's terms, else the setting, else 30 days" {
	book
	eq "$(sql "SELECT ref, due FROM interactions WHERE kind = 'invoice' ORDER BY ref")" \
"INV-1|2026-07-31T00:00:00Z
INV-2|2026-12-01T00:00:00Z
INV-3|2026-10-01T00:00:00Z
INV-4|2026-12-09T00:00:00Z
INV-5|2026-11-14T00:00:00Z
INV-6|2026-11-01T00:00:00Z"
	# the setting "terms" when the customer has none: 2026-11-01 + 45d
	sql "INSERT INTO settings VALUES ('terms', '45d')"
	crm-log --at 2026-11-01 --amount 10 --ref INV-7 cy@example.com invoice
	eq "$(sql "SELECT due FROM interactions WHERE ref = 'INV-7'")" \
	    "2026-12-16T00:00:00Z"
	# payments and a shop's payment without a ref (a sale, as before)
	eq "$(sql "SELECT count(*), sum(amount) FROM interactions WHERE kind = 'payment'")" \
	    "4|32550"
	run crm-log --amount 12 ada@example.com payment
	status_is 0
	eq "$(sql "SELECT kind, amount FROM interactions WHERE id = $output")" \
	    "purchase|1200"
}

@test "credit: --credit-limit and --terms set, shown and cleared" {
	book
	eq "$(sql "SELECT name, credit_limit, terms FROM customers ORDER BY id")" \
"Ada|50000|
Bo||14d
Cy||"
	crm-add -u cy@example.com --credit-limit 1,000.50 --terms 2w
	eq "$(sql "SELECT credit_limit, terms FROM customers WHERE name = 'Cy'")" \
	    "100050|2w"
	eq "$(sql "SELECT detail FROM audit ORDER BY id DESC LIMIT 1")" \
	    '{"credit_limit":"1000.50","terms":"2w"}'
	eq "$(crm-segment -f name,credit_limit,terms 'credit_limit > 600')" \
	    "name	credit_limit	terms
Cy	1000.50	2w"
	# an export of them imports back as it was
	crm-segment -f email,credit_limit,terms >credit.tsv
	before=$(sql "SELECT credit_limit, terms FROM customers ORDER BY id")
	run --separate-stderr crm-add --import credit.tsv
	eq "$stderr" "0 added, 0 updated, 3 unchanged, 0 rejected"
	eq "$(sql "SELECT credit_limit, terms FROM customers ORDER BY id")" \
	    "$before"
	crm-add -u cy@example.com --credit-limit '' --terms ''
	eq "$(sql "SELECT quote(credit_limit), quote(terms) FROM customers WHERE name = 'Cy'")" \
	    "NULL|NULL"
	run --separate-stderr crm-add -u cy@example.com --credit-limit lots
	status_is 65
	has "$stderr" "crm-add: --credit-limit: 'lots' is not an amount"
	run --separate-stderr crm-add -u cy@example.com --terms soon
	fails 64 "crm-add: --terms: 'soon' is not payment terms (30d, Net 30, Due on receipt)"
}

@test "refused: a payment of no invoice or of more than is open, a second invoice, no ref, --due on a call; nothing stored" {
	book
	before=$(dump)
	run --separate-stderr crm-log --amount 5 --ref INV-9 ada@example.com payment
	fails 65 "crm-log: a payment of no invoice: customer 1 has no invoice 'INV-9'"
	# INV-3 is Bo's, not Ada's
	run --separate-stderr crm-log --amount 5 --ref INV-3 ada@example.com payment
	fails 65 "crm-log: a payment of no invoice: customer 1 has no invoice 'INV-3'"
	run --separate-stderr crm-log --amount 324.51 --ref INV-2 ada@example.com payment
	fails 65 "crm-log: a payment of 324.51 is more than the 324.50 open on invoice INV-2"
	run --separate-stderr crm-log --amount 5 --ref INV-2 ada@example.com invoice
	fails 65 "crm-log: customer 1 has an invoice INV-2 already"
	run --separate-stderr crm-log --amount 5 ada@example.com invoice
	fails 65 "crm-log: an invoice needs its number as its ref"
	run --separate-stderr crm-log --ref INV-8 ada@example.com invoice
	fails 65 "crm-log: an invoice needs a positive amount"
	run --separate-stderr crm-log --due 2026-12-31 ada@example.com call
	fails 65 "crm-log: only an invoice has a due date"
	run --separate-stderr crm-log --amount 5 --ref INV-8 --due 31.12.2026 \
	    ada@example.com invoice
	status_is 64
	has "${stderr_lines[0]}" "crm-log: --due: '31.12.2026' is not a date"
	eq "$(dump)" "$before"
	# the whole of what is open may be paid; then the timeline says paid
	eq "$(crm-log --show ada@example.com --kind invoice -f ref,state,due)" \
"ref	state	due
INV-2	open	2026-12-01T00:00:00Z
INV-1	open	2026-07-31T00:00:00Z"
	crm-log --amount 324.50 --ref INV-2 ada@example.com payment
	eq "$(crm-log --show ada@example.com --kind invoice -f ref,state)" \
"ref	state
INV-2	paid
INV-1	open"
	eq "$(sql "SELECT amount - (SELECT sum(amount) FROM interactions WHERE kind = 'payment' AND ref = 'INV-2') FROM interactions WHERE kind = 'invoice' AND ref = 'INV-2'")" "0"
}

@test "receivables: ageing buckets, open and DSO per customer, worked out by hand" {
	book
	run --separate-stderr crm-report receivables
	status_is 0
	eq "$output" "customer	name	owner	current	days_1_30	days_31_60	days_61_90	over_90	open	dso	credit_limit
2	Bo	bob	200.00	0.00	0.00	1000.00	0.00	1200.00	90.0	
1	Ada	alice	0.00	324.50	0.00	0.00	200.00	524.50	118.0	500.00
3	Cy	alice	0.00	0.00	80.00	0.00	0.00	80.00	31.3	
total			200.00	324.50	80.00	1000.00	200.00	1804.50	88.7	"
	# cross-checked with sqlite3: invoiced 2130.00 less paid 325.50 is
	# the 1804.50 open; 1830.00 of it invoiced since T - 90 days
	eq "$(sql "SELECT sum(amount) FROM interactions WHERE kind = 'invoice'") $(sql "SELECT sum(amount) FROM interactions WHERE kind = 'payment'")" \
	    "213000 32550"
	eq "$((213000 - 32550))" "180450"
	eq "$(sql "SELECT sum(amount) FROM interactions WHERE kind = 'invoice' AND at >= strftime('%Y-%m-%dT%H:%M:%SZ', '2026-12-03T12:00:00Z', '-90 days')")" \
	    "183000"
	eq "$(sql "SELECT fixed_dso FROM (SELECT round(90.0 * 180450 / 183000, 1) AS fixed_dso) AS d")" "88.7"
	# listing customers is an export: audited
	eq "$(sql "SELECT detail FROM audit ORDER BY id DESC LIMIT 1")" \
	    '{"what":"crm-report receivables by customer","rows":4}'
}

@test "receivables --group owner; --to moves the report date; --where narrows" {
	book
	run --separate-stderr crm-report --group owner receivables
	status_is 0
	eq "$output" "owner	customers	current	days_1_30	days_31_60	days_61_90	over_90	open	dso
bob	1	200.00	0.00	0.00	1000.00	0.00	1200.00	90.0
alice	2	0.00	324.50	80.00	0.00	200.00	604.50	86.4
total	3	200.00	324.50	80.00	1000.00	200.00	1804.50	88.7"
	# At 2026-11-01T00:00 (T'): INV-2 and INV-4 not yet issued, INV-5
	# and INV-6 current (due 11-14, 11-01T00:00 is 0 days); INV-1 is
	# 93 days past due (31+30+31+1), paid 100: 200.00 over 90; INV-3
	# 31 days: 31-60.  Invoiced in [08-03, 11-01): 1000 + 150 + 80 =
	# 1230; open 200 + 1000 + 150 + 80 = 1430; DSO 1430 / 1230 x 90 =
	# 104.634 -> 104.6.
	run --separate-stderr crm-report --to 2026-11-01 -f customer,current,days_31_60,over_90,open,dso receivables
	status_is 0
	eq "$output" "customer	current	days_31_60	over_90	open	dso
2	0.00	1000.00	0.00	1000.00	90.0
3	230.00	0.00	0.00	230.00	90.0
1	0.00	0.00	200.00	200.00	
total	230.00	1000.00	200.00	1430.00	104.6"
	run --separate-stderr crm-report --where "owner = 'bob'" -f customer,open receivables
	status_is 0
	eq "$output" "customer	open
2	1200.00
total	1200.00"
	run --separate-stderr crm-report --group industry receivables
	fails 64 "crm-report: --group: receivables groups by owner, not 'industry'"
}

@test "receivables in every format: csv, json, table, html" {
	book
	run --separate-stderr crm-report -o csv -f customer,open,dso receivables
	eq "$output" "customer,open,dso
2,1200.00,90.0
1,524.50,118.0
3,80.00,31.3
total,1804.50,88.7"
	run --separate-stderr crm-report -o json -f customer,open receivables
	eq "$(echo "$output" | python3 -c 'import sys, json; print(sum(float(json.loads(l)["open"]) for l in sys.stdin if json.loads(l)["customer"] != "total"))')" "1804.5"
	run --separate-stderr crm-report -o table -f name,open,dso receivables
	eq "$output" "name     open    dso
Bo    1200.00   90.0
Ada    524.50  118.0
Cy      80.00   31.3
      1804.50   88.7"
	run --separate-stderr crm-report -o html receivables
	status_is 0
	has "$output" "<title>receivables"
	has "$output" "1804.50"
	# credit_limit is a money column like the others, though Bo, the
	# first row, has none (Ada's 500.00 is the first there is)
	has "$output" '<th>name</th><th>owner</th><th class="n">current</th>'
	has "$output" '<th class="n">dso</th><th class="n">credit_limit</th></tr></thead>'
}

@test "filter metrics: open_amount, overdue and over_credit, now and at a window's end" {
	book
	# overdue now: Ada 200.00 + 324.50 (INV-2 due 12-01), Bo 1000.00
	# (INV-4 is not due until 12-09), Cy 80.00
	run --separate-stderr crm-segment -f name,open_amount,overdue,over_credit
	eq "$output" "name	open_amount	overdue	over_credit
Ada	524.50	524.50	1
Bo	1200.00	1000.00	0
Cy	80.00	80.00	0"
	eq "$(crm-segment -f name 'over_credit = 1')" "name
Ada"
	eq "$(crm-segment -f name 'overdue > 500 and open_amount < 1000')" "name
Ada"
	# the sum cross-checked with sqlite3
	eq "$(sql "SELECT (SELECT sum(amount) FROM interactions WHERE kind = 'invoice') - (SELECT sum(amount) FROM interactions WHERE kind = 'payment')")" \
	    "180450"
}

@test "crm-remind lists each invoice due with something open, for the customer's owner" {
	book
	run --separate-stderr crm-remind list -f id,overdue_days,owner,note
	status_is 0
	# INV-4 is due 12-09: not yet; INV-5 is paid
	eq "$output" "id	overdue_days	owner	note
invoice:1	125	alice	Invoice INV-1: 200.00 open
invoice:6	63	bob	Invoice INV-3: 1000.00 open
invoice:10	32	alice	Invoice INV-6: 80.00 open
invoice:3	2	alice	Invoice INV-2: 324.50 open"
	run --separate-stderr crm-remind list --owner bob -f id
	eq "$output" "id
invoice:6"
	before=$(dump)
	run --separate-stderr crm-remind done invoice:6
	fails 65 "crm-remind: invoice:6 is done when it is paid: log the payment (crm-log CUSTOMER payment --amount AMOUNT --ref INVOICE)"
	# interaction 2 is INV-1's payment; there is no 999; x is no id
	run --separate-stderr crm-remind done invoice:999
	fails 65 "crm-remind: no invoice 999"
	run --separate-stderr crm-remind done invoice:2
	fails 65 "crm-remind: interaction 2 is not an invoice but a payment"
	run --separate-stderr crm-remind done invoice:x
	fails 64 "crm-remind: 'x' is not an invoice id"
	eq "$(dump)" "$before"
}

@test "import: a Xero invoice export, a row a line (said as Zoho's: lines of the invoice above); paid part a payment; drafts skipped; a credit note awaiting payment takes off what is owed; again changes nothing" {
	crm-add -n 'Dana Example' -e dana@example.com >/dev/null
	crm-add -n 'Eli Sample' -e eli@example.com >/dev/null
	run --separate-stderr crm-log --import --date-format '%d/%m/%Y' "$DATA/recv/xero-invoices.csv"
	status_is 0
	eq "$stderr" "crm-log: $DATA/recv/xero-invoices.csv: 1 row skipped: not an invoice sent (Draft)
crm-log: $DATA/recv/xero-invoices.csv: 1 row skipped: lines of the invoice above, its total counted once
crm-log: $DATA/recv/xero-invoices.csv: 1 payment of invoices logged at now, the time of the import: Xero's invoice export has no date of payment (a column of the payment's date is read with --map 'COLUMN=paid_at')
4 logged, 0 already there, 0 rejected"
	# INV-0101: 240.00 with 100.00 paid (logged now); INV-0102 unpaid
	# but for credit note CN-0007's 10.00, not applied yet in Xero:
	# Eli owes 89.50, as Xero's aged receivables say (qa24 F10)
	eq "$(sql "SELECT customer_id, kind, at, amount, ref, due, summary FROM interactions ORDER BY id")" \
"1|invoice|2026-10-01T00:00:00Z|24000|INV-0101|2026-10-31T00:00:00Z|
1|payment|2026-12-03T12:00:00Z|10000|INV-0101||
2|invoice|2026-11-15T00:00:00Z|9950|INV-0102|2026-12-15T00:00:00Z|
2|payment|2026-11-16T00:00:00Z|1000|INV-0102||credit note CN-0007"
	eq "$(crm-report -f name,open receivables)" "name	open
Dana Example	140.00
Eli Sample	89.50
	229.50"
	before=$(dump)
	run --separate-stderr crm-log --import --date-format '%d/%m/%Y' "$DATA/recv/xero-invoices.csv"
	status_is 0
	has "$stderr" "1 row skipped: lines of the invoice above, its total counted once"
	has "$stderr" "0 logged, 4 already there, 0 rejected"
	eq "$(dump | grep -v 'INSERT INTO audit\|undo')" "$(echo "$before" | grep -v 'INSERT INTO audit\|undo')"
	# paid since: the next export's 240.00 paid logs the other 140.00
	sed 's/240.00,40.00,100.00,140.00/240.00,40.00,240.00,0.00/' \
	    "$DATA/recv/xero-invoices.csv" >later.csv
	crm-log --import --date-format '%d/%m/%Y' later.csv 2>/dev/null
	eq "$(sql "SELECT amount FROM interactions WHERE kind = 'payment' ORDER BY id" | paste -sd,)" "10000,1000,14000"
}

# Xero writes a credit note's amounts positive, as an invoice's; its
# InvoiceAmountDue is the credit not applied yet, Awaiting Payment until
# it is applied (or refunded) in full, then Paid.  crm keeps no credit:
# the credit left pays the customer's open invoices, oldest first.
@test "import: Xero credit notes: the credit left pays open invoices oldest first, at its date (or the invoice's, issued after it); a line each once; none open said; applied in Xero later, nothing twice" {
	crm-add -n 'Fay Test' -e fay@example.com >/dev/null
	H=$(head -1 "$DATA/recv/xero-invoices.csv")
	row() {	# number date total paid due type status
		echo "Fay Test,fay@example.com,,,,,,,,,,,,,,,,,$1,,$2,$2,,$3,0.00,$4,$5,,Item,1,$3,,$3,200,No VAT,0.00,,,,,GBP,$6,Sent,$7"
	}
	{ echo "$H"
	  row CN-1 05/11/2026 50.00 0.00 50.00 'Sales credit note' 'Awaiting Payment'
	  row CN-1 05/11/2026 50.00 0.00 50.00 'Sales credit note' 'Awaiting Payment'
	  row INV-1 01/10/2026 30.00 0.00 30.00 'Sales invoice' 'Awaiting Payment'
	  row INV-2 10/11/2026 40.00 0.00 40.00 'Sales invoice' 'Awaiting Payment'
	} >fay.csv
	run --separate-stderr crm-log --import --date-format '%d/%m/%Y' fay.csv
	status_is 0
	eq "$stderr" "crm-log: fay.csv: 1 row skipped: lines of the invoice above, its total counted once
4 logged, 0 already there, 0 rejected"
	# INV-1 30.00 at the credit's date; INV-2, issued after it, 20.00 at
	# its own date
	eq "$(sql "SELECT at, amount, ref, summary FROM interactions WHERE kind = 'payment' ORDER BY id")" \
"2026-11-05T00:00:00Z|3000|INV-1|credit note CN-1
2026-11-10T00:00:00Z|2000|INV-2|credit note CN-1"
	eq "$(crm-segment -f open_amount)" "open_amount
20.00"
	run --separate-stderr crm-log --import --date-format '%d/%m/%Y' fay.csv
	eq "$stderr" "crm-log: fay.csv: 1 row skipped: lines of the invoice above, its total counted once
0 logged, 4 already there, 0 rejected"
	# applied in Xero since: the invoices' amounts due say so, the credit
	# note is Paid; nothing more is logged
	{ echo "$H"
	  row CN-1 05/11/2026 50.00 0.00 0.00 'Sales credit note' 'Paid'
	  row INV-1 01/10/2026 30.00 0.00 0.00 'Sales invoice' 'Paid'
	  row INV-2 10/11/2026 40.00 0.00 20.00 'Sales invoice' 'Awaiting Payment'
	} >fay2.csv
	run --separate-stderr crm-log --import --date-format '%d/%m/%Y' fay2.csv
	status_is 0
	eq "$stderr" "crm-log: fay2.csv: 1 row skipped: not an invoice sent (Sales credit note)
0 logged, 4 already there, 0 rejected"
	eq "$(crm-segment -f open_amount)" "open_amount
20.00"
	# a credit of a customer with nothing open: said, not logged
	{ echo "$H"; row CN-2 20/11/2026 15.00 0.00 15.00 'Sales credit note' 'Awaiting Payment'; } >fay3.csv
	sql "UPDATE interactions SET amount = 2000 WHERE ref = 'INV-2' AND kind = 'invoice'"
	run --separate-stderr crm-log --import --date-format '%d/%m/%Y' fay3.csv
	status_is 0
	eq "$stderr" "crm-log: fay3.csv:2: 15.00 of 1 credit note not logged: its customer has no open invoice it could settle, and crm keeps no unapplied cash
0 logged, 0 already there, 0 rejected"
}

# INV-2001 is 115.00: 92.00 paid and 23.00 settled by credit note CN-0009,
# so Xero says InvoiceAmountDue 0.00, Status Paid.  Settled 115.00 - 0.00
# = 115.00: open 0.00, nothing overdue, nothing to chase.
@test "import: a Xero invoice settled in part by a credit note is not open (InvoiceAmountDue)" {
	{
		head -1 "$DATA/recv/xero-invoices.csv"
		echo 'Cafe Uno,uno@cafe.example,,,,,,,,,,,,,,,,,INV-2001,,01/03/2026,31/03/2026,,115.00,15.00,92.00,0.00,,Beans,1,100.00,,100.00,,,,,,,,NZD,Sales invoice,Sent,Paid'
		echo 'Cafe Uno,uno@cafe.example,,,,,,,,,,,,,,,,,CN-0009,,05/03/2026,05/03/2026,,23.00,3.00,0.00,0.00,,Damaged bag,1,20.00,,20.00,,,,,,,,NZD,Sales credit note,Sent,Paid'
	} >cn.csv
	run --separate-stderr crm-log --import --add-customers --date-format '%d/%m/%Y' cn.csv
	status_is 0
	eq "$stderr" "crm-log: cn.csv: 1 row skipped: not an invoice sent (Sales credit note)
crm-log: cn.csv: 1 payment of invoices logged at now, the time of the import: Xero's invoice export has no date of payment (a column of the payment's date is read with --map 'COLUMN=paid_at')
2 logged, 0 already there, 1 customer added, 0 rejected"
	eq "$(sql "SELECT kind, amount, ref, quote(summary) FROM interactions ORDER BY id")" \
"invoice|11500|INV-2001|NULL
payment|11500|INV-2001|'settled in part by a credit note'"
	run crm-segment -f name,open_amount,overdue -o csv
	eq "$output" "name,open_amount,overdue
Cafe Uno,0.00,0.00"
	run crm-remind -o csv
	[[ $output != *INV-2001* ]]
	run --separate-stderr crm-log --import --date-format '%d/%m/%Y' cn.csv
	has "$stderr" "0 logged, 2 already there, 0 rejected"
}

# qa22 F1: Zoho Books' Invoice.csv, a row a line item.  INV-000101 Paid
# 2300.00 in two lines, Balance 0.00: paid in full; INV-000102 Overdue
# 500.00 open; INV-000103 PartiallyPaid 1200.00, Balance 700.00: 500.00
# paid.  Open: Brown 700.00 + Alpha 500.00 = 1200.00.  Void and Draft
# skipped, the EUR invoice refused (a USD database).
@test "import: a Zoho Books invoice export: known without --kind, Balance is what is owed, a line's total once, payments of no date said" {
	run --separate-stderr crm-log --import --add-customers --rejects rej.csv "$DATA/real/zohobooks-invoices.csv"
	status_is 0
	eq "$stderr" "crm-log: $DATA/real/zohobooks-invoices.csv: 2 rows skipped: not an invoice sent (Void, Draft)
crm-log: $DATA/real/zohobooks-invoices.csv: 1 row skipped: lines of the invoice above, its total counted once
crm-log: $DATA/real/zohobooks-invoices.csv: 2 payments of invoices logged at now, the time of the import: the file has no Last Payment Date column (another column of the payment's date is read with --map 'COLUMN=paid_at')
5 logged, 0 already there, 2 customers added, 1 rejected"
	eq "$(sql "SELECT customer_id, kind, at, amount, ref, due FROM interactions ORDER BY id")" \
"1|invoice|2026-01-05T00:00:00Z|230000|INV-000101|2026-02-04T00:00:00Z
1|payment|2026-12-03T12:00:00Z|230000|INV-000101|
2|invoice|2026-02-10T00:00:00Z|50000|INV-000102|2026-03-12T00:00:00Z
1|invoice|2026-02-15T00:00:00Z|120000|INV-000103|2026-03-17T00:00:00Z
1|payment|2026-12-03T12:00:00Z|50000|INV-000103|"
	eq "$(crm-report -f name,open receivables)" "name	open
Brown & Sons, Pty Ltd	700.00
Société Alpha	500.00
	1200.00"
	run --separate-stderr crm-log --import --rejects rej.csv "$DATA/real/zohobooks-invoices.csv"
	has "$stderr" "0 logged, 5 already there, 1 rejected"
	eq "$(sql "SELECT count(*) FROM interactions")" 5
}

@test "import: a Zoho Books export with its Last Payment Date dates the payment by it; a customer of no Customer ID found by Customer Name, the id then hers" {
	crm-add -n 'Brown & Sons, Pty Ltd' >/dev/null
	crm-add -n 'Société Alpha' >/dev/null
	awk -F, -v OFS=, 'NR == 1 { print $0, "Last Payment Date"; next }
	    { print $0, ($4 == "Paid" ? "2026-01-20" : $4 == "PartiallyPaid" ? "2026-03-01" : "") }' \
	    "$DATA/real/zohobooks-invoices.csv" >zb.csv
	run --separate-stderr crm-log --import --rejects rej.csv zb.csv
	status_is 0
	[[ $stderr != *"logged at now"* ]]
	has "$stderr" "5 logged, 0 already there, 1 rejected"
	eq "$(sql "SELECT customer_id, value FROM identities ORDER BY customer_id")" \
"1|4271668000000095001
2|4271668000000095002"
	eq "$(sql "SELECT at, amount, ref FROM interactions WHERE kind = 'payment' ORDER BY id")" \
"2026-01-20T00:00:00Z|230000|INV-000101
2026-03-01T00:00:00Z|50000|INV-000103"
}

# qa22 F1: a list of no known system: its Due Date refused naming
# --kind invoice; with it, Balance Due is what is owed, Date Paid when.
@test "import: an invoice list read without --kind is refused saying it; with it, Invoice Date, Balance Due and Date Paid are read" {
	crm-add -n 'Hal Test' -e hal@example.com >/dev/null
	printf 'Invoice No,Email,Invoice Date,Due Date,Status,Total,Balance Due,Date Paid\nA-1,hal@example.com,2026-10-01,2026-10-31,Paid,300.00,0.00,2026-10-20\nA-2,hal@example.com,2026-11-01,2026-11-30,Sent,50.00,20.00,\n' >inv.csv
	before=$(dump)
	run --separate-stderr crm-log --import inv.csv
	status_is 65
	has "$stderr" "crm-log: inv.csv:2: Due Date: only an invoice has a due date: an invoice list is imported with --kind invoice"
	eq "$(dump)" "$before"
	run --separate-stderr crm-log --import --kind invoice inv.csv
	status_is 0
	eq "$stderr" "crm-log: inv.csv: 1 payment of invoices logged at now, the time of the import: its Date Paid is empty
4 logged, 0 already there, 0 rejected"
	eq "$(sql "SELECT kind, at, amount, ref FROM interactions ORDER BY id")" \
"invoice|2026-10-01T00:00:00Z|30000|A-1
payment|2026-10-20T00:00:00Z|30000|A-1
invoice|2026-11-01T00:00:00Z|5000|A-2
payment|2026-12-03T12:00:00Z|3000|A-2"
	# the names other lists use for what is owed
	for h in Balance 'Amount Due' Outstanding 'Amount Remaining' 'Open Balance'; do
		printf 'Invoice No,Email,Invoice Date,Total,%s\nB-1,hal@example.com,2026-11-05,80.00,80.00\n' "$h" >b.csv
		sed -i "s/^B-[0-9]*/B-${#h}/" b.csv
		crm-log --import --kind invoice b.csv 2>/dev/null
		eq "$(sql "SELECT count(*) FROM interactions WHERE kind = 'payment' AND ref = 'B-${#h}'")" 0
	done
	printf 'Invoice No,Email,Invoice Date,Total,Amount Due\nC-1,hal@example.com,2026-11-05,80.00,30.00\n' >c.csv
	crm-log --import --kind invoice c.csv 2>/dev/null
	eq "$(sql "SELECT amount FROM interactions WHERE kind = 'payment' AND ref = 'C-1'")" 5000
	# a bare Paid is as often yes or no: a field, unless --map names it
	printf 'Invoice No,Email,Invoice Date,Total,Paid\nD-1,hal@example.com,2026-11-05,80.00,Yes\n' >d.csv
	crm-log --import --kind invoice d.csv 2>/dev/null
	eq "$(sql "SELECT count(*) FROM interactions WHERE ref = 'D-1'")" 1
	printf 'Invoice No,Email,Invoice Date,Total,Got\nE-1,hal@example.com,2026-11-05,80.00,80.00\n' >e.csv
	crm-log --import --kind invoice --map 'Got=paid' e.csv 2>/dev/null
	eq "$(sql "SELECT kind, amount FROM interactions WHERE ref = 'E-1' ORDER BY id")" $'invoice|8000\npayment|8000'
	# the note's way out: --map 'COLUMN=paid_at', and open by --map too
	printf 'Invoice No,Email,Invoice Date,Total,Left,Settled On\nF-1,hal@example.com,2026-11-05,80.00,0.00,2026-11-20\n' >f.csv
	run --separate-stderr crm-log --import --kind invoice --map 'Left=open' --map 'Settled On=paid_at' f.csv
	eq "$stderr" "2 logged, 0 already there, 0 rejected"
	eq "$(sql "SELECT kind, at, amount FROM interactions WHERE ref = 'F-1' ORDER BY id")" \
"invoice|2026-11-05T00:00:00Z|8000
payment|2026-11-20T00:00:00Z|8000"
}

@test "import: a Stripe invoice export: paid at its time, partly paid now, void and draft skipped, a customer added" {
	run --separate-stderr crm-log --import --add-customers "$DATA/recv/stripe-invoices.csv"
	status_is 0
	eq "$stderr" "crm-log: $DATA/recv/stripe-invoices.csv: 2 rows skipped: not an invoice sent (void, draft)
crm-log: $DATA/recv/stripe-invoices.csv: 1 payment of invoices logged at now, the time of the import: its Paid At (UTC) is empty
4 logged, 0 already there, 1 customer added, 0 rejected"
	eq "$(sql "SELECT kind, at, amount, ref, due FROM interactions ORDER BY id")" \
"invoice|2026-10-01T10:00:00Z|5000|ABC-0001|2026-10-31T10:00:00Z
payment|2026-10-05T09:30:00Z|5000|ABC-0001|
invoice|2026-11-10T10:00:00Z|12000|ABC-0002|2026-12-10T10:00:00Z
payment|2026-12-03T12:00:00Z|2000|ABC-0002|"
	eq "$(sql "SELECT name, email FROM customers")" "Finn Test|finn@example.com"
	eq "$(crm-segment -f open_amount,overdue)" "open_amount	overdue
100.00	0.00"
}

# qa25 F8: "N logged" counts interactions, and a row of an invoice list
# logs several (an invoice and its paid part; a payment or credit memo
# split over invoices): a second import said fewer already there.
@test "import: a second import of an invoice list says as many already there as the first logged: paid parts, a payment split over invoices and a credit memo's parts each (qa25 F8)" {
	run --separate-stderr crm-log --import --add-customers "$DATA/recv/stripe-invoices.csv"
	has "$stderr" "4 logged, 0 already there, 1 customer added, 0 rejected"
	run --separate-stderr crm-log --import "$DATA/recv/stripe-invoices.csv"
	status_is 0
	has "$stderr" "0 logged, 4 already there, 0 rejected"
	new_db
	crm-add -n 'Hal Test' >/dev/null
	crm-add -n 'Ida Test' >/dev/null
	printf '%s\n' 'Date,Transaction type,Num,Customer,Due date,Amount,Open balance' \
	    '10/01/2026,Invoice,1001,Hal Test,10/31/2026,"$1,200.00",$0.00' \
	    '11/02/2026,Invoice,1002,Hal Test,12/02/2026,$300.00,$100.00' \
	    '11/05/2026,Payment,,Hal Test,,"-$1,400.00",$0.00' \
	    '11/06/2026,Credit Memo,CM1,Hal Test,,-$50.00,-$50.00' \
	    '10/01/2026,Invoice,2001,Ida Test,10/31/2026,$100.00,$100.00' \
	    '10/15/2026,Invoice,2002,Ida Test,11/14/2026,$30.00,$30.00' \
	    '11/06/2026,Credit Memo,CM2,Ida Test,,-$150.00,-$150.00' >cm.csv
	run --separate-stderr crm-log --import cm.csv
	status_is 0
	eq "$stderr" "crm-log: cm.csv:8: 20.00 of 1 credit note not logged: its customer has no open invoice it could settle, and crm keeps no unapplied cash
9 logged, 0 already there, 0 rejected"
	eq "$(sql "SELECT ref, amount, quote(summary) FROM interactions WHERE kind = 'payment' ORDER BY id")" \
"1001|120000|NULL
1002|20000|NULL
1002|5000|'credit memo CM1'
2001|10000|'credit memo CM2'
2002|3000|'credit memo CM2'"
	local before; before=$(dump | grep -v 'INSERT INTO audit\|undo')
	run --separate-stderr crm-log --import cm.csv
	status_is 0
	eq "${stderr_lines[1]}" "0 logged, 9 already there, 0 rejected"
	eq "$(dump | grep -v 'INSERT INTO audit\|undo')" "$before"
}

# QA qa7 #7: QuickBooks Online writes the time the report was run under
# its rows, after blank lines; its commas make it three cells.
@test "import: a QuickBooks invoice list's run stamp under its rows is a footer, skipped and said" {
	crm-add -n 'Hal Test' >/dev/null
	{ cat "$DATA/recv/quickbooks-invoices.csv"; printf '\n\nMonday, Oct 05, 2026 09:41:12 AM GMT-07:00\n'; } >qb.csv
	run --separate-stderr crm-log --import qb.csv
	status_is 0
	eq "$stderr" "crm-log: qb.csv: 1 row skipped: a report's footer, not a sale
3 logged, 0 already there, 0 rejected"
	eq "$(sql "SELECT count(*), sum(amount) FROM interactions WHERE kind = 'invoice'")" '2|150000'
}

# h-small #1: a report's stamp says its basis first, and its time has no
# seconds; split by its commas it was refused as a bad date.
@test "import: a QuickBooks report's 'Accrual basis ...' stamp under its rows is a footer, skipped and said" {
	crm-add -n 'Hal Test' >/dev/null
	{ cat "$DATA/recv/quickbooks-invoices.csv"; printf '\n\nAccrual basis Sunday, December 6, 2026 02:55 AM GMT-05:00\n'; } >qb.csv
	run --separate-stderr crm-log --import qb.csv
	status_is 0
	eq "$stderr" "crm-log: qb.csv: 1 row skipped: a report's footer, not a sale
3 logged, 0 already there, 0 rejected"
}

# An A/R Aging Detail's Credit Memo: Amount and Open balance negative;
# SC-1's -100.00 open is credit not applied yet, SC-2's 0.00 applied
# (its effect is in the invoice's open balance already).
@test "import: a QuickBooks Credit Memo not applied yet pays the oldest open invoice; one applied changes nothing" {
	crm-add -n 'Kim Test' >/dev/null
	printf 'Date,Transaction type,Num,Customer,Due date,Amount,Open balance\n11/11/2025,Invoice,SI-1,Kim Test,12/11/2025,"1,000.00",800.00\n12/01/2025,Payment,,Kim Test,,-200.00,0.00\n01/23/2026,Credit Memo,SC-1,Kim Test,01/23/2026,-100.00,-100.00\n02/01/2026,Credit Memo,SC-2,Kim Test,02/01/2026,-50.00,0.00\n' >q.csv
	run --separate-stderr crm-log --import q.csv
	status_is 0
	eq "$stderr" "crm-log: q.csv: 1 row skipped: not an invoice sent (Credit Memo)
3 logged, 0 already there, 0 rejected"
	eq "$(sql "SELECT kind, at, amount, ref, quote(summary) FROM interactions ORDER BY id")" \
"invoice|2025-11-11T00:00:00Z|100000|SI-1|NULL
payment|2025-12-01T00:00:00Z|20000|SI-1|NULL
payment|2026-01-23T00:00:00Z|10000|SI-1|'credit memo SC-1'"
	eq "$(crm-segment -f open_amount)" "open_amount
700.00"
	run --separate-stderr crm-log --import q.csv
	eq "$stderr" "crm-log: q.csv: 1 row skipped: not an invoice sent (Credit Memo)
0 logged, 3 already there, 0 rejected"
}

# qa24 F10: QuickBooks' lists of transactions (Transaction List by
# Customer, Customer Balance Detail, A/R Aging Detail) have a Payment row
# of each payment received: its date, its Amount negative, its Open
# balance what is not applied yet; its Num is its own reference, and no
# column says which invoice it paid.  So it pays its customer's invoices
# oldest first, and the open balances say how much of each was paid.
@test "import: a QuickBooks invoice list: the open balance says what was paid, its Payment rows when, oldest invoice first; again changes nothing" {
	crm-add -n 'Hal Test' >/dev/null
	run --separate-stderr crm-log --import "$DATA/recv/quickbooks-invoices.csv"
	status_is 0
	eq "$stderr" "3 logged, 0 already there, 0 rejected"
	# 1001: 1200.00 with 700.00 open, so 500.00 paid, on 11/05
	eq "$(sql "SELECT kind, at, amount, ref, due FROM interactions ORDER BY id")" \
"invoice|2026-10-01T00:00:00Z|120000|1001|2026-10-31T00:00:00Z
invoice|2026-11-02T00:00:00Z|30000|1002|2026-12-02T00:00:00Z
payment|2026-11-05T00:00:00Z|50000|1001|"
	# 1001: 33 days past due, 1002: 1 day
	eq "$(crm-report -f current,days_1_30,days_31_60,open receivables)" \
"current	days_1_30	days_31_60	open
0.00	300.00	700.00	1000.00
0.00	300.00	700.00	1000.00"
	before=$(dump | grep -v 'INSERT INTO audit\|undo')
	run --separate-stderr crm-log --import "$DATA/recv/quickbooks-invoices.csv"
	status_is 0
	eq "$stderr" "0 logged, 3 already there, 0 rejected"
	eq "$(dump | grep -v 'INSERT INTO audit\|undo')" "$before"
	# the list without an Amount column: what is owed is the open balance
	printf 'Date,Transaction type,Num,Customer,Due date,Open balance\n11/20/2026,Invoice,1003,Hal Test,12/20/2026,"$4,250.00"\n' >qb.csv
	crm-log --import qb.csv 2>/dev/null
	eq "$(sql "SELECT kind, amount, due FROM interactions WHERE ref = '1003'")" \
	    "invoice|425000|2026-12-20T00:00:00Z"
}

# Ivy: 2001 (09/01, 100.00, open 0), 2002 (09/10, 200.00, open 50.00),
# 2003 (10/01, 80.00, open 80.00): paid 100.00 + 150.00 = 250.00 by the
# open balances.  Payments 09/20 120.00 and 10/15 150.00, 30.00 of it
# unapplied (Open balance -30.00): 120.00 applied.  Oldest first: 09/20
# pays 2001 100.00 and 2002 20.00, 10/15 pays 2002 120.00; the other
# 10.00 of 2002's 150.00 no row dates: at now, said.  Nothing on 2003
# (open in full).  Open 50.00 + 80.00 = 130.00.
@test "import: QuickBooks' Payment rows pay the oldest invoices first, their unapplied part left; what no row dates is said; never twice" {
	crm-add -n 'Ivy Test' >/dev/null
	H='Date,Transaction type,Num,Customer,Due date,Amount,Open balance'
	printf '%s\n' "$H" '09/01/2026,Invoice,2001,Ivy Test,10/01/2026,100.00,0.00' \
	    '09/10/2026,Invoice,2002,Ivy Test,10/10/2026,200.00,50.00' \
	    '09/20/2026,Payment,7731,Ivy Test,,-120.00,0.00' \
	    '10/01/2026,Invoice,2003,Ivy Test,10/31/2026,80.00,80.00' \
	    '10/15/2026,Payment,,Ivy Test,,-150.00,-30.00' >ivy.csv
	run --separate-stderr crm-log --import ivy.csv
	status_is 0
	eq "$stderr" "crm-log: ivy.csv: 1 payment of invoices logged at now, the time of the import: no Payment row of the file dates it
7 logged, 0 already there, 0 rejected"
	eq "$(sql "SELECT at, amount, ref FROM interactions WHERE kind = 'payment' ORDER BY id")" \
"2026-09-20T00:00:00Z|10000|2001
2026-09-20T00:00:00Z|2000|2002
2026-10-15T00:00:00Z|12000|2002
2026-12-03T12:00:00Z|1000|2002"
	eq "$(crm-segment -f open_amount)" "open_amount
130.00"
	run --separate-stderr crm-log --import ivy.csv
	eq "$stderr" "0 logged, 7 already there, 0 rejected"
	eq "$(crm-segment -f open_amount)" "open_amount
130.00"
	# a payment beyond what the open balances say was paid: said, the
	# rest not logged (crm keeps no unapplied cash)
	new_db
	crm-add -n 'Ivy Test' >/dev/null
	printf '%s\n' "$H" '09/01/2026,Invoice,2001,Ivy Test,10/01/2026,100.00,0.00' \
	    '09/20/2026,Payment,,Ivy Test,,-160.00,0.00' >more.csv
	run --separate-stderr crm-log --import more.csv
	status_is 0
	eq "$stderr" "crm-log: more.csv:3: 60.00 of 1 Payment row not logged: more than the open balances of its customer's invoices in the file say was paid of them, and than her other open invoices owe; crm keeps no unapplied cash
2 logged, 0 already there, 0 rejected"
	eq "$(sql "SELECT kind, at, amount FROM interactions ORDER BY id")" \
"invoice|2026-09-01T00:00:00Z|10000
payment|2026-09-20T00:00:00Z|10000"
	# a payment logged before (at now, by an older import) is not paid
	# again: the open balance says 100.00 was paid, and it is
	new_db
	crm-add -n 'Ivy Test' -e ivy@example.com >/dev/null
	crm-log ivy@example.com invoice --amount 100 --ref 2001 --at 2026-09-01 --due 2026-10-01 >/dev/null
	crm-log ivy@example.com payment --amount 100 --ref 2001 >/dev/null
	run --separate-stderr crm-log --import more.csv
	status_is 0
	has "$stderr" "0 logged, 2 already there, 0 rejected"
	eq "$(sql "SELECT sum(amount) FROM interactions WHERE kind = 'payment'")" 10000
}

# qa25 F5: QuickBooks' lists are exported by date, so the invoice a
# payment paid is often in an earlier file.  Hal: 1001 (10/01, 1200.00)
# and 1002 (11/02, 300.00) from the first list; a later one lists 1002
# still open in full and a payment of 500.00 on 11/05: it paid 1001.
@test "import: a QuickBooks Payment row beyond the file's invoices pays its customer's open invoices crm has that the file does not list, oldest first, said; never twice, nor after a newer list (qa25 F5)" {
	crm-add -n 'Hal Test' >/dev/null
	H='Date,Transaction type,Num,Customer,Due date,Amount,Open balance'
	printf '%s\n' "$H" '10/01/2026,Invoice,1001,Hal Test,10/31/2026,"$1,200.00","$1,200.00"' \
	    '11/02/2026,Invoice,1002,Hal Test,12/02/2026,$300.00,$300.00' \
	    '11/20/2026,Invoice,1003,Hal Test,12/20/2026,$90.00,$90.00' >l1.csv
	printf '%s\n' "$H" '11/02/2026,Invoice,1002,Hal Test,12/02/2026,$300.00,$300.00' \
	    '11/05/2026,Payment,,Hal Test,,-$500.00,$0.00' >part.csv
	crm-log --import l1.csv 2>/dev/null
	run --separate-stderr crm-log --import part.csv
	status_is 0
	eq "$stderr" "crm-log: part.csv:3: 500.00 of 1 Payment row logged to open invoices the file does not list (1001), oldest first: more than the open balances of its customer's invoices in the file say was paid of them
1 logged, 1 already there, 0 rejected"
	eq "$(sql "SELECT at, amount, ref FROM interactions WHERE kind = 'payment'")" \
	    '2026-11-05T00:00:00Z|50000|1001'
	eq "$(crm-segment -f open_amount)" $'open_amount\n1090.00'
	local before; before=$(dump | grep -v 'INSERT INTO audit\|undo')
	run --separate-stderr crm-log --import part.csv
	status_is 0
	eq "$stderr" "0 logged, 2 already there, 0 rejected"
	eq "$(dump | grep -v 'INSERT INTO audit\|undo')" "$before"
	# a newer list of every invoice: 1001's 800.00 paid by both rows
	printf '%s\n' "$H" '10/01/2026,Invoice,1001,Hal Test,10/31/2026,"$1,200.00",$400.00' \
	    '11/02/2026,Invoice,1002,Hal Test,12/02/2026,$300.00,$300.00' \
	    '11/05/2026,Payment,,Hal Test,,-$500.00,$0.00' \
	    '11/20/2026,Invoice,1003,Hal Test,12/20/2026,$90.00,$90.00' \
	    '11/21/2026,Payment,,Hal Test,,-$300.00,$0.00' >new.csv
	run --separate-stderr crm-log --import new.csv
	status_is 0
	eq "$stderr" "1 logged, 4 already there, 0 rejected"
	eq "$(crm-segment -f open_amount)" $'open_amount\n790.00'
	# the older list after it changes nothing
	before=$(dump | grep -v 'INSERT INTO audit\|undo')
	run --separate-stderr crm-log --import part.csv
	eq "$stderr" "0 logged, 2 already there, 0 rejected"
	eq "$(dump | grep -v 'INSERT INTO audit\|undo')" "$before"
	# the newer list first, then the older: nothing more
	new_db
	crm-add -n 'Hal Test' >/dev/null
	crm-log --import new.csv 2>/dev/null
	before=$(dump | grep -v 'INSERT INTO audit\|undo')
	run --separate-stderr crm-log --import part.csv
	status_is 0
	eq "$stderr" "0 logged, 2 already there, 0 rejected"
	eq "$(dump | grep -v 'INSERT INTO audit\|undo')" "$before"
	# never an invoice issued after the payment (1003, 11/20); what
	# nothing open takes is said, not logged
	new_db
	crm-add -n 'Hal Test' >/dev/null
	crm-log --import l1.csv 2>/dev/null
	printf '%s\n' "$H" '11/02/2026,Invoice,1002,Hal Test,12/02/2026,$300.00,$300.00' \
	    '11/05/2026,Payment,,Hal Test,,"-$1,250.00",$0.00' >over.csv
	run --separate-stderr crm-log --import over.csv
	status_is 0
	eq "$stderr" "crm-log: over.csv:3: 1200.00 of 1 Payment row logged to open invoices the file does not list (1001), oldest first: more than the open balances of its customer's invoices in the file say was paid of them
crm-log: over.csv:3: 50.00 of 1 Payment row not logged: more than the open balances of its customer's invoices in the file say was paid of them, and than her other open invoices owe; crm keeps no unapplied cash
1 logged, 1 already there, 0 rejected"
	eq "$(sql "SELECT ref, amount FROM interactions WHERE kind = 'payment'")" '1001|120000'
}

@test "import: kind, ref and due columns; a bad due date or a payment of no invoice exits 65, nothing stored" {
	crm-add -n Ada -e ada@example.com >/dev/null
	printf 'email,kind,date,amount,ref,due\nada@example.com,invoice,2026-11-01,90.00,A-1,2026-11-15\nada@example.com,payment,2026-11-10,40.00,A-1,\n' >ok.csv
	crm-log --import ok.csv 2>/dev/null
	eq "$(sql "SELECT kind, amount, ref, due FROM interactions ORDER BY id")" \
"invoice|9000|A-1|2026-11-15T00:00:00Z
payment|4000|A-1|"
	before=$(dump)
	printf 'email,kind,date,amount,ref,due\nada@example.com,invoice,2026-11-02,10.00,A-2,soon\n' >bad.csv
	run --separate-stderr crm-log --import bad.csv
	status_is 65
	has "$stderr" "crm-log: bad.csv:2: due: not a date"
	# --kind payment: each row settles an invoice, or is refused
	printf 'email,date,amount,ref\nada@example.com,2026-11-03,10.00,A-1\nada@example.com,2026-11-03,10.00,A-9\n' >bad2.csv
	run --separate-stderr crm-log --kind payment --import bad2.csv
	status_is 65
	has "$stderr" "crm-log: bad2.csv:3: a payment of no invoice: customer 1 has no invoice 'A-9'"
	eq "$(dump)" "$before"
	# a shop's export whose "payment" names an order, not an invoice: its
	# sale is the order's row, so the payment is skipped, never a sale
	printf 'email,type,date,amount,ref\nada@example.com,Payment,2026-11-04,15.00,ORDER-77\n' >shop.csv
	run --separate-stderr crm-log --import shop.csv
	status_is 0
	has "$stderr" "1 row skipped: a payment that settles no invoice logged is not a second sale; log the invoice first to take it (Payment)"
	eq "$(sql "SELECT count(*) FROM interactions WHERE ref = 'ORDER-77'")" 0
}

@test "crm-add --import: Credit Limit and Payment Terms columns (30d, Net 30, Due on receipt); bad ones refuse the row" {
	printf 'Name,Email,Credit Limit,Payment Terms\nAda,ada@example.com,"5,000.00",Net 30\nBo,bo@example.com,,14d\nCy,cy@example.com,250,Due on receipt\n' >credit.csv
	run --separate-stderr crm-add --import credit.csv
	status_is 0
	eq "$stderr" "3 added, 0 updated, 0 unchanged, 0 rejected"
	eq "$(sql "SELECT name, credit_limit, terms FROM customers ORDER BY id")" \
"Ada|500000|30d
Bo||14d
Cy|25000|0d"
	before=$(dump)
	printf 'Name,Email,Credit Limit\nDi,di@example.com,lots\n' >bad.csv
	run --separate-stderr crm-add --import bad.csv
	fails 65 "crm-add: bad.csv:2: Credit Limit: not a credit limit (an amount such as 5000.00)"
	printf 'Name,Email,Payment Terms\nAda,ada@example.com,whenever\n' >bad.csv
	run --separate-stderr crm-add --import bad.csv
	fails 65 "crm-add: bad.csv:2: Payment Terms: not payment terms (30d, Net 30, 30 days)"
	eq "$(dump)" "$before"
	# an invoice of Cy's is due the day it is issued
	crm-log --at 2026-11-30 --amount 10 --ref C-1 cy@example.com invoice
	eq "$(sql "SELECT due FROM interactions")" "2026-11-30T00:00:00Z"
}

# A credit limit is an amount as any other: in the database's one
# currency (here EUR, from a purchase), or refused, 65, nothing changed.
@test "credit limits keep the database's currency: --credit-limit 'GBP 100' or '\$100' and a Credit Limit cell \$500 in EUR are refused; a first \$ is kept" {
	crm-add -n Ann -e ann@example.com >/dev/null
	crm-log ann@example.com purchase --amount 'EUR 5'
	crm-add --org -n Acme >/dev/null
	before=$(dump)
	run --separate-stderr crm-add -u Acme --credit-limit 'GBP 100'
	fails 65 "crm-add: --credit-limit: 'GBP' is not this database's currency, EUR: amounts are added up as they are, never converted; convert it first, or give the amount without its currency to take it as EUR"
	run --separate-stderr crm-add -u Acme --credit-limit '$100'
	status_is 65
	has "$stderr" "crm-add: --credit-limit: '\$' is not this database's currency, EUR: it is the sign of"
	run --separate-stderr crm-add --org -n Beta --credit-limit '$100'
	status_is 65
	printf 'Name,Email,Credit Limit\nCL Person,cl@example.com,$500\nCL2,cl2@example.com,GBP 700\n' >cl.csv
	run --separate-stderr crm-add --import cl.csv
	status_is 65
	has "$stderr" "crm-add: cl.csv:2: Credit Limit: '\$' is not this database's currency, EUR"
	eq "$(dump)" "$before"
	run --separate-stderr crm-add --import --rejects r.csv cl.csv
	status_is 65
	eq "$stderr" "crm-add: cl.csv: every row was rejected (2, each with why in r.csv): nothing imported"
	has "$(cat r.csv)" "3,\"Credit Limit: 'GBP' is not this database's currency, EUR:"
	crm-add -u Acme --credit-limit '€150' >/dev/null
	eq "$(sql "SELECT credit_limit FROM customers WHERE name = 'Acme'")" 15000
	# a fresh database: a first $ is kept, and a € amount then refused
	new_db
	crm-add --org -n Acme --credit-limit '$100' >/dev/null
	eq "$(sql "SELECT value FROM settings WHERE key = 'currency_sign'")" '$'
	crm-add -n A -e a@example.com >/dev/null
	run --separate-stderr crm-log a@example.com purchase --amount '€5'
	status_is 65
}

@test "crm-add --merge: two customers with an invoice of one number are refused (65, unchanged); open amounts never below 0" {
	crm-add -n 'M Keep' -e mk@x.com >/dev/null
	crm-add -n 'M Dup' -e md@x.com >/dev/null
	crm-log mk@x.com invoice --amount 100 --ref INV-1 --at 2026-10-01 --due 2026-10-31 >/dev/null
	crm-log md@x.com invoice --amount 80 --ref INV-1 --at 2026-10-05 --due 2026-11-04 >/dev/null
	crm-log md@x.com payment --amount 80 --ref INV-1 --at 2026-10-10 >/dev/null
	before=$(dump)
	run --separate-stderr crm-add --merge mk@x.com md@x.com
	fails 65 "crm-add: cannot merge customer 2 into 1: both have an invoice INV-1"
	eq "$(dump)" "$before"
	eq "$(crm-segment -f id,open_amount 'email = "mk@x.com"')" "id	open_amount
1	100.00"
	# an overpayment written outside crm (crm-log refuses one): INV-1
	# of M Dup's, 80.00, paid 80.00 + 30.00, is open 0, not -30.00;
	# M Keep's 100.00, due 10-31, is 30 + 3 = 33 days past due on
	# 2026-12-03 (31-60)
	sql "INSERT INTO interactions (customer_id, at, kind, amount, ref, created) VALUES (2, '2026-10-11T00:00:00Z', 'payment', 3000, 'INV-1', '2026-10-11T00:00:00Z')"
	eq "$(crm-segment -f id,open_amount,overdue 'email ~ "x.com"')" "id	open_amount	overdue
1	100.00	100.00
2	0.00	0.00"
	eq "$(crm-report receivables | cut -f1,4-9)" "customer	current	days_1_30	days_31_60	days_61_90	over_90	open
1	0.00	0.00	100.00	0.00	0.00	100.00
total	0.00	0.00	100.00	0.00	0.00	100.00"
	run --separate-stderr crm-log md@x.com payment --amount 1 --ref INV-1
	fails 65 "crm-log: a payment of 1.00 is more than the 0.00 open on invoice INV-1"
}

@test "import: Xero's ContactName names the customer when EmailAddress is empty or absent; '*' marks of required columns, BOM and CRLF" {
	crm-add -n 'Bob Baker' -e bob@example.com >/dev/null
	printf 'ContactName,EmailAddress,InvoiceNumber,InvoiceDate,DueDate,Total,InvoiceAmountPaid,Type,Status\nBob Baker,,INV-9,2026-10-15,2026-11-14,10.00,0,Sales invoice,Awaiting Payment\n' >xn2.csv
	run --separate-stderr crm-log --import xn2.csv
	status_is 0
	eq "$stderr" "1 logged, 0 already there, 0 rejected"
	# no EmailAddress column at all; Xero's template: '*', BOM, CRLF
	printf '\357\273\277*ContactName,*InvoiceNumber,*InvoiceDate,*DueDate,Total,InvoiceAmountPaid,Type,Status\r\nBob Baker,INV-10,2026-10-16,2026-11-15,20.00,0,Sales invoice,Awaiting Payment\r\n' >xs.csv
	run --separate-stderr crm-log --import xs.csv
	status_is 0
	eq "$stderr" "1 logged, 0 already there, 0 rejected"
	eq "$(sql "SELECT customer_id, kind, ref, at, due, amount FROM interactions ORDER BY id")" \
"1|invoice|INV-9|2026-10-15T00:00:00Z|2026-11-14T00:00:00Z|1000
1|invoice|INV-10|2026-10-16T00:00:00Z|2026-11-15T00:00:00Z|2000"
	# the extra fields are named without the '*'
	eq "$(sql "SELECT key FROM interaction_fields WHERE interaction_id = 2 ORDER BY key")" \
"ContactName
Status
Type"
	# a name nobody has, a name two have: refused, nothing stored
	crm-add -n 'Bob Baker' -e bob2@example.com >/dev/null
	before=$(dump)
	run --separate-stderr crm-log --import xn2.csv
	fails 65 "crm-log: xn2.csv:2: ContactName: 'Bob Baker' is the name of 2 customers (1, 2): say which by id or e-mail"
	sed 's/^Bob Baker/No Body/' xn2.csv >xn4.csv
	run --separate-stderr crm-log --import xn4.csv
	fails 65 "crm-log: xn4.csv:2: ContactName: no customer 'No Body' (--add-customers adds them)"
	eq "$(dump)" "$before"
}

@test "import: a QuickBooks list's totals row (TOTAL, or no Num and no Customer) is skipped and counted" {
	crm-add -n 'Ann Archer' -e ann@example.com >/dev/null
	printf 'Date,Transaction type,Num,Customer,Due date,Amount,Open balance\n09/01/2026,Invoice,1001,Ann Archer,10/01/2026,"2,000.00","1,250.00"\nTOTAL,,,,,"2,000.00","1,250.00"\n' >qb.csv
	run --separate-stderr crm-log --import qb.csv
	status_is 0
	eq "$stderr" "crm-log: qb.csv: 1 row skipped: totals, not a sale
crm-log: qb.csv: 1 payment of invoices logged at now, the time of the import: no Payment row of the file dates it
2 logged, 0 already there, 0 rejected"
	# 2,000.00 invoiced, 1,250.00 open: 750.00 paid
	eq "$(sql "SELECT kind, ref, amount FROM interactions ORDER BY id")" \
"invoice|1001|200000
payment|1001|75000"
	printf 'Date,Transaction type,Num,Customer,Due date,Amount,Open balance\n09/02/2026,Invoice,1002,Ann Archer,10/02/2026,100.00,100.00\n,,,,,"2,100.00","1,350.00"\n' >qb2.csv
	run --separate-stderr crm-log --import qb2.csv
	status_is 0
	eq "$stderr" "crm-log: qb2.csv: 1 row skipped: totals, not a sale
1 logged, 0 already there, 0 rejected"
	# a row with a number but no customer is still an error
	printf 'Date,Transaction type,Num,Customer,Due date,Amount,Open balance\n09/03/2026,Invoice,1003,,10/03/2026,100.00,100.00\n' >qb3.csv
	before=$(dump)
	run --separate-stderr crm-log --import qb3.csv
	status_is 65
	has "$stderr" "crm-log: qb3.csv:2: Customer: no customer given"
	eq "$(dump)" "$before"
}

@test "crm-log: an invoice's or payment's --ref is trimmed; a blank one is refused (65, unchanged)" {
	crm-add -n Ada -e ada@example.com >/dev/null
	crm-log ada@example.com invoice --amount 10 --ref ' INV-9 ' >/dev/null
	crm-log ada@example.com payment --amount 4 --ref 'INV-9' >/dev/null
	crm-log ada@example.com payment --amount 1 --ref '	INV-9 ' >/dev/null
	eq "$(sql "SELECT kind, '[' || ref || ']', amount FROM interactions ORDER BY id")" \
"invoice|[INV-9]|1000
payment|[INV-9]|400
payment|[INV-9]|100"
	before=$(dump)
	run --separate-stderr crm-log ada@example.com invoice --amount 10 --ref INV-9
	fails 65 "crm-log: customer 1 has an invoice INV-9 already"
	run --separate-stderr crm-log ada@example.com invoice --amount 10 --ref ''
	fails 65 "crm-log: an invoice needs its number as its ref"
	run --separate-stderr crm-log ada@example.com invoice --amount 10 --ref '  '
	fails 65 "crm-log: an invoice needs its number as its ref"
	run --separate-stderr crm-log ada@example.com payment --amount 5 --ref ''
	fails 65 "crm-log: a payment needs the number of the invoice it pays as its ref"
	eq "$(dump)" "$before"
}

@test "crm-add: --decimal-comma for --credit-limit; --terms reads Net 30 and Due on receipt as an import does; both with --org" {
	before=$(dump)
	run --separate-stderr crm-add -n Ada -e ada@example.com --credit-limit '€1.000,00'
	fails 65 "crm-add: --credit-limit: '€1.000,00' is not an amount (',' is no decimal mark without --decimal-comma, which reads 1.000,00 as 1000.00)"
	run --separate-stderr crm-add -n Ada -e ada@example.com --terms 'net 30' --terms soon
	fails 64 "crm-add: --terms: 'soon' is not payment terms (30d, Net 30, Due on receipt)"
	eq "$(dump)" "$before"
	crm-add -n Ada -e ada@example.com --credit-limit '€1.000,00' --decimal-comma --terms 'net 30' >/dev/null
	crm-add --org -n Acme --credit-limit 5 --terms 0d >/dev/null
	crm-add -n Bo --terms 'Due on receipt' >/dev/null
	crm-add -n Cy --terms '45 days' >/dev/null
	eq "$(sql "SELECT name, type, credit_limit, terms FROM customers ORDER BY id")" \
"Ada|person|100000|30d
Acme|org|500|0d
Bo|person||0d
Cy|person||45d"
	run crm-add -h
	has "$output" "[-F key=value]... [--credit-limit amount] [--decimal-comma]
               [--terms terms]
       crm-add [-d db] -u key"
}

@test "a payment dated after now is not made yet: --show, crm-remind, open_amount, overdue and receivables agree" {
	crm-add -n Ada -e ada@example.com >/dev/null
	crm-log ada@example.com invoice --amount 50 --ref I1 --at 2026-10-01 --due 2026-10-31 >/dev/null
	crm-log ada@example.com payment --amount 50 --ref I1 --at 2026-12-20 >/dev/null
	# now is 2026-12-03T12:00: I1 is 30 + 3 = 33 days past due, 50.00 open
	eq "$(crm-log --show ada@example.com -f kind,state,amount)" "kind	state	amount
payment		50.00
invoice	open	50.00"
	eq "$(crm-remind list -f id,overdue_days,note)" "id	overdue_days	note
invoice:1	33	Invoice I1: 50.00 open"
	eq "$(crm-segment -f id,open_amount,overdue)" "id	open_amount	overdue
1	50.00	50.00"
	eq "$(crm-report receivables | cut -f1,6,9)" "customer	days_31_60	open
1	50.00	50.00
total	50.00	50.00"
	# once its day has come, it is paid everywhere
	export CRM_NOW=2026-12-21T00:00:00Z
	eq "$(crm-log --show ada@example.com -f kind,state)" "kind	state
payment	
invoice	paid"
	eq "$(crm-remind list -f id)" ""
	eq "$(crm-segment -f id,open_amount,overdue)" "id	open_amount	overdue
1	0.00	0.00"
}

@test "refused: an invoice due before it is issued, a payment before its invoice, a Xero row paid beyond its Total; a changed Total said on stderr" {
	crm-add -n Bob -e bob@example.com >/dev/null
	before=$(dump)
	run --separate-stderr crm-log bob@example.com invoice --amount 10 --ref I1 --at 2026-06-01 --due 2026-01-01
	fails 65 "crm-log: an invoice due before it is issued: due 2026-01-01, issued 2026-06-01"
	eq "$(dump)" "$before"
	# due the day it is issued, even at an earlier hour: accepted
	crm-log bob@example.com invoice --amount 10 --ref I1 --at 2026-06-01T15:00:00Z --due 2026-06-01 >/dev/null
	before=$(dump)
	run --separate-stderr crm-log bob@example.com payment --amount 5 --ref I1 --at 2026-05-31
	fails 65 "crm-log: a payment dated 2026-05-31, before invoice I1 was issued (2026-06-01)"
	eq "$(dump)" "$before"
	crm-log bob@example.com payment --amount 5 --ref I1 --at 2026-06-01 >/dev/null
	H='ContactName,EmailAddress,InvoiceNumber,InvoiceDate,DueDate,Total,InvoiceAmountPaid,Type,Status'
	printf "$H\nBob,bob@example.com,X1,2026-10-15,2026-11-14,100.00,120.00,Sales invoice,Awaiting Payment\n" >x1.csv
	before=$(dump)
	run --separate-stderr crm-log --import x1.csv
	status_is 65
	has "$stderr" "crm-log: x1.csv:2: InvoiceAmountPaid: 120.00 paid is more than the invoice's 100.00"
	eq "$(dump)" "$before"
	printf "$H\nBob,bob@example.com,X2,2026-10-15,2026-11-14,100.00,20.00,Sales invoice,Awaiting Payment\n" >x2.csv
	crm-log --import x2.csv 2>/dev/null
	# the same invoice, its Total now 120.00: left as logged, and said
	printf "$H\nBob,bob@example.com,X2,2026-10-15,2026-11-14,120.00,20.00,Sales invoice,Awaiting Payment\n" >x3.csv
	run --separate-stderr crm-log --import x3.csv
	status_is 0
	eq "$stderr" "crm-log: x3.csv:2: invoice X2 is 120.00 here, 100.00 as logged: left as logged
0 logged, 2 already there, 1 of them changed since (kept as logged), 0 rejected"
	eq "$(sql "SELECT kind, ref, amount FROM interactions WHERE ref = 'X2' ORDER BY id")" \
"invoice|X2|10000
payment|X2|2000"
}

@test "receivables without --to ages as of now, as --to now and crm-remind do (qa13 #10)" {
	# now 2026-06-30T12:00Z: due 06-30 is 0 days (current), 06-29 1,
	# 05-31 30 (1-30), 05-01 60 (31-60), 04-01 90 (61-90); aged to the
	# next midnight instead each went one bucket later
	export CRM_NOW=2026-06-30T12:00:00Z
	for d in 2026-06-30 2026-06-29 2026-05-31 2026-05-01 2026-04-01; do
		crm-add -n "due $d" -e "d$d@example.com" >/dev/null
		crm-log "d$d@example.com" invoice --amount 100 --ref I \
		    --at 2026-01-01 --due $d >/dev/null
	done
	f=customer,current,days_1_30,days_31_60,days_61_90,over_90
	want="customer	current	days_1_30	days_31_60	days_61_90	over_90
1	100.00	0.00	0.00	0.00	0.00
2	0.00	100.00	0.00	0.00	0.00
3	0.00	100.00	0.00	0.00	0.00
4	0.00	0.00	100.00	0.00	0.00
5	0.00	0.00	0.00	100.00	0.00
total	100.00	200.00	100.00	100.00	0.00"
	eq "$(crm-report receivables -f $f)" "$want"
	eq "$(crm-report receivables --to now -f $f)" "$want"
	eq "$(crm-remind list -f id,overdue_days | sort)" "id	overdue_days
invoice:1	0
invoice:2	1
invoice:3	30
invoice:4	60
invoice:5	90"
}
