#!/usr/bin/env bats
# Test plan: crm-log --import of exports a tester brought from real shops
# and payment services (t/data/trial-*.csv), each defect as it was met.
#   - a file without a date column: re-import logs nothing (a ref names
#     one order whatever its time)
#   - PrestaShop: a Customer column holding a name finds the customer by
#     exact name; an initial and a surname (J. Doe) adds no customer,
#     saying why and what to import instead; two of that name refused
#   - BigCommerce: the e-mail beats Customer ID (0 is every guest); name,
#     phone and company taken; Refunded / Partially Refunded with Refund
#     Amount; the revenue by hand, the goods Subtotal (ex tax), at most
#     the total less shipping and handling (a coupon order); a gift
#     certificate's code never stored; a partial refund ex tax (qa12 F8)
#   - Paddle: id is the ref; past_due skipped; an unknown status refused
#     naming the column and the --map that ignores it
#   - --rejects: a rejected row adds no customer
#   - Gumroad (Totals row skipped and counted), PayPal.de (MEZ, 1.234,56,
#     Rückzahlung, Allgemeine Abbuchung), Vend (Customer Code), 拼多多
#     and 微店 (name and phone)
#   - Shopify #2001 of three lines and a refund is one order
#   - no kind and no amount column said at the header, exit 65
#   - qa11: a time, order number, quantity, product, currency or payment
#     state under another name (Purchased On, Order No., Qty Ordered,
#     Item Name, Währungscode, Zahlungsstatus ...) read when the file has
#     no column of the usual name, never in place of one
#   - an unread column of dates, currency codes, order states or small
#     whole numbers beside a product, said once with its --map

bats_require_minimum_version 1.5.0

load helper

ias() {
	sql "SELECT customer_id, at, kind, amount, ref FROM interactions ORDER BY id"
}

sales() {
	crm-report sales --from 2020-01-01 -f period,revenue,orders,average_order,returned
}

@test "no date column: a re-import logs nothing" {
	run --separate-stderr crm-log --import --kind purchase --add-customers "$DATA/trial-nodate.csv"
	status_is 0
	eq "$stderr" "1 logged, 0 already there, 1 customer added, 0 rejected"
	CRM_NOW=2026-11-24T10:00:00Z run --separate-stderr crm-log --import --kind purchase --add-customers "$DATA/trial-nodate.csv"
	status_is 0
	eq "$stderr" "0 logged, 1 already there, 0 customers added, 0 rejected"
	# SO-1's 10.00, once.
	eq "$(sql 'SELECT sum(amount), count(*) FROM interactions')" "1000|1"
	eq "$(ncustomers)" 1
}

@test "Datum, Uhrzeit and Zeitzone; Created (UTC); Order Date, 付款时间" {
	crm-add -n A -e a@x.example >/dev/null
	printf 'Email,Datum,Uhrzeit,Zeitzone,kind\na@x.example,2024-03-05,14:22:41,CET,note\n' >de.csv
	printf 'Email,Created (UTC),kind\na@x.example,2024-03-06 09:00,note\n' >utc.csv
	printf 'Email,Purchase Date,kind\na@x.example,2024-03-07,note\n' >pd.csv
	printf 'Email,付款时间,kind\na@x.example,2024-03-08 08:00:00,note\n' >zh.csv
	for f in de utc pd zh; do crm-log --import $f.csv 2>/dev/null; done
	eq "$(sql 'SELECT at FROM interactions ORDER BY id' | paste -sd ' ')" \
	    "2024-03-05T13:22:41Z 2024-03-06T09:00:00Z 2024-03-07T00:00:00Z 2024-03-08T08:00:00Z"
}

@test "PrestaShop: an initial and a surname (J. Doe) adds no customer, saying why; a customer of that name is found again, re-import adds nobody" {
	crm-add -n 'Zoe Park' -e zoe@example.com >/dev/null
	local before; before=$(dump)
	run --separate-stderr crm-log --import --decimal-comma --add-customers "$DATA/trial-presta.csv"
	fails 65 "crm-log: $DATA/trial-presta.csv:2: Customer: no customer 'J. Doe': PrestaShop's order export names its customer only by an initial and a surname, with no e-mail or customer id, so its orders are no customer's; export them with the customer's e-mail (a query of the SQL Manager, Advanced Parameters > Database, or an export module) and import that"
	eq "$(dump)" "$before"
	run --separate-stderr crm-log --import --decimal-comma "$DATA/trial-presta.csv"
	status_is 65
	has "$stderr" "no customer 'J. Doe': PrestaShop's order export names its customer only by an initial and a surname"
	# A customer the user named so is hers.
	crm-add -n 'J. Doe' >/dev/null
	run --separate-stderr crm-log --import --decimal-comma --add-customers "$DATA/trial-presta.csv"
	status_is 0
	eq "$stderr" "crm-log: $DATA/trial-presta.csv: 1 row skipped: not a purchase (Awaiting bank wire payment)
3 logged, 0 already there, 0 customers added, 0 rejected"
	run --separate-stderr crm-log --import --decimal-comma --add-customers "$DATA/trial-presta.csv"
	status_is 0
	eq "${stderr_lines[1]}" "0 logged, 3 already there, 0 customers added, 0 rejected"
	eq "$(sql 'SELECT id, name FROM customers ORDER BY id')" $'1|Zoe Park\n2|J. Doe'
	# 1 234,56 paid; 29,00 paid and refunded: 1234.56 + 29.00 - 29.00.
	eq "$(ias)" "2|2024-03-05T14:22:11Z|purchase|123456|XKBKNABJK
2|2024-03-06T10:00:00Z|purchase|2900|OHSATSERP
2|2024-03-06T10:00:00Z|return|2900|OHSATSERP"
	eq "$(sales)" $'period\trevenue\torders\taverage_order\treturned\n2024-03\t1234.56\t2\t631.78\t29.00'
}

# qa22 F4: PrestaShop's stock order export has no e-mail and no id, so
# its customers imported first (Marie Dupont) do not make "M. Dupont"
# hers: the message says so, and points to an export that works; any
# other file of such names is told the same way out.
@test "PrestaShop's order export: its customers imported first do not match 'M. Dupont', and the message says what will (QA qa22 F4)" {
	crm-add -n 'Marie Dupont' -e marie.dupont@example.fr >/dev/null
	local f="$DATA/real/prestashop-orders.csv"
	run --separate-stderr crm-log --import "$f"
	status_is 65
	has "$stderr" "crm-log: $f:2: Customer: no customer 'M. Dupont': PrestaShop's order export names its customer only by an initial and a surname, with no e-mail or customer id, so its orders are no customer's; export them with the customer's e-mail"
	[[ $stderr != *"customers with their e-mails first"* ]]
	printf 'Order,Customer,Date,Amount\n1,M. Dupont,2026-01-01,10.00\n' >o.csv
	run --separate-stderr crm-log --import --kind purchase o.csv
	status_is 65
	has "$stderr" "crm-log: o.csv:2: Customer: no customer 'M. Dupont': an initial and a surname may be several people, so no customer is added by it, nor found under a whole first name; export the orders with the customer's e-mail or id"
}

@test "a name two customers have is refused, naming them" {
	crm-add -n 'J. Doe' -e j1@x.example >/dev/null
	crm-add -n 'J. Doe' -e j2@x.example >/dev/null
	local before; before=$(dump)
	run --separate-stderr crm-log --import --decimal-comma --add-customers "$DATA/trial-presta.csv"
	fails 65 "crm-log: $DATA/trial-presta.csv:2: Customer: 'J. Doe' is the name of 2 customers (1, 2): say which by id or e-mail"
	eq "$(dump)" "$before"
}

@test "BigCommerce: by e-mail, not Customer ID 0; name, phone, company; refunds" {
	run --separate-stderr crm-log --import --date-format %d/%m/%Y --add-customers "$DATA/trial-bc.csv"
	status_is 0
	eq "$stderr" "6 logged, 0 already there, 3 customers added, 0 rejected"
	eq "$(sql 'SELECT id, name, email, quote(phone), quote(company) FROM customers')" \
	    "1|Ann Lee|ann.lee@northwind.example|'+44 20 7946 0001'|'Northwind Steel, Ltd.'
2|Guest Buyer|guest@example.com|NULL|NULL
3|Bob Ray|bob@ray.example|NULL|NULL"
	# The Customer ID stays with the order; the guest's 0 names nobody.
	eq "$(sql "SELECT interaction_id, value FROM interaction_fields WHERE key = 'Customer ID' ORDER BY 1" | paste -sd ' ')" \
	    "1|12 2|0 4|12 6|13"
	# The goods, Subtotal (ex tax), as revenue is counted: 100 1,000.00;
	# 101 41.67 refunded in full (the refund at most the goods); 102
	# 66.67 partially refunded 20.00 inc tax, 20.00 x 66.67 / 80.00 =
	# 16.67 ex tax (qa12 F8); 103 25.00 (awaiting fulfillment is paid):
	# 1000 + 41.67 - 41.67 + 66.67 - 16.67 + 25 = 1075.00 from 4 orders;
	# the average order is the purchases, 1133.34 / 4 = 283.335.
	eq "$(ias)" "1|2024-03-05T00:00:00Z|purchase|100000|100
2|2024-03-06T00:00:00Z|purchase|4167|101
2|2024-03-06T00:00:00Z|return|4167|101
1|2024-03-07T00:00:00Z|purchase|6667|102
1|2024-03-07T00:00:00Z|return|1667|102
3|2024-03-08T00:00:00Z|purchase|2500|103"
	eq "$(sales)" $'period\trevenue\torders\taverage_order\treturned\n2024-03\t1075.00\t4\t283.34\t58.34'
	run --separate-stderr crm-log --import --date-format %d/%m/%Y --add-customers "$DATA/trial-bc.csv"
	eq "$stderr" "0 logged, 6 already there, 0 customers added, 0 rejected"
}

@test "BigCommerce: the goods are Subtotal (ex tax), at most Order Total (ex tax) less shipping and handling (a coupon); a gift certificate is paid, its code not kept" {
	run --separate-stderr crm-log --import --date-format %d/%m/%Y --add-customers "$DATA/trial-bc-coupon.csv"
	status_is 0
	eq "$stderr" "crm-log: $DATA/trial-bc-coupon.csv: not stored (secrets): Gift Certificate Code
3 logged, 0 already there, 2 customers added, 0 rejected"
	# 200: Subtotal (ex tax) 100.00 before the 10% coupon; Order Total
	# (ex tax) 105.00 less shipping 10.00 and handling 5.00 is 90.00.
	# 201: 50.00 (55.00 less 5.00 shipping).  202: 40.00, 20.00 of it
	# paid by gift certificate: paid all the same.
	eq "$(ias)" "1|2024-03-05T00:00:00Z|purchase|9000|200
2|2024-03-06T00:00:00Z|purchase|5000|201
1|2024-03-07T00:00:00Z|purchase|4000|202"
	eq "$(sql "SELECT value FROM interaction_fields WHERE interaction_id = 1 AND key = 'Order Total (inc tax)'")" 126.00
	eq "$(sql "SELECT count(*) FROM interaction_fields WHERE key = 'Gift Certificate Code'")" 0
	eq "$(sales)" $'period\trevenue\torders\taverage_order\treturned\n2024-03\t180.00\t3\t60.00\t0.00'
}

# qa22 F3: BigCommerce's currency is Order Currency Code; order 111 is
# NZD in a database that the first row made AUD.
@test "BigCommerce: Order Currency Code is the currency: an order in another is refused (QA qa22 F3)" {
	local f="$DATA/real/bigcommerce-orders.csv"
	run --separate-stderr crm-log --import --add-customers --date-format %d/%m/%Y "$f"
	status_is 65
	has "$stderr" "crm-log: $f:12: Order Currency Code: 'NZD' is not this database's currency, AUD"
	run --separate-stderr crm-log --import --add-customers --date-format %d/%m/%Y --rejects rej.csv "$f"
	status_is 0
	has "$stderr" "9 logged, 0 already there, 4 customers added, 1 rejected"
	eq "$(sql "SELECT count(*) FROM interactions WHERE ref = '111'")" 0
	[[ $stderr != *"every value is a currency code"* ]]
}

# qa22 F3: the note of an unread column of codes names each of them.
@test "an unread column of three currency codes names the three, of five the first four and ..." {
	printf 'Order Number,Email,Amount,Geld\n1,ann@x.example,30.00,EUR\n2,ann@x.example,20.00,USD\n3,ann@x.example,20.00,GBP\n4,ann@x.example,20.00,EUR\n' >g.csv
	run --separate-stderr crm-log --import --kind purchase --add-customers g.csv
	has "$stderr" "Geld: every value is a currency code (EUR, USD and GBP), not read"
	printf '5,ann@x.example,20.00,JPY\n6,ann@x.example,20.00,CHF\n' >>g.csv
	new_db
	run --separate-stderr crm-log --import --kind purchase --add-customers g.csv
	has "$stderr" "Geld: every value is a currency code (EUR, USD, GBP, JPY, ...), not read"
}

# qa22 F9: 03/02/2026 is either order; line 3's 14/02/2026 says which.
@test "a slashed date of either order is not asked about when a later row of its column shows the order (QA qa22 F9)" {
	local f="$DATA/real/bigcommerce-orders.csv"
	run --separate-stderr crm-log --import --add-customers "$f"
	status_is 65
	has "$stderr" "crm-log: $f:2: Order Date: not a date (ISO 8601: 2026-11-23 or 2026-11-23T09:30:00Z; an import reads other forms with --date-format; day first, as line 3's 14/02/2026 shows: say --date-format '%d/%m/%Y')"
	# month first, as a later row shows, in a due date's column too
	printf 'email,kind,date,amount,ref,due\nann@x.example,invoice,2026-11-01,9.00,A-1,03/02/2027\nann@x.example,invoice,2026-11-01,9.00,A-2,03/22/2027\n' >m.csv
	run --separate-stderr crm-log --import --add-customers m.csv
	status_is 65
	has "$stderr" "crm-log: m.csv:2: due: not a date (ISO 8601: 2026-11-23 or 2026-11-23T09:30:00Z; an import reads other forms with --date-format; month first, as line 3's 03/22/2027 shows: say --date-format '%m/%d/%Y')"
	# no later row says: asked, as before
	printf 'email,date,amount\nann@x.example,03/02/2026,9.00\nann@x.example,04/02/2026,9.00\n' >n.csv
	run --separate-stderr crm-log --import --kind purchase --add-customers n.csv
	status_is 65
	has "$stderr" "crm-log: n.csv:2: date: not a date (ISO 8601: 2026-11-23 or 2026-11-23T09:30:00Z; an import reads other forms with --date-format; month first (US) is --date-format '%m/%d/%Y', day first --date-format '%d/%m/%Y': say which the file has)"
}

# qa22 F7: BigCommerce's Total Quantity is the order's units; its
# Product Details (a line "Product ID: 77, Product Qty: 2, ..., Product
# Name: Widget, ...", " | " between lines) names a one-line order's
# product.  The file's orders are each one line.
@test "BigCommerce: Total Quantity is the units, Product Details a one-line order's product; an order of several lines names none (QA qa22 F7)" {
	run --separate-stderr crm-log --import --add-customers --date-format %d/%m/%Y --rejects rej.csv "$DATA/real/bigcommerce-orders.csv"
	status_is 0
	eq "$(sql "SELECT ref, quote(product), quantity FROM interactions WHERE kind = 'purchase' ORDER BY id")" \
"101|'Widget'|2
102|'Gadget'|1
103|'Cable'|1
104|'Widget'|3
106|'Pump'|4
107|'Valve'|2
110|'Widget'|10"
	eq "$(crm-report sales --from 2020-01-01 -f period,units)" $'period\tunits\n2026-02\t4\n2026-03\t19'
	# the raw cell is kept, as before
	has "$(sql "SELECT value FROM interaction_fields WHERE key = 'Product Details' AND interaction_id = 1")" "Product Name: Widget"
	# two lines: no one product; Total Quantity the units; a comma in a name
	{
		head -1 "$DATA/real/bigcommerce-orders.csv"
		sed -n 2p "$DATA/real/bigcommerce-orders.csv" | sed 's/"101"/"201"/; s/"2","2"/"3","3"/; s/Product Total Price: 100.00"/Product Total Price: 100.00 | Product ID: 78, Product Qty: 1, Product SKU: SKU-NUT, Product Name: Nut, Product Weight: 0.1000, Product Variation Details: , Product Unit Price: 5.00, Product Total Price: 5.00"/'
		sed -n 2p "$DATA/real/bigcommerce-orders.csv" | sed 's/"101"/"202"/; s/Product Name: Widget,/Product Name: Nuts, Bolts \& Washers,/'
	} >two.csv
	crm-log --import --date-format %d/%m/%Y two.csv 2>/dev/null
	eq "$(sql "SELECT ref, quote(product), quantity FROM interactions WHERE ref IN ('201', '202') ORDER BY id")" \
"201|NULL|3
202|'Nuts, Bolts & Washers'|2"
}

# qa12 F8: the goods are ex tax, so a partial refund (what went back,
# tax included) is taken ex tax in the order's proportion.
@test "BigCommerce: a partial refund is taken ex tax, as the goods are: Refund Amount x Order Total (ex tax) / Order Total (inc tax) (QA qa12 F8)" {
	crm-add -n Ann -e ann@example.com >/dev/null
	crm-add -n Bob -e bob@example.com >/dev/null
	printf '%s\n' 'Order ID,Customer Email,Order Date,Order Status,Subtotal (inc tax),Subtotal (ex tax),Tax Total,Shipping Cost (inc tax),Shipping Cost (ex tax),Handling Cost (inc tax),Handling Cost (ex tax),Order Total (inc tax),Order Total (ex tax),Refund Amount' \
	    '102,bob@example.com,2026-01-07,Refunded,22.00,20.00,2.00,0,0,0,0,22.00,20.00,22.00' \
	    '103,ann@example.com,2026-01-08,Partially Refunded,33.00,30.00,3.00,0,0,0,0,33.00,30.00,11.00' \
	    '104,ann@example.com,2026-01-09,Partially Refunded,12.34,12.34,0,0,0,0,0,12.34,12.34,1.00' >bc.csv
	run --separate-stderr crm-log --import bc.csv
	status_is 0
	# 103: 11.00 x 30.00 / 33.00 = 10.00; 104 has no tax: 1.00 as it is
	eq "$(sql "SELECT ref, kind, amount FROM interactions ORDER BY id")" "102|purchase|2000
102|return|2000
103|purchase|3000
103|return|1000
104|purchase|1234
104|return|100"
	eq "$(sql "SELECT sum(CASE kind WHEN 'purchase' THEN amount ELSE -amount END) FROM interactions WHERE ref = '103'")" 2000
}

# The goods, subtotal less discount: grand_total has the tax too (qa33 F6)
@test "Paddle: id is the ref, the e-mail the customer; past_due skipped; the goods the amount" {
	run --separate-stderr crm-log --import --add-customers "$DATA/trial-paddle.csv"
	status_is 0
	eq "$stderr" "crm-log: $DATA/trial-paddle.csv: grand_total includes tax: the goods, subtotal less discount, are read as the amount (--map 'grand_total=amount' takes the whole)
crm-log: $DATA/trial-paddle.csv: 1 row skipped: not a purchase (past_due)
1 logged, 0 already there, 1 customer added, 0 rejected"
	eq "$(ias)" "1|2024-03-31T23:29:58Z|purchase|10000|txn_01hv8wptq8987qeep44cyrewp9"
	eq "$(sql 'SELECT email FROM customers')" "ann.lee@northwind.example"
	eq "$(sql "SELECT value FROM interaction_fields WHERE key = 'customer_id'")" "ctm_01hv6y1jedq4p1n0yqn5ba3ky4"
}

@test "a status crm does not know is refused naming column and value" {
	crm-add -n A -e a@x.example >/dev/null
	printf 'Email,Status,Total\na@x.example,Gizmo,1\n' >g.csv
	local before; before=$(dump)
	run --separate-stderr crm-log --import g.csv
	fails 65 "crm-log: g.csv:2: Status: 'Gizmo' is not an order status crm knows: not guessed (write paid, refunded or cancelled in its place, as it means, or leave such rows out of the file)"
	eq "$(dump)" "$before"
	run --separate-stderr crm-log --import --kind purchase --map 'Status=-' g.csv
	status_is 0
	eq "$(sql 'SELECT kind, amount FROM interactions')" "purchase|100"
}

@test "--rejects: a rejected row adds no customer" {
	run --separate-stderr crm-log --import --kind purchase --add-customers --rejects r.csv "$DATA/trial-rj.csv"
	status_is 65
	eq "$stderr" "crm-log: $DATA/trial-rj.csv: every row was rejected (1, each with why in r.csv): nothing imported"
	no_db
	eq "$(sed -n 2p r.csv)" "2,\"Total: a purchase needs a positive amount; -5.00 is money back, a return: a kind column saying return on such rows logs it so\",z@x.example,-5.00,2024-03-05,O-1"
}

@test "--rejects: a file whose every row is bad logs nothing and exits 65; a good row among them is logged, exit 0" {
	crm-add -n Ann -e ann@x.example >/dev/null
	before=$(dump)
	printf 'email,at,kind,amount\nann@x.example,2025-13-01,purchase,1\nann@x.example,2025-14-01,purchase,2\n' >bad.csv
	run --separate-stderr crm-log --import --rejects r.csv bad.csv
	status_is 65
	eq "$stderr" "crm-log: bad.csv: every row was rejected (2, each with why in r.csv): nothing imported"
	eq "$(dump)" "$before"
	eq "$(wc -l <r.csv)" 3
	printf 'email,at,kind,amount\nann@x.example,2025-13-01,purchase,1\nann@x.example,2025-01-01,purchase,2\n' >mixed.csv
	run --separate-stderr crm-log --import --rejects r.csv mixed.csv
	status_is 0
	eq "$stderr" "1 logged, 0 already there, 1 rejected"
}

# qa28 F8: one row refused and one skipped (a Failed payment) imported
# nothing, yet exited 0 ("0 logged ... 1 rejected"): skipped rows are no
# imports.  A file of skipped rows alone is no error: said, exit 0.
@test "--rejects: one row refused and the rest skipped logs nothing and exits 65; skipped rows alone exit 0" {
	crm-add -n Bob -e bob@example.com >/dev/null
	before=$(dump)
	h='Email,Date,Transaction ID,Transaction Type,Status,Card Type,Description,Total Amount,Fee'
	printf '%s\nnobody@example.com,2026-11-03 11:40,T1,Sale,Successful,VISA,x,120.00,1.80\nbob@example.com,2026-11-04 15:03,T2,Sale,Failed,VISA,,12.00,0.00\n' "$h" >sk.csv
	run --separate-stderr crm-log --import --rejects r.csv sk.csv
	status_is 65
	eq "$stderr" "crm-log: sk.csv: every row was rejected (1, each with why in r.csv) or skipped (1): nothing imported"
	eq "$(dump)" "$before"
	eq "$(cut -d, -f1 r.csv)" $'crm_line\n2'
	printf '%s\nbob@example.com,2026-11-04 15:03,T2,Sale,Failed,VISA,,12.00,0.00\n' "$h" >fail.csv
	run --separate-stderr crm-log --import --rejects r.csv fail.csv
	status_is 0
	eq "$stderr" "crm-log: fail.csv: 1 row skipped: not a purchase (Failed)
0 logged, 0 already there, 0 rejected"
	printf '%s\nbob@example.com,2026-11-03 11:40,T1,Sale,Successful,VISA,x,120.00,1.80\nnobody@example.com,2026-11-03 11:40,T3,Sale,Successful,VISA,x,1.00,0.00\nbob@example.com,2026-11-04 15:03,T2,Sale,Failed,VISA,,12.00,0.00\n' "$h" >one.csv
	run --separate-stderr crm-log --import --rejects r.csv one.csv
	status_is 0
	eq "${stderr_lines[1]}" "1 logged, 0 already there, 1 rejected"
}

@test "Gumroad: e-mails, Sale Price, partial refund; the Totals row skipped" {
	run --separate-stderr crm-log --import --add-customers "$DATA/trial-gumroad.csv"
	status_is 0
	eq "$stderr" "crm-log: $DATA/trial-gumroad.csv: 1 row skipped: totals, not a sale
3 logged, 0 already there, 2 customers added, 0 rejected"
	# at Purchase Time (UTC timezone), not at midnight of Purchase Date
	eq "$(ias)" "1|2024-03-31T23:30:00Z|purchase|1200|aBcD1234==
2|2024-04-01T08:00:00Z|purchase|2000|eFgH5678==
2|2024-04-01T08:00:00Z|return|500|eFgH5678=="
	# 12.00 in March; 20.00 less the partial refund 5.00 in April.
	eq "$(sales)" $'period\trevenue\torders\taverage_order\treturned\n2024-03\t12.00\t1\t12.00\t0.00\n2024-04\t15.00\t1\t20.00\t5.00'
}

@test "PayPal.de: MEZ and MESZ, 1.234,56, Rückzahlung to the payee, Abbuchung skipped" {
	run --separate-stderr crm-log --import --add-customers "$DATA/trial-ppde.csv"
	status_is 0
	eq "$stderr" "crm-log: $DATA/trial-ppde.csv: 1 row skipped: not a customer's payment (Allgemeine Abbuchung)
3 logged, 0 already there, 2 customers added, 0 rejected"
	# 14:22:41 MEZ (+0100) is 13:22:41Z; 23:30 MESZ (+0200) 21:30Z.
	eq "$(ias)" "1|2024-03-05T13:22:41Z|purchase|123456|5AB12345CD6789012
1|2024-03-06T08:10:00Z|return|10000|5AB12345CD6789012
2|2024-03-31T21:30:00Z|purchase|4990|8GH12345IJ6789012"
}

@test "Vend: the Sale row by Customer Code, its lines and payment not counted again" {
	run --separate-stderr crm-log --import --add-customers "$DATA/trial-vend.csv"
	status_is 0
	eq "$stderr" "crm-log: $DATA/trial-vend.csv: 3 rows skipped: part of the sale above (Sale Line, Payment)
1 logged, 0 already there, 1 customer added, 0 rejected"
	eq "$(ias)" "1|2024-03-05T14:22:11Z|purchase|6000|1001"
	eq "$(sql 'SELECT c.name, i.value, i.source FROM customers c JOIN identities i ON i.customer_id = c.id')" "Ann Lee|CUST-7|vend"
}

@test "拼多多 and 微店: the customer by name and phone, found again" {
	run --separate-stderr crm-log --import --add-customers "$DATA/trial-pdd.csv"
	status_is 0
	eq "$stderr" "3 logged, 0 already there, 2 customers added, 0 rejected"
	run --separate-stderr crm-log --import --add-customers "$DATA/trial-wd.csv"
	status_is 0
	eq "$stderr" "1 logged, 0 already there, 0 customers added, 0 rejected"
	# China time: 14:22:11 is 06:22:11Z; 退款成功 after sale is a return.
	eq "$(ias)" "1|2024-03-05T06:22:11Z|purchase|18300|240305-123456789012345
2|2024-03-06T12:00:00Z|purchase|4900|240306-223456789012345
2|2024-03-06T12:00:00Z|return|4900|240306-223456789012345
1|2024-03-05T06:23:00Z|purchase|18800|W2024030500001"
	eq "$(sql 'SELECT name, phone FROM customers')" "王小明|13800138000
李娜|13900139000"
}

@test "Shopify #2001 of three lines and a refund is one order" {
	crm-log --import --add-customers "$DATA/trial-shop3.csv" 2>/dev/null
	# #2001: 2 x 16.00 + (3 x 9.99 - 2.97) + 5.50 = 64.50, refunded
	# 10.00; #2002 12.00 (Walk In); #2003 voided.  Net 76.50 - 10.00 =
	# 66.50 from 2 orders; average order 76.50 / 2 = 38.25.
	eq "$(sales)" $'period\trevenue\torders\taverage_order\treturned\n2024-04\t66.50\t2\t38.25\t10.00'
}

@test "no amount column, no kind column: said at the header with what to --map" {
	crm-add -n A -e a@x.example >/dev/null
	printf 'Order ID,Customer Email,Subtotal,Order Total (incl. VAT)\n1,a@x.example,9,10\n' >t.csv
	run --separate-stderr crm-log --import --kind purchase t.csv
	fails 65 "crm-log: t.csv:1: no amount column: say which with --map 'Order Total (incl. VAT)=amount'"
	run --separate-stderr crm-log --import t.csv
	fails 65 "crm-log: t.csv:1: no kind column: say which with --kind, or --map 'COLUMN=kind'"
	run --separate-stderr crm-log --import --kind purchase --map 'Order Total (incl. VAT)=amount' t.csv
	status_is 0
	eq "$(sql 'SELECT amount, ref FROM interactions')" "1000|1"
}

@test "an order export without a time column is logged at now, and said, naming a date-like column" {
	crm-add -n Ann -e ann@x.example >/dev/null
	printf 'Email,Order Number,Payment Date Local,Amount,Status\nann@x.example,1,2026-11-02,10.00,paid\n' >nt.csv
	run --separate-stderr crm-log --import nt.csv
	status_is 0
	eq "$stderr" $'crm-log: nt.csv: no time column: logged at now (if Payment Date Local is the time, say --map \'Payment Date Local=at\')\n1 logged, 0 already there, 0 rejected'
	eq "$(sql "SELECT at FROM interactions")" "$CRM_NOW"
	# the way out it names
	run --separate-stderr crm-log --import --map 'Payment Date Local=at' nt.csv
	status_is 0
	eq "$(sql "SELECT count(*) FROM interactions WHERE at LIKE '2026-11-0%'")" 1
	# notes without dates say nothing: they are logged at now as always
	printf 'Email,kind,summary\nann@x.example,note,hello\n' >notes.csv
	run --separate-stderr crm-log --import notes.csv
	eq "$stderr" "1 logged, 0 already there, 0 rejected"
}

@test "a bad row's message names its column: Amount: a purchase needs a positive amount" {
	crm-add -n Ann -e ann@x.example >/dev/null
	printf 'Date,Email,Product,Amount\n2026-11-01,ann@x.example,Mug,\n' >s4.csv
	run --separate-stderr crm-log --import --kind purchase s4.csv
	fails 65 "crm-log: s4.csv:2: Amount: a purchase needs a positive amount"
	printf 'Date,Email,Product,Line Total\n2026-11-01,ann@x.example,Mug,-1\n' >s5.csv
	run --separate-stderr crm-log --import --kind purchase --map 'Line Total=amount' s5.csv
	fails 65 "crm-log: s5.csv:2: Line Total: a purchase needs a positive amount; -1.00 is money back, a return: a kind column saying return on such rows logs it so, or --rejects FILE leaves them out"
	printf 'Date,Email,kind,Invoice No,Amount\n2026-11-01,ann@x.example,invoice,,10.00\n' >s6.csv
	run --separate-stderr crm-log --import s6.csv
	fails 65 "crm-log: s6.csv:2: Invoice No: an invoice needs its number as its ref"
}

@test "a totals line under an order sheet is skipped and said, its sums or not" {
	crm-add -n Ann -e ann@x.example >/dev/null
	printf 'Date,Email,Product,Amount\n2026-11-01,ann@x.example,Mug,10.00\n2026-11-02,ann@x.example,Pot,20.00\nTotal,,,30.00\nSumme:,,,\n' >sales3.csv
	run --separate-stderr crm-log --import --kind purchase sales3.csv
	status_is 0
	eq "$stderr" $'crm-log: sales3.csv: 2 rows skipped: totals, not a sale\n2 logged, 0 already there, 0 rejected'
	eq "$(sql "SELECT product, amount FROM interactions ORDER BY id")" $'Mug|1000\nPot|2000'
	# a word in the first cell beside text is a row like any other
	printf 'Name,Date,Email,Amount\nTotal,2026-11-03,ann@x.example,5.00\n' >t2.csv
	run --separate-stderr crm-log --import --kind purchase t2.csv
	eq "$stderr" "1 logged, 0 already there, 0 rejected"
}

@test "a title block above the header, padded with commas: skipped, and said; one of two cells a line still refused naming the header's line" {
	crm-add -n Ann -e ann@x.example >/dev/null
	printf 'Exported from Shop on 2026-12-01,,,\nPeriod: November,,,\n,,,\nDate,Email,Product,Amount\n2026-11-01,ann@x.example,Mug,10.00\n' >sales.csv
	run --separate-stderr crm-log --import --kind purchase sales.csv
	status_is 0
	eq "$stderr" "crm-log: sales.csv:1-3: before the header, skipped: 'Exported from Shop on 2026-12-01'
1 logged, 0 already there, 0 rejected"
	eq "$(sql "SELECT amount FROM interactions")" 1000
	# a title of a label and its value goes too (qa18 F8)
	printf 'Exported from Shop,2026-12-02,,\n,,,\nDate,Email,Product,Amount\n2026-11-02,ann@x.example,Pot,20.00\n' >two.csv
	run --separate-stderr crm-log --import --kind purchase two.csv
	status_is 0
	eq "$stderr" "crm-log: two.csv:1-2: before the header, skipped: 'Exported from Shop'
1 logged, 0 already there, 0 rejected"
	# but not one with an address in it: a row of a two-column list?
	printf 'Exported by,shop@x.example,,\n,,,\nDate,Email,Product,Amount\n2026-11-03,ann@x.example,Pan,30.00\n' >two.csv
	run --separate-stderr crm-log --import --kind purchase two.csv
	fails 65 "crm-log: two.csv:1: no customer column: line 3 looks like the header, under a title block: delete the lines above it"
	eq "$(sql "SELECT count(*) FROM interactions")" 2
}

# qa18 F8: a shop's order list under "Orders Export", "Export Date,..."
# and "Total Orders,4" was refused ("delete the lines above it"), then its
# Total Amount not read as the amount.
@test "an order list under a title and lines of a label and its value: skipped and said; Total Amount the amount, Items Count kept as a field" {
	printf '%s\n' 'Orders Export' 'Export Date,2026-12-01' 'Total Orders,4' '' \
	    'Order ID,Order Number,Customer Name,Customer Email,Status,Total Amount,Payment Method,Created At,Items Count' \
	    '101,ORD-1001,"Ann Lee","ann@northwind.example",completed,120.50,card,2026-11-02T10:00:00Z,2' \
	    '102,ORD-1002,"Raj Patel","raj@globex.example",cancelled,80.00,card,2026-11-03T10:00:00Z,1' \
	    '103,ORD-1003,"Ann Lee","ann@northwind.example",completed,45.00,paypal,2026-11-04T10:00:00Z,1' >orders.csv
	run --separate-stderr crm-log --import --add-customers orders.csv
	status_is 0
	eq "$stderr" "crm-log: orders.csv:1-4: before the header, skipped: 'Orders Export'
crm-log: orders.csv: 1 row skipped: not a purchase (cancelled)
2 logged, 0 already there, 1 customer added, 0 rejected"
	eq "$(sql "SELECT ref || ' ' || amount || ' ' || coalesce(CAST(quantity AS TEXT), '-') FROM interactions ORDER BY id")" $'101 12050 -\n103 4500 -'
	eq "$(sql "SELECT value FROM interaction_fields WHERE interaction_id = 1 AND key = 'Items Count'")" 2
	run crm-segment -f name,revenue,orders
	eq "$output" $'name\trevenue\torders\nAnn Lee\t165.50\t2'
}

# qa11 F13: a date header without the word date, time or created.
@test "an order file dated under Purchased On, Paid At, Placed At, Order Placed, Ordered At: read as the time, not logged at now" {
	local h k=0	# not i: bats's run sets it
	for h in 'Purchased On' 'Paid At' 'Placed At' 'Order Placed' 'Ordered At' 'Purchased At' 'Placed On' 'Ordered On' 'Paid On'; do
		k=$((k + 1))
		printf 'Order Number,Email,%s,Amount\n%d,h%d@x.example,2025-05-01 10:00,30.00\n' "$h" "$k" "$k" >nd.csv
		run --separate-stderr crm-log --import --kind purchase --add-customers nd.csv
		status_is 0
		eq "$stderr" "1 logged, 0 already there, 1 customer added, 0 rejected"
		eq "$(sql "SELECT at FROM interactions WHERE ref = '$k'")" 2025-05-01T10:00:00Z
	done
	# Magento 1's order grid: Order #, Purchased On in its own words
	printf 'Order #,Purchased On,Bill to Name,Email,G.T. (Purchased),Status\n100000001,"Mar 5, 2025 10:12:00 AM",Ann Lee,ann@x.example,$30.00,Complete\n' >m1.csv
	run --separate-stderr crm-log --import --add-customers --map 'G.T. (Purchased)=amount' m1.csv
	status_is 0
	eq "$(sql "SELECT at, amount FROM interactions WHERE ref = '100000001'")" "2025-03-05T10:12:00Z|3000"
	# a second name never takes the place of a first: beside Created At
	# (before it or not), Paid At stays an extra field
	printf 'Order Number,Email,Paid At,Created At,Amount\n9,pa@x.example,2025-06-02 10:00,2025-06-01 09:00,5.00\n' >pa.csv
	run --separate-stderr crm-log --import --kind purchase --add-customers pa.csv
	status_is 0
	eq "$(sql "SELECT i.at, f.value FROM interactions i JOIN interaction_fields f ON f.interaction_id = i.id AND f.key = 'Paid At' WHERE i.ref = '9'")" "2025-06-01T09:00:00Z|2025-06-02 10:00"
}

# qa11 F16: an order number under ERPs' and shops' other names.
@test "Order No., Order Reference, Invoice Number, Transaction ID, Bestell-Nr. ... are the ref: the lines of one order are one order" {
	local h k=0
	for h in 'Order No.' 'Order Nr' 'Order Reference' 'Invoice Number' 'Receipt Number' 'Transaction ID' 'Sales Order' 'SO Number' 'Document No.' 'Bestell-Nr.' 'Belegnummer' 'N° de commande' 'Order Name'; do
		k=$((k + 1))
		printf '%s,Email,Date,Product,Amount\nA-%d,r%d@x.example,2025-05-01,Pump,30.00\nA-%d,r%d@x.example,2025-05-01,Valve,20.00\n' "$h" "$k" "$k" "$k" "$k" >ref.csv
		run --separate-stderr crm-log --import --kind purchase --add-customers ref.csv
		status_is 0
		eq "$stderr" "2 logged, 0 already there, 1 customer added, 0 rejected"
		eq "$(sql "SELECT count(*) FROM interactions WHERE ref = 'A-$k'")" 2
	done
	# 13 orders of 50.00, not 26 of 25.00
	eq "$(sales)" $'period\trevenue\torders\taverage_order\treturned\n2025-05\t650.00\t13\t50.00\t0.00'
	# a payment's Transaction ID beside the order's number: the order's
	printf 'Transaction ID,Order Number,Email,Date,Amount\nT-1,O-1,t@x.example,2025-06-01,5.00\n' >tx.csv
	run --separate-stderr crm-log --import --kind purchase --add-customers tx.csv
	status_is 0
	eq "$(sql "SELECT ref FROM interactions WHERE at LIKE '2025-06%'")" O-1
}

# qa11 F12: a quantity or a product under another name.
@test "Qty Ordered, Number of Items, Quantity Purchased, Qty. ... are the quantity; Item Name, Product Title, Bezeichnung, Désignation the product" {
	local h k=0
	for h in 'Qty Ordered' 'Quantity Ordered' 'Number of Items' 'Item Quantity' 'Quantity Purchased' 'Qty.' 'Stück'; do
		k=$((k + 1))
		printf 'Order Number,Email,Date,Product,%s,Amount\nq%d,q%d@x.example,2025-05-01,Pump,3,30.00\n' "$h" "$k" "$k" >q.csv
		run --separate-stderr crm-log --import --kind purchase --add-customers q.csv
		status_is 0
		eq "$stderr" "1 logged, 0 already there, 1 customer added, 0 rejected"
		eq "$(sql "SELECT quantity FROM interactions WHERE ref = 'q$k'")" 3
	done
	for h in 'Item Name' 'Product Title' 'Bezeichnung' 'Désignation'; do
		k=$((k + 1))
		printf 'Order Number,Email,Date,%s,Amount\nq%d,q%d@x.example,2025-05-01,Pump,30.00\n' "$h" "$k" "$k" >p.csv
		run --separate-stderr crm-log --import --kind purchase --add-customers p.csv
		status_is 0
		eq "$(sql "SELECT product FROM interactions WHERE ref = 'q$k'")" Pump
	done
}

# qa11 F15: a currency column under another name is checked as Currency is.
@test "Währungscode, Currency ISO, Curr, Presentment Currency, Settlement Currency ...: a second currency refused, not added up" {
	local h
	for h in 'Währungscode' 'Currency ISO' 'Currency Code' 'Curr' 'Cur' 'Presentment Currency' 'Settlement Currency' 'Payment Currency'; do
		new_db
		printf 'Order Number,Email,Date,Amount,%s\n1,ann@x.example,2025-05-01,30.00,EUR\n2,ann@x.example,2025-05-02,20.00,USD\n' "$h" >cur.csv
		run --separate-stderr crm-log --import --kind purchase --add-customers cur.csv
		fails 65 "crm-log: cur.csv:3: $h: 'USD' is not this database's currency, EUR: amounts are added up as they are, never converted; convert them first, or say --map '$h=-' to take them as EUR"
	done
	# Shopify's payments: Amount is in Currency (the shop's), the
	# buyer's Presentment Currency beside it is kept as a field
	new_db
	printf 'Order,Email,Date,Amount,Currency,Presentment Amount,Presentment Currency\n1,ann@x.example,2025-05-01,30.00,EUR,32.40,USD\n' >sh.csv
	run --separate-stderr crm-log --import --kind purchase --add-customers sh.csv
	status_is 0
	eq "$stderr" "1 logged, 0 already there, 1 customer added, 0 rejected"
	eq "$(sql "SELECT i.amount, f.value FROM interactions i JOIN interaction_fields f ON f.interaction_id = i.id AND f.key = 'Presentment Currency'")" "3000|USD"
}

# qa11 F14: a payment's state under another name is the order's state.
@test "Zahlungsstatus, Payment State, Statut du paiement, Current Status ...: a cancelled order skipped, a refunded one taken back" {
	local h k=0
	for h in 'Zahlungsstatus' 'Payment State' 'Statut du paiement' 'Estado del pago' 'Stato pagamento' 'Betaalstatus' 'Order Status Name' 'Current Status'; do
		k=$((k + 1))
		printf 'Order Number,Email,Date,%s,Amount\n%d-1,s%d@x.example,2025-05-01,Storniert,30.00\n%d-2,s%d@x.example,2025-05-02,paid,20.00\n%d-3,s%d@x.example,2025-05-03,refunded,10.00\n' "$h" $k $k $k $k $k $k >st.csv
		run --separate-stderr crm-log --import --kind purchase --add-customers st.csv
		status_is 0
		eq "$stderr" "crm-log: st.csv: 1 row skipped: not a purchase (Storniert)
3 logged, 0 already there, 1 customer added, 0 rejected"
	done
	# 8 customers of 20.00 each: the refunded 10.00 is a return
	eq "$(crm-segment -f revenue -o csv | sort -u)" $'20.00\nrevenue'
}

# qa14 F20: a buyer's date of birth is not the row's time.
@test "an unread DOB column of dates is not said to be the rows' time" {
	printf 'Order Number,Email,DOB,Amount\n7,dob@x.example,1990-01-10,5.00\n' >dob.csv
	run --separate-stderr crm-log --import --kind purchase --add-customers dob.csv
	status_is 0
	eq "$stderr" "1 logged, 0 already there, 1 customer added, 0 rejected"
	eq "$(sql "SELECT count(*) FROM interactions WHERE at = '$CRM_NOW'")" 1
}

# qa11: a column crm does not read, whose cells are what the file lacks.
@test "an unread column of dates, currency codes, order states or quantities beside a product is said once, with its --map; a file read whole says nothing" {
	printf 'Order Number,Email,Booked,Product,Stk,Amount,Geld,Zustand\n1,ann@x.example,05/01/2025,Pump,3,30.00,EUR,Bezahlt\n2,ann@x.example,"Mar 5, 2025 10:12:00 AM",Valve,1,20.00,USD,Storniert\n' >g.csv
	run --separate-stderr crm-log --import --kind purchase --add-customers g.csv
	status_is 0
	local u="crm undo, then "	# SQLite's own
	is_pg "$CRM_DB" && u=
	# 05/01/2025 leaves the month open: the --map alone would be refused
	eq "$stderr" "crm-log: g.csv: Booked: every value is a date, but the rows were logged at now (no time column): if it is their time, ${u}say --map 'Booked=at' --date-format '%m/%d/%Y %I:%M:%S %p' (or '%d/%m/%Y %I:%M:%S %p': the values say not which is the month)
crm-log: g.csv: Stk: every value is a whole number beside the product, not read as its quantity: if it is, ${u}say --map 'Stk=quantity'
crm-log: g.csv: Geld: every value is a currency code (EUR and USD), not read: the amounts were taken as one currency; if it is theirs, ${u}say --map 'Geld=currency'
crm-log: g.csv: Zustand: every value is an order's state, not read: every row was taken as a purchase, cancelled and refunded ones too; if it is the orders', ${u}say --map 'Zustand=status'
2 logged, 0 already there, 1 customer added, 0 rejected"
	eq "$(sql "SELECT count(*) FROM interactions WHERE at = '$CRM_NOW'")" 2
	# the ways out it names
	if is_pg "$CRM_DB"; then new_db; else crm undo >/dev/null; fi
	run --separate-stderr crm-log --import --kind purchase --add-customers --date-format '%m/%d/%Y' --map 'Booked=at' --map 'Stk=quantity' --map 'Zustand=status' --map 'Geld=-' g.csv
	status_is 0
	eq "$stderr" "crm-log: g.csv: 1 row skipped: not a purchase (Storniert)
1 logged, 0 already there, 1 customer added, 0 rejected"
	eq "$(sql "SELECT at, quantity, amount FROM interactions")" "2025-05-01T00:00:00Z|3|3000"
	# quiet: one currency, states all paid, numbers under an id's header
	new_db
	printf 'Order Number,Email,Date,Product,Store ID,Amount,Geld,Zustand\n1,ann@x.example,2025-05-01,Pump,3,30.00,EUR,paid\n' >q.csv
	run --separate-stderr crm-log --import --kind purchase --add-customers q.csv
	status_is 0
	eq "$stderr" "1 logged, 0 already there, 1 customer added, 0 rejected"
}

# qa12 F1, F2, F3, F9: a second name is read only when its cells fit.
@test "Curr of Y/N, Units of kg, Pieces of 1000, Current Status Active, Sales Order and Order Placed of Yes/No: kept as fields, as before the second names" {
	crm-add -n Ann -e ann@x.example >/dev/null
	crm-add -n Bob -e bob@x.example >/dev/null
	printf 'Date,Email,Product,Amount,Curr\n2026-01-05,ann@x.example,Flour,12.50,Y\n2026-01-06,bob@x.example,Milk,3.00,N\n' >c.csv
	run --separate-stderr crm-log --import --kind purchase c.csv
	status_is 0
	eq "$stderr" "2 logged, 0 already there, 0 rejected"
	# no currency set: a dollar amount is still taken
	eq "$(sql "SELECT count(*) FROM settings WHERE key = 'currency'")" 0
	crm-log ann@x.example purchase --amount 'USD 5.00' --at 2026-01-09
	printf 'Date,Email,Product,Amount,Units\n2026-02-05,ann@x.example,Flour,12.50,kg\n2026-02-06,bob@x.example,Milk,3.00,l\n' >u.csv
	run --separate-stderr crm-log --import --kind purchase u.csv
	status_is 0
	eq "$stderr" "2 logged, 0 already there, 0 rejected"
	# Units of whole numbers: not read either, but said with its --map
	printf 'Date,Email,Product,Amount,Units\n2026-02-07,ann@x.example,Flour,12.50,2\n' >u2.csv
	run --separate-stderr crm-log --import --kind purchase u2.csv
	status_is 0
	local u="crm undo, then "	# SQLite's own
	is_pg "$CRM_DB" && u=
	eq "$stderr" "crm-log: u2.csv: Units: every value is a whole number beside the product, not read as its quantity: if it is, ${u}say --map 'Units=quantity'
1 logged, 0 already there, 0 rejected"
	printf 'Date,Email,Product,Amount,Pieces\n2026-03-07,ann@x.example,Jigsaw,12.50,1000\n' >p.csv
	run --separate-stderr crm-log --import --kind purchase p.csv
	status_is 0
	printf 'Date,Email,Product,Amount,Current Status\n2026-04-08,ann@x.example,Flour,12.50,Active\n2026-04-08,bob@x.example,Milk,3.00,Inactive\n' >s.csv
	run --separate-stderr crm-log --import --kind purchase s.csv
	status_is 0
	eq "$stderr" "2 logged, 0 already there, 0 rejected"
	printf 'Date,Email,Product,Amount,Sales Order\n2026-05-05,bob@x.example,Flour,12.50,Yes\n2026-06-06,bob@x.example,Milk,3.00,Yes\n2026-07-06,bob@x.example,Milk,3.00,Yes\n' >so.csv
	run --separate-stderr crm-log --import --kind purchase so.csv
	status_is 0
	eq "$stderr" "3 logged, 0 already there, 0 rejected"
	printf 'Email,Order Placed,Summary\nann@x.example,Yes,called\nbob@x.example,No,called\n' >op.csv
	run --separate-stderr crm-log --import --kind call op.csv
	status_is 0
	eq "$stderr" "2 logged, 0 already there, 0 rejected"
	# no quantity, no ref, no state, every row's time its own or now
	eq "$(sql "SELECT count(*) FROM interactions WHERE ref IS NOT NULL OR quantity IS NOT NULL")" 0
	eq "$(sql "SELECT count(*) FROM interactions WHERE kind = 'call' AND at = '$CRM_NOW'")" 2
	eq "$(sql "SELECT key || '=' || value FROM interaction_fields ORDER BY interaction_id, key" | tr '\n' ' ')" \
	    "Curr=Y Curr=N Units=kg Units=l Units=2 Pieces=1000 Current Status=Active Current Status=Inactive Sales Order=Yes Sales Order=Yes Sales Order=Yes Order Placed=Yes Order Placed=No "
	# Bob's three orders are three
	eq "$(crm-segment -f name,orders -o csv)" $'name,orders\nAnn,6\nBob,6'
}

# qa12 F1: a currency column's cell is a currency, not a Y made the
# database's currency for good.
@test "a Currency column of Y is refused, the database unchanged; eur is a currency" {
	crm-add -n Ann -e ann@x.example >/dev/null
	printf 'Date,Email,Amount,Currency\n2026-01-05,ann@x.example,12.50,EUR\n2026-01-06,ann@x.example,3.00,Y\n' >c.csv
	run --separate-stderr crm-log --import --kind purchase c.csv
	fails 65 "crm-log: c.csv:3: Currency: 'Y' is not a currency (an ISO 4217 code such as EUR, or a sign such as €)"
	eq "$(sql "SELECT count(*) FROM settings WHERE key = 'currency'")" 0
	eq "$(sql "SELECT count(*) FROM interactions")" 0
	printf 'Date,Email,Amount,Currency\n2026-01-05,ann@x.example,12.50,eur\n2026-01-06,ann@x.example,3.00,EUR\n' >c.csv
	run --separate-stderr crm-log --import --kind purchase c.csv
	status_is 0
	eq "$(sql "SELECT value FROM settings WHERE key = 'currency'")" EUR
}

# qa12 F6: an export logged before Transaction ID and Qty Ordered were
# read (ref and quantity NULL, as --map '...=-' logs it here) is there
# already when imported again, not logged twice.
@test "an export imported before its Transaction ID or Qty Ordered was read: imported again, its rows are there already" {
	crm-add -n Ann -e ann@x.example >/dev/null
	crm-add -n Bob -e bob@x.example >/dev/null
	printf 'Date,Email,Product,Amount,Transaction ID,Qty Ordered\n2026-01-05,ann@x.example,Flour,12.50,T1,2\n2026-01-05,ann@x.example,Flour,12.50,T2,2\n2026-01-06,bob@x.example,Milk,3.00,T3,1\n' >one.csv
	run --separate-stderr crm-log --import --kind purchase --map 'Transaction ID=-' --map 'Qty Ordered=-' one.csv
	status_is 0
	eq "$stderr" "3 logged, 0 already there, 0 rejected"
	run --separate-stderr crm-log --import --kind purchase one.csv
	status_is 0
	eq "$stderr" "0 logged, 3 already there, 0 rejected"
	# a row of the export not logged then is logged, with its ref
	printf '2026-01-07,bob@x.example,Milk,3.00,T4,1\n' >>one.csv
	run --separate-stderr crm-log --import --kind purchase one.csv
	status_is 0
	eq "$stderr" "1 logged, 3 already there, 0 rejected"
	eq "$(sql "SELECT coalesce(ref, '-') FROM interactions ORDER BY id" | tr '\n' ' ')" "- - - T4 "
	# the quantity alone
	printf 'Date,Email,Product,Amount,Qty Ordered\n2026-02-05,ann@x.example,Pot,5.00,3\n' >q.csv
	run --separate-stderr crm-log --import --kind purchase --map 'Qty Ordered=-' q.csv
	eq "$stderr" "1 logged, 0 already there, 0 rejected"
	run --separate-stderr crm-log --import --kind purchase q.csv
	status_is 0
	eq "$stderr" "0 logged, 1 already there, 0 rejected"
	eq "$(sql "SELECT count(*) FROM interactions")" 5
}

@test "a bare id is crm's own customer number: --add-customers adds nobody by one, and Stripe's balance history is named" {
	crm-add -n Ann -e ann@x.example >/dev/null
	# crm-segment's output: its id finds the customer
	printf 'id,kind\n1,call\n' >own.csv
	run --separate-stderr crm-log --import own.csv
	status_is 0
	eq "$stderr" "1 logged, 0 already there, 0 rejected"
	# an id crm never gave: refused, not a customer named by it, however
	# often the file is imported
	printf 'id,kind\n1,call\nzz9,call\n' >ids.csv
	run --separate-stderr crm-log --import --add-customers ids.csv
	fails 65 "crm-log: ids.csv:3: id: no customer with id 'zz9' (a column headed id is crm's own customer number; --map 'id=external_id' reads another system's, 'id=ref' a payment's or an order's own)"
	eq "$(sql "SELECT count(*) FROM customers")" 1
	# another system's ids, said so: each added once, found again
	run --separate-stderr crm-log --import --add-customers --map id=external_id ids.csv
	status_is 0
	run --separate-stderr crm-log --import --add-customers --map id=external_id ids.csv
	status_is 0
	eq "$(sql "SELECT count(*) FROM customers")" 3
	# Stripe's balance history: txn_... ids and no buyer (it added two
	# customers named txn_1OqA and txn_1OqB on every import)
	run --separate-stderr crm-log --import --add-customers "$DATA/trial/stripe_bal.csv"
	fails 65 "crm-log: $DATA/trial/stripe_bal.csv:1: no customer column: Stripe's balance history names no customer (its id is a balance transaction's, its charges' buyers are not in it); crm reads Stripe's payments export (Payments, Export: Customer Email), which does"
	eq "$(sql "SELECT count(*) FROM customers")" 3
}
