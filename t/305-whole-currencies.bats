#!/usr/bin/env bats
# Test plan: amounts of a currency without a minor unit (ISO 4217's
# minor unit 0: JPY, KRW, ISK ...; lib/money.c) printed as such, 1500 and
# never 1500.00, in every output; and refused with a fraction.
#   - a yen database (its currency set by its first amount): crm-log's
#     --show, crm-segment's revenue (TSV, JSON, CSV), crm-report sales
#     (its average rounded half away from zero: 1000 and 1001 average
#     1000.50, printed 1001), summary, receivables and the HTML page,
#     deal amounts, the morning list's open invoice, credit limits
#   - a won database, its currency from the sign ₩
#   - crm-log --import of a Stripe payments export in yen (t/data/yen:
#     Stripe's Payments export header, t/data/real/SOURCES.md; amounts as
#     the Dashboard writes a zero-decimal currency, "12,000"): the
#     customers' revenue and the sales report
#   - refused, exit 65 and the database unchanged: --amount 1500.5 in a
#     yen database (and with its own code in a new database), --amount of
#     a deal, --credit-limit, and an import's cell "3,300.5" at its line
#     and column, a deal export's Amount and a customer file's Credit
#     Limit too; 1500.00 is taken (exports write two decimals for yen)
#     and stored as before, in hundredths
#   - a dollar database prints two decimals as before

load helper

# A yen database: its first amount gives its currency.
yen_book() {
	crm-add -n Aki -e aki@example.jp >/dev/null
	crm-add -n Ren -e ren@example.jp >/dev/null
	crm-log --at 2026-11-02 --amount '1500 JPY' aki@example.jp purchase \
	    >/dev/null
	crm-log --at 2026-11-03 --amount '¥1,000' ren@example.jp purchase \
	    >/dev/null
	crm-log --at 2026-11-04 --amount 1001 ren@example.jp purchase \
	    >/dev/null
}

@test "yen: log, segment and sales print whole yen in every format" {
	yen_book
	run --separate-stderr crm-segment -f name,revenue
	status_is 0
	eq "$output" $'name\trevenue\nAki\t1500\nRen\t2001'
	run --separate-stderr crm-segment -f name,revenue -o json
	eq "$output" $'{"name":"Aki","revenue":"1500"}\n{"name":"Ren","revenue":"2001"}'
	run --separate-stderr crm-segment -f name,revenue -o csv
	eq "$output" $'name,revenue\nAki,1500\nRen,2001'
	# 3501 over 3 orders is 1167.00 (hundredths 116700): 1167; Ren's
	# 2001 over 2 is 1000.50, rounded half away from zero: 1001
	run --separate-stderr crm-report sales -f period,revenue,average_order
	eq "$output" $'period\trevenue\taverage_order\n2026-11\t3501\t1167'
	run --separate-stderr crm-report sales --where 'name = Ren' -f revenue,average_order
	eq "$output" $'revenue\taverage_order\n2001\t1001'
	run --separate-stderr crm-log --show aki@example.jp -f amount
	eq "$output" $'amount\n1500'
	run --separate-stderr crm-report summary -o json -f grouping,revenue
	eq "${lines[0]}" '{"grouping":"all","revenue":"3501"}'
	run --separate-stderr crm-report sales -o html
	has "$output" '<td class="n">3501</td>'
	[[ $output != *3501.00* ]]
	# stored as before: hundredths of the unit
	eq "$(sql 'SELECT group_concat(amount) FROM (SELECT amount FROM interactions ORDER BY id) AS a')" \
	    150000,100000,100100
}

@test "yen: deals, receivables, credit limits and the morning list" {
	crm-add -n Aki -e aki@example.jp --credit-limit '50,000 JPY' >/dev/null
	crm-log --at 2026-10-01 --amount 30000 --ref INV-1 --due 2026-10-31 \
	    aki@example.jp invoice >/dev/null
	crm-log --at 2026-10-15 --amount 10000.00 --ref INV-1 aki@example.jp \
	    payment >/dev/null
	crm-deal add aki@example.jp Printer --amount 250000 >/dev/null
	run --separate-stderr crm-deal list -f title,amount,weighted
	eq "$output" $'title\tamount\tweighted\nPrinter\t250000\t25000'
	run --separate-stderr crm-report receivables -f name,days_1_30,open,credit_limit
	eq "$output" $'name\tdays_1_30\topen\tcredit_limit\nAki\t20000\t20000\t50000\n\t20000\t20000\t'
	run --separate-stderr crm-segment -f name,open_amount,overdue,credit_limit
	eq "$output" $'name\topen_amount\toverdue\tcredit_limit\nAki\t20000\t20000\t50000'
	run --separate-stderr crm-remind -f note
	eq "$output" $'note\nInvoice INV-1: 20000 open'
}

@test "won: the sign ₩ names KRW, and its amounts are whole" {
	crm-add -n Min -e min@example.kr >/dev/null
	crm-log --at 2026-11-02 --amount '₩50,000' min@example.kr purchase \
	    >/dev/null
	crm-log --at 2026-11-09 --amount '12000 KRW' min@example.kr purchase \
	    >/dev/null
	eq "$(sql "SELECT value FROM settings WHERE key = 'currency'")" KRW
	run --separate-stderr crm-report sales -o json -f period,revenue,average_order
	eq "$output" '{"period":"2026-11","revenue":"62000","average_order":"31000"}'
	run --separate-stderr crm-log --amount '₩500.5' min@example.kr purchase
	fails 65 "crm-log: --amount: '500.50' has a fraction, and KRW has no minor unit: its amounts are whole (500, or 500.00 as some exports write them)"
}

@test "yen: an amount with a fraction is refused, 65, the database unchanged; 1500.00 is taken" {
	yen_book
	before=$(dump)
	run --separate-stderr crm-log --amount 1500.5 aki@example.jp purchase
	fails 65 "crm-log: --amount: '1500.50' has a fraction, and JPY has no minor unit: its amounts are whole (1500, or 1500.00 as some exports write them)"
	run --separate-stderr crm-deal add aki@example.jp Printer --amount 99.99
	fails 65 "crm-deal: --amount: '99.99' has a fraction, and JPY has no minor unit: its amounts are whole (99, or 99.00 as some exports write them)"
	run --separate-stderr crm-add -u aki@example.jp --credit-limit 5000.10
	fails 65 "crm-add: --credit-limit: '5000.10' has a fraction, and JPY has no minor unit: its amounts are whole (5000, or 5000.00 as some exports write them)"
	eq "$(dump)" "$before"
	run --separate-stderr crm-log --at 2026-11-05 --amount 1500.00 aki@example.jp purchase
	status_is 0
	eq "$(sql 'SELECT amount FROM interactions ORDER BY id DESC LIMIT 1')" 150000
}

@test "a new database: '1500.5 JPY' is refused, and leaves no currency behind" {
	crm-add -n Aki -e aki@example.jp >/dev/null
	run --separate-stderr crm-log --amount '1500.5 JPY' aki@example.jp purchase
	fails 65 "crm-log: --amount: '1500.50' has a fraction, and JPY has no minor unit: its amounts are whole (1500, or 1500.00 as some exports write them)"
	eq "$(sql "SELECT count(*) FROM settings WHERE key = 'currency'")" 0
	eq "$(sql 'SELECT count(*) FROM interactions')" 0
}

@test "import: a Stripe payments export in yen" {
	run --separate-stderr crm-log --import --add-customers \
	    "$DATA/yen/stripe-payments-jpy.csv"
	status_is 0
	run --separate-stderr crm-segment -f name,revenue
	eq "$output" $'name\trevenue\nSato Aki\t4800\nSuzuki Ren\t12000'
	run --separate-stderr crm-report sales -f period,revenue,orders,average_order
	eq "$output" $'period\trevenue\torders\taverage_order\n2026-11\t16800\t3\t5600'
}

@test "import: a cell of yen with a fraction is refused at its line and column, 65, nothing logged" {
	sed 's/"3,300"/"3,300.5"/' "$DATA/yen/stripe-payments-jpy.csv" \
	    >"$BATS_TEST_TMPDIR/bad.csv"
	crm-add -n Aki -e aki@example.jp >/dev/null
	before=$(dump)
	run --separate-stderr crm-log --import --add-customers \
	    "$BATS_TEST_TMPDIR/bad.csv"
	fails 65 "crm-log: $BATS_TEST_TMPDIR/bad.csv:4: Amount: '3300.50' has a fraction, and JPY has no minor unit: its amounts are whole (3300, or 3300.00 as some exports write them)"
	eq "$(dump)" "$before"
}

@test "dollars: two decimals, as before" {
	crm-add -n Ann -e ann@example.com >/dev/null
	crm-log --at 2026-11-02 --amount '$1,500' ann@example.com purchase \
	    >/dev/null
	crm-log --at 2026-11-03 --amount '12.5 USD' ann@example.com purchase \
	    >/dev/null
	run --separate-stderr crm-segment -f name,revenue -o json
	eq "$output" '{"name":"Ann","revenue":"1512.50"}'
	run --separate-stderr crm-report sales -f revenue,average_order
	eq "$output" $'revenue\taverage_order\n1512.50\t756.25'
}

@test "yen: a deal export's and a customer file's amounts with a fraction are refused at their line and column" {
	crm-add -n Aki -e aki@example.jp >/dev/null
	crm-log --amount '100 JPY' aki@example.jp purchase >/dev/null
	printf 'Deal Name,Email,Amount,Stage\nPrinter,aki@example.jp,1500.5,lead\n' >deals.csv
	before=$(dump)
	run --separate-stderr crm-deal --import deals.csv
	fails 65 "crm-deal: deals.csv:2: Amount: '1500.50' has a fraction, and JPY has no minor unit: its amounts are whole (1500, or 1500.00 as some exports write them)"
	printf 'email,name,credit limit\naki@example.jp,Aki,5000.5\n' >cl.csv
	run --separate-stderr crm-add --import cl.csv
	fails 65 "crm-add: cl.csv:2: credit limit: '5000.50' has a fraction, and JPY has no minor unit: its amounts are whole (5000, or 5000.00 as some exports write them)"
	eq "$(dump)" "$before"
	printf 'Deal Name,Email,Amount,Currency,Stage\nPrinter,aki@example.jp,"1,500.00",JPY,lead\n' >deals.csv
	crm-deal --import deals.csv 2>/dev/null
	printf 'email,name,credit limit\naki@example.jp,Aki,5000.00\n' >cl.csv
	crm-add --import cl.csv 2>/dev/null
	eq "$(crm-deal list -f title,amount)" $'title\tamount\nPrinter\t1500'
	eq "$(crm-segment -f name,credit_limit)" $'name\tcredit_limit\nAki\t5000'
}

@test "yen: a cell that is no amount is hinted with whole amounts, not two decimals" {
	yen_book
	printf '%s\n' 'email,kind,amount,at' \
	    'aki@example.jp,purchase,abc,2026-11-01' >"$BATS_TEST_TMPDIR/f.csv"
	before=$(dump)
	run --separate-stderr crm-log --import "$BATS_TEST_TMPDIR/f.csv"
	fails 65 "crm-log: $BATS_TEST_TMPDIR/f.csv:2: amount: not an amount (e.g. 1299, 1,299 or 1 299: this database's currency has no minor unit, its amounts are whole)"
	eq "$(dump)" "$before"
}
