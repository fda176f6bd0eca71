#!/usr/bin/env bats
# Test plan: crm-log --import of the order and payment exports a company
# already has, with no options (see crm-log(1), ORDER EXPORTS).
#   - Shopify (BOM, CRLF, one row per line item, the 2nd line leaving the
#     e-mail and time out, +0800 and -0500 times): exact UTC times, one
#     purchase per line with its ref and line number, amounts price x qty
#     less the line's discount, a refunded order's return, the revenue
#     recomputed by hand; re-import logs nothing; a newer export adds only
#     its new lines
#   - WooCommerce with Email (Billing) (line items, a refunded order) and
#     with Billing Email Address (one row per order, a cancelled one
#     skipped and counted, an e-mail with spaces found)
#   - Taobao in GB18030: 买家会员名 as the buyer's id, closed orders skipped
#   - Stripe and PayPal: payments, refunds as returns, failed charges,
#     withdrawals and our own bills skipped with their count on stderr
#   - --add-customers: customers from the order's name, e-mail and phone,
#     counted in the summary; without it the message suggests it
#   - unknown kind refused naming column and value, exit 65, database
#     unchanged (sqlite3 .dump before and after)
#   - extra columns kept in interaction_fields, "column N" for an empty
#     header, secrets never stored and said once

bats_require_minimum_version 1.5.0

load helper

# Ann and Bob, as the fixtures know them.
buyers() {
	crm-add -n 'Ann Lee' -e ann.lee@northwind.example >/dev/null
	crm-add -n 'Bob Martin' -e bob@contoso.example >/dev/null
	crm-add -n '王小明' >/dev/null
}

# What an import writes (the audit trail records each run).
logged() {
	sql 'SELECT * FROM interactions; SELECT * FROM interaction_fields;
	    SELECT * FROM customers'
}

ias() {
	sql "SELECT customer_id, at, kind, quote(product), quote(quantity),
	    amount, ref, quote(item) FROM interactions ORDER BY id"
}

@test "Shopify: one purchase per line item, UTC times, the order's fields carried" {
	buyers
	run --separate-stderr crm-log --import "$DATA/orders-shopify.csv"
	status_is 0
	eq "$stderr" "5 logged, 0 already there, 0 rejected"
	# 14:22:09 +0800 is 06:22:09Z; 08:00:05 -0500 is 13:00:05Z.  Line 2
	# of #1001 has no e-mail or time of its own: it takes line 1's.
	# #1003 has no e-mail: its customer is found by its Billing Name.
	eq "$(ias)" "1|2024-03-05T06:22:09Z|purchase|'Botanical Fern Print - A4'|2|3200|#1001|1
1|2024-03-05T06:22:09Z|purchase|'Canvas Tote Bag'|1|1500|#1001|2
2|2024-03-07T13:00:05Z|purchase|'Speckled Mug'|1|2500|#1002|1
2|2024-03-07T13:00:05Z|return|NULL|NULL|2500|#1002|NULL
3|2024-03-09T10:44:51Z|purchase|'绿茶礼盒 250g'|1|29800|#1003|1"
}

@test "Shopify: the revenue is the lines less the refunds, as crm-log(1) says" {
	buyers
	crm-log --import "$DATA/orders-shopify.csv" 2>/dev/null
	# By hand, from the fixture:
	#   #1001 line 1: 2 x 16.00 - 0.00 discount  =  32.00
	#   #1001 line 2: 1 x 20.00 - 5.00 discount  =  15.00
	#   #1002:        1 x 25.00                  =  25.00, refunded 25.00
	#   #1003:        1 x 298.00                 = 298.00
	#   shipping 6.00 and taxes 3.29 of #1001 are kept as fields, not
	#   revenue: 32 + 15 + 25 - 25 + 298 = 345.00, from 3 orders (#1001's
	#   two lines are one order)
	run --separate-stderr crm-report --from 2024-03-01 --to 2024-04-01 -f period,revenue,orders,returned sales
	status_is 0
	eq "$output" $'period\trevenue\torders\treturned\n2024-03\t345.00\t3\t25.00'
	eq "$(sql "SELECT sum(CASE kind WHEN 'return' THEN -amount ELSE amount END) FROM interactions")" 34500
	eq "$(sql "SELECT key || '=' || value FROM interaction_fields WHERE interaction_id = 1 AND key IN ('Shipping', 'Taxes', 'Total', 'Discount Amount') ORDER BY key" | paste -sd ' ')" \
	    "Discount Amount=5.00 Shipping=6.00 Taxes=3.29 Total=51.29"
}

@test "Shopify: a re-import logs nothing; a newer export adds only its new lines" {
	buyers
	crm-log --import "$DATA/orders-shopify.csv" 2>/dev/null
	local before; before=$(logged)
	run --separate-stderr crm-log --import "$DATA/orders-shopify.csv"
	status_is 0
	eq "$stderr" "0 logged, 5 already there, 0 rejected"
	eq "$(logged)" "$before"
	# The newer export has #1004: 1 x 16.00, then 3 x 20.00 - 5.00.
	run --separate-stderr crm-log --import "$DATA/orders-shopify-2.csv"
	status_is 0
	eq "$stderr" "2 logged, 5 already there, 0 rejected"
	eq "$(ias | tail -2)" "1|2024-03-12T01:00:00Z|purchase|'Botanical Fern Print - A4'|1|1600|#1004|1
1|2024-03-12T01:00:00Z|purchase|'Canvas Tote Bag'|3|5500|#1004|2"
}

@test "WooCommerce (Email (Billing)): line totals, a refunded order's return" {
	buyers
	run --separate-stderr crm-log --import --add-customers "$DATA/orders-woo.csv"
	status_is 0
	eq "$stderr" "5 logged, 0 already there, 1 customer added, 0 rejected"
	eq "$(ias)" "1|2024-03-05T14:22:00Z|purchase|'Botanical Fern Print'|2|3200|1043|1
1|2024-03-05T14:22:00Z|purchase|'Canvas Tote Bag'|1|1500|1043|2
2|2024-03-07T08:00:00Z|purchase|'Speckled Mug'|1|2500|1044|1
2|2024-03-07T08:00:00Z|return|NULL|NULL|2500|1044|NULL
4|2024-03-09T18:44:00Z|purchase|'绿茶礼盒 250g'|1|4200|1045|1"
	eq "$(sql 'SELECT name, email, phone FROM customers WHERE id = 4')" \
	    "小明 王|xiaoming.wang@xingchen.example|13800138000"
}

@test "WooCommerce (Billing Email Address): one purchase per order, cancelled skipped" {
	buyers
	run --separate-stderr crm-log --import "$DATA/orders-woo-rows.csv"
	status_is 0
	eq "$stderr" "crm-log: $DATA/orders-woo-rows.csv: 1 row skipped: not a purchase (cancelled)
3 logged, 0 already there, 0 rejected"
	# "  ann.lee@northwind.example " (spaces around it) is Ann.
	eq "$(ias)" "1|2024-03-05T14:22:11Z|purchase|NULL|NULL|6135|2001|NULL
2|2024-03-07T08:00:00Z|purchase|NULL|NULL|2500|2003|NULL
2|2024-03-07T08:00:00Z|return|NULL|NULL|2500|2003|NULL"
}

@test "Taobao in GB18030: the buyer's nickname is an id; closed orders skipped" {
	run --separate-stderr crm-log --import --encoding GB18030 --add-customers "$DATA/orders-taobao-gbk.csv"
	status_is 0
	eq "$stderr" "crm-log: $DATA/orders-taobao-gbk.csv: 2 rows skipped: not a purchase (交易关闭)
2 logged, 0 already there, 2 customers added, 0 rejected"
	# Taobao's times are China time: 14:22:11 is 06:22:11Z.
	eq "$(ias)" "1|2024-03-05T06:22:11Z|purchase|'保湿洗面奶+化妆水+乳液护肤特惠套装 包邮'|1|59800|3567890123456701|NULL
2|2024-03-01T01:00:05Z|purchase|'绿茶礼盒 250g，绿茶礼盒 500g'|3|16600|3567890123456702|NULL"
	eq "$(sql "SELECT c.name, c.phone, i.value, i.source FROM customers c JOIN identities i ON i.customer_id = c.id ORDER BY c.id")" \
	    "刘芳|13700001234|liufang_2019|taobao
王小明|13800138000|wang_xm88|taobao"
	run --separate-stderr crm-log --import --encoding GB18030 "$DATA/orders-taobao-gbk.csv"
	status_is 0
	eq "${stderr_lines[1]}" "0 logged, 2 already there, 0 rejected"
}

@test "Stripe: payments, a refund as a return, a failed charge skipped and counted" {
	buyers
	crm-add -n 'Contoso Energy' -e ap@contoso.example >/dev/null
	run --separate-stderr crm-log --import "$DATA/pay-stripe.csv"
	status_is 0
	eq "$stderr" "crm-log: $DATA/pay-stripe.csv: 1 row skipped: not a customer's payment (Failed)
4 logged, 0 already there, 0 rejected"
	# Created (UTC) is UTC whatever TZ says.
	eq "$(sql "SELECT customer_id, at, kind, amount, ref FROM interactions ORDER BY id")" \
	    "1|2024-03-05T06:22:00Z|purchase|5129|ch_3OqXyZ2eZvKYlo2C0a1b2c3d
2|2024-03-07T13:00:00Z|purchase|2500|ch_3OrAbC2eZvKYlo2C1x2y3z4a
2|2024-03-07T13:00:00Z|return|2500|ch_3OrAbC2eZvKYlo2C1x2y3z4a
4|2024-03-10T09:05:00Z|purchase|125000|py_3OtGhI2eZvKYlo2C9o8i7u6y"
}

@test "PayPal: the payer's payments, refunds to the payee, withdrawals and bills skipped" {
	buyers
	TZ=Asia/Shanghai run --separate-stderr crm-log --import "$DATA/pay-paypal.csv"
	status_is 0
	eq "$stderr" "crm-log: $DATA/pay-paypal.csv: 2 rows skipped: not a customer's payment (General Withdrawal, PreApproved Payment Bill User Payment)
3 logged, 0 already there, 0 rejected"
	# 03/05/2024 06:22:41 PST is 5 March, 14:22:41Z, in any TZ.
	eq "$(sql "SELECT customer_id, at, kind, amount, ref FROM interactions ORDER BY id")" \
	    "1|2024-03-05T14:22:41Z|purchase|5129|7HT12345KL6789012
2|2024-03-07T13:00:12Z|purchase|2500|2MN34567PQ8901234
2|2024-03-08T15:30:00Z|return|2500|9XK21384M5520913P"
}

@test "without --add-customers an unknown buyer is refused, suggesting it" {
	crm-add -n 'Ann Lee' -e ann.lee@northwind.example >/dev/null
	local before; before=$(dump)
	run --separate-stderr crm-log --import "$DATA/orders-woo-rows.csv"
	fails 65 "crm-log: $DATA/orders-woo-rows.csv:4: Billing Email Address: no customer 'bob@contoso.example' (--add-customers adds them)"
	eq "$(dump)" "$before"
	run --separate-stderr crm-log --add-customers 1 call
	fails_usage 64 "crm-log: --csv, --tsv, --delimiter, --encoding, --date-format, --map, --add-customers, --rejects and --dry-run go with --import"
}

@test "an unknown kind is refused naming column and value, database unchanged" {
	buyers
	printf 'email,at,Type,amount\nann.lee@northwind.example,2024-03-05,Order,10\nbob@contoso.example,2024-03-05,xyz,5\n' >k.csv
	local before; before=$(dump)
	run --separate-stderr crm-log --import k.csv
	fails 65 "crm-log: k.csv:3: Type: 'xyz' is not a kind (call email fax meeting visit web chat purchase return complaint inquiry feedback note invoice payment)"
	eq "$(dump)" "$before"
	sed -i 3d k.csv
	run --separate-stderr crm-log --import k.csv
	status_is 0
	eq "$(sql 'SELECT kind, amount FROM interactions')" "purchase|1000"
}

@test "the words exports use for kinds: 订单, refund, 投诉, 咨询, 评价" {
	buyers
	printf 'email,at,kind,amount\na@x,2024-03-01,订单,10\na@x,2024-03-02,Refunded,4\na@x,2024-03-03,投诉,\na@x,2024-03-04,咨询,\na@x,2024-03-05, review ,\n' |
	    sed 's/a@x/ann.lee@northwind.example/' >w.csv
	run --separate-stderr crm-log --import w.csv
	status_is 0
	eq "$(sql 'SELECT kind FROM interactions ORDER BY id' | paste -sd ' ')" \
	    "purchase return complaint inquiry feedback"
	run --separate-stderr crm-log 1 电话
	status_is 0
	eq "$(sql 'SELECT kind, channel FROM interactions ORDER BY id DESC LIMIT 1')" "call|phone"
}

@test "extra columns are kept; an empty header is 'column N'; secrets are not stored" {
	buyers
	printf 'email,at,kind,Colour,password_hash,Card Number,\nann.lee@northwind.example,2024-03-05,note,red,$2y$10$abc,4242424242424242,left\n' >x.csv
	run --separate-stderr crm-log --import x.csv
	status_is 0
	eq "$stderr" "crm-log: x.csv: not stored (secrets): password_hash, Card Number
1 logged, 0 already there, 0 rejected"
	eq "$(sql "SELECT key || '=' || value FROM interaction_fields ORDER BY key" | paste -sd ' ')" \
	    "Colour=red column 7=left"
	eq "$(dump | grep -c 4242424242424242)" 0
	# --map X=- still drops one on purpose
	new_db
	buyers
	run --separate-stderr crm-log --import --map 'Colour=-' x.csv
	status_is 0
	eq "$(sql 'SELECT key FROM interaction_fields' | paste -sd ' ')" "column 7"
}

@test "--date-format with %z honours the offset" {
	buyers
	printf 'email,at,kind\nann.lee@northwind.example,05.03.2024 14:22 +0800,note\n' >d.csv
	run --separate-stderr crm-log --import --date-format '%d.%m.%Y %H:%M %z' d.csv
	status_is 0
	eq "$(sql 'SELECT at FROM interactions')" "2024-03-05T06:22:00Z"
}

@test "a refund of shipping and taxes too takes back at most what the goods came to: a fully refunded order nets 0" {
	buyers
	# #1002 as a shop writes it when it refunds the whole order: 25.00 of
	# goods, 6.00 of shipping, 31.00 refunded.  Shipping was never
	# revenue, so the return is 25.00, not 31.00.
	sed 's/^#1002,\(.*\),USD,25.00,0.00,0.00,25.00,/#1002,\1,USD,25.00,6.00,0.00,31.00,/; s/c28374999999.1,25.00,/c28374999999.1,31.00,/' \
	    "$DATA/orders-shopify.csv" >refund-all.csv
	grep -q '31.00,Fern' refund-all.csv
	run --separate-stderr crm-log --import refund-all.csv
	status_is 0
	eq "$(sql "SELECT kind, amount FROM interactions WHERE ref = '#1002' ORDER BY id")" \
	    $'purchase|2500\nreturn|2500'
	run --separate-stderr crm-log --import refund-all.csv
	eq "$stderr" "0 logged, 5 already there, 0 rejected"
	eq "$(sql "SELECT amount FROM interactions WHERE ref = '#1002' AND kind = 'return'")" 2500
}

@test "WooCommerce one row per order: Order Refund Amount is a return, at most the order's total" {
	buyers
	cat >woo-refund.csv <<-'EOF2'
	Order Number,Order Date,Order Status,Billing Email Address,Order Refund Amount,Order Total
	3021,2024-06-01 01:33:00,Completed,bob@contoso.example,12.34,42.35
	3022,2024-06-02 10:00:00,Refunded,ann.lee@northwind.example,50.00,40.00
	EOF2
	run --separate-stderr crm-log --import woo-refund.csv
	status_is 0
	# 42.35 - 12.34 + 40.00 - 40.00 (50.00 capped at the order's 40.00)
	eq "$(sql "SELECT ref, kind, amount FROM interactions ORDER BY id")" \
	    $'3021|purchase|4235\n3021|return|1234\n3022|purchase|4000\n3022|return|4000'
	eq "$(sql "SELECT sum(CASE kind WHEN 'return' THEN -amount ELSE amount END) FROM interactions")" 3001
}

@test "Stripe: a charge with the customer's e-mail teaches crm its cus_ id; one with the id alone finds the same customer" {
	cat >stripe-ids.csv <<-'EOF2'
	id,Created (UTC),Amount,Amount Refunded,Currency,Status,Customer ID,Customer Description,Customer Email
	ch_1,2024-03-05 06:22,49.99,0.00,usd,Paid,cus_0005,Farid Haddad,farid@haddad.example
	ch_2,2024-03-06 07:00,19.99,0.00,usd,Paid,cus_0005,,
	EOF2
	run --separate-stderr crm-log --import --add-customers stripe-ids.csv
	status_is 0
	eq "$(ncustomers)" 1
	eq "$(sql "SELECT customer_id, amount FROM interactions ORDER BY id")" $'1|4999\n1|1999'
	eq "$(sql "SELECT value, source FROM identities WHERE customer_id = 1")" 'cus_0005|stripe'
	run --separate-stderr crm-log --import --add-customers stripe-ids.csv
	eq "$stderr" "0 logged, 2 already there, 0 customers added, 0 rejected"
}

@test "Shopify: an order with a Cancelled at time is no sale, whatever was refunded of it" {
	buyers
	# #1002, refunded, and cancelled the next day
	sed 's/^\(#1002,.*\),,Shopify Payments,c28374999999.1,/\1,2024-03-08 10:30:00 -0500,Shopify Payments,c28374999999.1,/' \
	    "$DATA/orders-shopify.csv" >cancelled.csv
	grep -q '10:30:00 -0500,Shopify' cancelled.csv
	run --separate-stderr crm-log --import cancelled.csv
	status_is 0
	eq "$stderr" $'crm-log: cancelled.csv: 1 row skipped: not a purchase (cancelled)\n3 logged, 0 already there, 0 rejected'
	eq "$(sql "SELECT count(*) FROM interactions WHERE ref = '#1002'")" 0
}

@test "amounts in two currencies are refused, never added up: the first currency seen is the database's" {
	crm-add -n Ann -e ann@x.example >/dev/null
	crm-add -n Bob -e bob@x.example >/dev/null
	cat >woo-cur.csv <<-'EOF2'
	Order Number,Order Date,Order Status,Order Currency,Billing Email,Order Total
	3001,2026-03-01 10:00:00,completed,USD,ann@x.example,40.00
	3002,2026-03-02 10:00:00,completed,EUR,bob@x.example,35.00
	EOF2
	run --separate-stderr crm-log --import woo-cur.csv
	status_is 65
	eq "$stderr" "crm-log: woo-cur.csv:3: Order Currency: 'EUR' is not this database's currency, USD: amounts are added up as they are, never converted; convert them first, or say --map 'Order Currency=-' to take them as USD"
	eq "$(sql "SELECT count(*) FROM interactions")" 0
	eq "$(sql "SELECT count(*) FROM settings WHERE key = 'currency'")" 0
	# the dollars land, the euros wait in the rejects file
	run --separate-stderr crm-log --import --rejects bad.csv woo-cur.csv
	status_is 0
	eq "$(sql "SELECT ref, amount FROM interactions")" '3001|4000'
	eq "$(sql "SELECT value FROM settings WHERE key = 'currency'")" USD
	eq "$(sql "SELECT detail FROM audit WHERE action = 'settings'")" '{"currency":"USD"}'
	grep -q '^3,.*,3002,.*,EUR,' bad.csv
	# a later file in lower case is the same currency; another is refused
	printf 'Order Number,Order Date,Order Status,Order Currency,Billing Email,Order Total\n3003,2026-03-03,completed,usd,bob@x.example,5.00\n' >usd.csv
	run --separate-stderr crm-log --import usd.csv
	status_is 0
	printf 'Order Number,Order Date,Order Status,Währung,Billing Email,Order Total\n3004,2026-03-04,completed,GBP,bob@x.example,9.00\n' >gbp.csv
	run --separate-stderr crm-log --import gbp.csv
	status_is 65
	has "$stderr" "gbp.csv:2: Währung: 'GBP' is not this database's currency, USD"
	# the way out the message names: the amounts taken as they are
	run --separate-stderr crm-log --import --map 'Order Currency=-' woo-cur.csv
	status_is 0
	eq "$(sql "SELECT ref, amount FROM interactions ORDER BY id")" $'3001|4000\n3003|500\n3002|3500'
}

@test "Stripe: the converted amounts are revenue in the account's currency; a lost dispute is a refund" {
	crm-add -n Ann -e ann@x.example >/dev/null
	cat >stripe-conv.csv <<-'EOF2'
	id,Created (UTC),Amount,Amount Refunded,Currency,Converted Amount,Converted Amount Refunded,Fee,Tax,Converted Currency,Status,Customer Email,Disputed Amount,Dispute Status
	ch_1,2026-03-05 06:22,99.00,0.00,eur,107.48,0.00,3.42,0.00,usd,Paid,ann@x.example,,
	ch_2,2026-03-06 07:00,100.00,20.00,eur,110.00,22.00,3.50,0.00,usd,Paid,ann@x.example,,
	ch_3,2026-03-07 07:00,50.00,0.00,usd,50.00,0.00,1.75,0.00,usd,Paid,ann@x.example,50.00,lost
	ch_4,2026-03-08 07:00,40.00,0.00,usd,40.00,0.00,1.46,0.00,usd,Paid,ann@x.example,40.00,won
	ch_5,2026-03-09 07:00,200.00,0.00,eur,220.00,0.00,6.10,0.00,usd,Paid,ann@x.example,50.00,lost
	EOF2
	run --separate-stderr crm-log --import stripe-conv.csv
	status_is 0
	eq "$(sql "SELECT ref, kind, amount FROM interactions ORDER BY id")" \
	    $'ch_1|purchase|10748\nch_2|purchase|11000\nch_2|return|2200\nch_3|purchase|5000\nch_3|return|5000\nch_4|purchase|4000\nch_5|purchase|22000\nch_5|return|5500'
	# the charge's own amount and currency are kept with it
	eq "$(sql "SELECT key || '=' || value FROM interaction_fields WHERE interaction_id = 1 AND key IN ('Amount', 'Currency') ORDER BY key")" $'Amount=99.00\nCurrency=eur'
	eq "$(sql "SELECT value FROM settings WHERE key = 'currency'")" USD
	# 107.48 + 110.00 - 22.00 + 50.00 - 50.00 + 40.00 + 220.00 - 55.00
	run --separate-stderr crm-segment -f revenue
	eq "$output" $'revenue\n400.48'
	run --separate-stderr crm-log --import stripe-conv.csv
	eq "$stderr" "0 logged, 8 already there, 0 rejected"
}

@test "Stripe's unified payments export: Created date (UTC) is each charge's time, every column read" {
	# the header as Stripe's Dashboard writes it now (t/data/real/SOURCES.md)
	cat >stripe-now.csv <<-'EOF2'
	id,Created date (UTC),Amount,Amount Refunded,Currency,Captured,Converted Amount,Converted Amount Refunded,Converted Currency,Fee,Status,Customer ID,Customer Description,Customer Email,Disputed Amount,Dispute Status
	ch_1,2026-06-05 10:00:00,10.00,0.00,usd,true,10.00,0.00,usd,0.59,Paid,cus_1,,z@x.example,,
	ch_2,2026-07-01 23:30:00,20.00,5.00,eur,true,22.00,5.50,usd,0.90,Paid,cus_1,,z@x.example,,
	ch_3,2026-08-01 08:00:00,30.00,0.00,usd,true,30.00,0.00,usd,1.17,Paid,cus_1,,z@x.example,30.00,lost
	ch_4,2026-08-02 08:00:00,40.00,0.00,usd,false,40.00,0.00,usd,0.00,Failed,cus_1,,z@x.example,,
	EOF2
	run --separate-stderr crm-log --import --add-customers stripe-now.csv
	status_is 0
	eq "$stderr" $'crm-log: stripe-now.csv: 1 row skipped: not a customer\'s payment (Failed)\n5 logged, 0 already there, 1 customer added, 0 rejected'
	eq "$(sql "SELECT ref, kind, at, amount FROM interactions ORDER BY id")" \
	    $'ch_1|purchase|2026-06-05T10:00:00Z|1000\nch_2|purchase|2026-07-01T23:30:00Z|2200\nch_2|return|2026-07-01T23:30:00Z|550\nch_3|purchase|2026-08-01T08:00:00Z|3000\nch_3|return|2026-08-01T08:00:00Z|3000'
	eq "$(sql "SELECT value, source FROM identities")" 'cus_1|stripe'
	# the tester's file: four columns and the time; the time is not a field
	printf 'id,Created date (UTC),Amount,Status,Customer Email\nch_9,2026-06-05 10:00:00,10.00,Paid,z@x.example\n' >sp.csv
	run --separate-stderr crm-log --import sp.csv
	status_is 0
	eq "$(sql "SELECT at FROM interactions WHERE ref = 'ch_9'")" 2026-06-05T10:00:00Z
	eq "$(sql "SELECT count(*) FROM interaction_fields WHERE key LIKE 'Created%'")" 0
}

@test "Stripe --add-customers: the customer is named by Customer Description, else Card Name, not by the e-mail" {
	cat >stripe-names.csv <<-'EOF2'
	id,Created date (UTC),Amount,Status,Customer Description,Customer Email,Card Name
	ch_1,2026-06-05 10:00:00,10.00,Paid,,z@x.example,Zoe Quinn
	ch_2,2026-06-06 10:00:00,12.00,Paid,Acme Ltd,acme@x.example,Card Holder
	ch_3,2026-06-07 10:00:00,14.00,Paid,,anon@x.example,
	EOF2
	run --separate-stderr crm-log --import --add-customers stripe-names.csv
	status_is 0
	eq "$(sql "SELECT name, email FROM customers ORDER BY id")" $'Zoe Quinn|z@x.example\nAcme Ltd|acme@x.example\nanon@x.example|anon@x.example'
	# the card's name is kept with the charge as every column is
	eq "$(sql "SELECT value FROM interaction_fields WHERE key = 'Card Name' ORDER BY interaction_id")" $'Zoe Quinn\nCard Holder'
}

@test "WooCommerce plugin's current labels: Item Name, Quantity (- Refund), Item Cost, Item #; Order Total Amount is no line's" {
	crm-add -n Hanna -e h@m.example >/dev/null
	cat >woo-new.csv <<-'EOF2'
	"Order Number","Order Status","Order Date","Email (Billing)","Item #","Item Name","Quantity (- Refund)","Item Cost","Order Refund Amount","Order Total Amount"
	4711,Completed,"2026-11-02 10:00",h@m.example,1,Mug,2,15.00,0,45.00
	4711,Completed,"2026-11-02 10:00",h@m.example,2,Teapot,1,15.00,0,45.00
	4712,Completed,"2026-11-03 10:00",h@m.example,1,Mug,1,15.00,20.00,15.00
	4712,Completed,"2026-11-03 10:00",h@m.example,2,Teapot,0,20.00,20.00,15.00
	EOF2
	run --separate-stderr crm-log --import woo-new.csv
	status_is 0
	eq "$stderr" $'crm-log: woo-new.csv: 1 row skipped: nothing paid\n3 logged, 0 already there, 0 rejected'
	# 2 x 15.00 + 15.00 = 45.00, the order's total; the refunded teapot
	# is out of its quantity already, so the refund is not taken again
	eq "$(sql "SELECT ref, item, product, quantity, amount FROM interactions ORDER BY id")" \
	    $'4711|1|Mug|2|3000\n4711|2|Teapot|1|1500\n4712|1|Mug|1|1500'
	run --separate-stderr crm-segment -f revenue
	eq "$output" $'revenue\n60.00'
	eq "$(sql "SELECT count(*) FROM interaction_fields WHERE key = 'Order Refund Amount'")" 3
	eq "$(sql "SELECT count(*) FROM interaction_fields WHERE key LIKE 'Quantity%'")" 0
}

@test "WooCommerce plugin: Order Line Total (- Refund) is the line when Order Line Total is not there; the refund not taken twice" {
	crm-add -n Hanna -e h@m.example >/dev/null
	cat >woo-net.csv <<-'EOF2'
	"Order Number","Order Status","Order Date","Email (Billing)","Item #","Item Name",Quantity,"Order Line Total (- Refund)","Order Refund Amount"
	4720,Completed,"2026-11-02 10:00",h@m.example,1,Mug,2,15.00,15.00
	4720,Completed,"2026-11-02 10:00",h@m.example,2,Teapot,1,20.00,15.00
	EOF2
	run --separate-stderr crm-log --import woo-net.csv
	status_is 0
	eq "$(sql "SELECT item, product, quantity, amount FROM interactions ORDER BY id")" $'1|Mug|2|1500\n2|Teapot|1|2000'
	eq "$(sql "SELECT count(*) FROM interactions WHERE kind = 'return'")" 0
}

@test "a report's footer under the rows is skipped and counted, as crm-add skips it; a row with a bad amount is still refused" {
	printf 'Order,Date,Buyer,Product,Email,Amount\nA1,2024-03-05,ann,Lamp,ann@example.com,10.00\n\n"Generated By: Shop Admin",,,,,\n"Confidential Information - Do Not Distribute",,,,,\n2,record(s) downloaded,from Mar-01-24 to Mar-31-24,,,\nSeller ID : shop,,,,,\n"Total",,,,,10.00\n' >footer.csv
	run --separate-stderr crm-log --import --kind purchase --add-customers footer.csv
	status_is 0
	eq "$stderr" "crm-log: footer.csv: 1 row skipped: totals, not a sale
crm-log: footer.csv: 4 rows skipped: a report's footer, not a sale
1 logged, 0 already there, 1 customer added, 0 rejected"
	eq "$(sql 'SELECT count(*), sum(amount) FROM interactions')" "1|1000"
	# no customer, but an amount: a row, refused, the database unchanged
	printf 'Order,Date,Buyer,Product,Email,Amount\nA2,2024-03-06,,,,12.5O\n"Generated By: Shop Admin",,,,,\n' >bad.csv
	before=$(dump)
	run --separate-stderr crm-log --import --kind purchase --add-customers bad.csv
	status_is 65
	has "$stderr" "bad.csv:2: Amount: "
	eq "$(dump)" "$before"
}

@test "a header under a title line: an error about it cites its own line" {
	printf 'Sales export\nWhen,Who,What\n' >t.csv
	run --separate-stderr crm-log --import --kind call t.csv
	status_is 65
	has "$stderr" "crm-log: t.csv:2: no customer column"
}

@test "eBay's Orders report as downloaded: read with no options, Sold For x Quantity, its trailer skipped" {
	real="$BATS_TEST_DIRNAME/data/real"
	run --separate-stderr crm-log --import --add-customers "$real/ebay-orders.csv"
	status_is 0
	eq "$stderr" "crm-log: $real/ebay-orders.csv: 2 rows skipped: a report's footer, not a sale
2 logged, 0 already there, 2 customers added, 0 rejected"
	eq "$(sql "SELECT c.email, i.at, i.product, i.quantity, i.amount, i.ref
	    FROM interactions i JOIN customers c ON c.id = i.customer_id ORDER BY i.id")" \
	    "renee.dupont@example.fr|2024-03-05T00:00:00Z|Vintage Brass Lamp, 1950s|1|4500|12-10001-00001
k.tanaka@example.jp|2024-03-07T00:00:00Z|Mid-century Vase|2|6000|12-10002-00002"
	run --separate-stderr crm-log --import "$real/ebay-orders.csv"
	status_is 0
	eq "${stderr_lines[1]}" "0 logged, 2 already there, 0 rejected"
}

