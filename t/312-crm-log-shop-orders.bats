#!/usr/bin/env bats
# Test plan: crm-log --import of webshop order exports whose rows are
# not one sale each, or whose total is not the goods (qa36; see
# crm-log(1), ORDER EXPORTS; t/data/real/SOURCES.md for each shape).
#   - WebToffee's WooCommerce Order Export: the goods are order_subtotal
#     less cart_discount (shipping and tax not revenue), each refund of
#     refund_items a return at its own date, a full refund at its date;
#     billing_company the company; a re-import logs nothing
#   - SkyVerge's Customer/Order CSV Export (import format): the goods are
#     order_total less order_shipping, order_fees and order_tax; an empty
#     order_number makes order_id the ref
# Every figure is worked out in the comment above its test, from the
# fixture's cells, not copied from crm's output.

bats_require_minimum_version 1.5.0

load helper

REAL="$BATS_TEST_DIRNAME/data/real"

ias() {
	sql "SELECT c.email, i.at, i.kind, i.amount, i.ref FROM interactions i
	    JOIN customers c ON c.id = i.customer_id ORDER BY i.id"
}

# woocommerce-webtoffee-orders.csv:
#   1001 Ann completed: order_total 61.35 = order_subtotal 46.65 + 4.90
#        shipping + 9.80 tax: goods 46.65
#   1002 Bob refunded: 25.00, refunded whole on 03-08 10:00 (UTC)
#   1003 Bob processing: 40.00, refunds of 5.00 (03-09) and 3.00 (04-02)
#   1004 Carla cancelled: skipped
#   1006 Ann completed: order_subtotal 100.00 - cart_discount 10.00 = 90.00
# Ann 46.65 + 90.00 = 136.65; Bob 25.00 - 25.00 + 40.00 - 5.00 - 3.00 =
# 32.00; March's net 136.65 + 40.00 - 5.00 = 171.65 (the 3.00 is April's).
@test "WebToffee WooCommerce orders: order_subtotal less cart_discount, each refund of refund_items a return at its date (qa36 F2)" {
	f="$REAL/woocommerce-webtoffee-orders.csv"
	run --separate-stderr crm-log --import --add-customers "$f"
	status_is 0
	eq "$stderr" "crm-log: $f: 1 row skipped: not a purchase (cancelled)
$(woo_tz "$f" order_date 5)
7 logged, 0 already there, 2 customers added, 0 rejected"
	eq "$(ias)" "ann.lee@northwind.example|2024-03-05T14:22:11Z|purchase|4665|1001
bob@contoso.example|2024-03-06T10:00:00Z|purchase|2500|1002
bob@contoso.example|2024-03-08T10:00:00Z|return|2500|1002
bob@contoso.example|2024-03-07T08:00:00Z|purchase|4000|1003
bob@contoso.example|2024-03-09T12:00:00Z|return|500|1003
bob@contoso.example|2024-04-02T09:00:00Z|return|300|1003
ann.lee@northwind.example|2024-03-31T23:30:00Z|purchase|9000|1006"
	run crm-segment -f email,revenue -o csv
	eq "$output" "email,revenue
ann.lee@northwind.example,136.65
bob@contoso.example,32.00"
	eq "$(sql "SELECT company FROM customers WHERE email = 'ann.lee@northwind.example'")" "Northwind Steel, Ltd."
	# the order's total and id stay its fields
	eq "$(sql "SELECT value FROM interaction_fields WHERE key = 'order_total' ORDER BY interaction_id LIMIT 1")" 61.35
	run --separate-stderr crm-log --import "$f"
	eq "${stderr##*$'\n'}" "0 logged, 7 already there, 0 rejected"
	eq "$(sql 'SELECT count(*) FROM interactions')" 7
}

@test "WebToffee refund_items: a refund crm cannot read refuses the file, naming the column; a ';' in a reason is the reason's" {
	f="$REAL/woocommerce-webtoffee-orders.csv"
	sed 's/amount:25.00|reason:damaged/amount:lots|reason:damaged/' "$f" >bad.csv
	crm-add -n 'Ann Lee' -e ann.lee@northwind.example >/dev/null
	run --separate-stderr crm-log --import --add-customers bad.csv
	status_is 65
	eq "$stderr" "crm-log: bad.csv:3: refund_items: not an amount (e.g. 1299.50, 1,299.50 or \$1,299.50; at most two decimals)"
	eq "$(sql 'SELECT count(*) FROM interactions')" 0
	# the plugin writes a reason as it is: "late; box torn" is one
	sed 's/reason:late|/reason:late; box torn|/' "$f" >semi.csv
	run --separate-stderr crm-log --import --add-customers semi.csv
	status_is 0
	eq "$(sql "SELECT at, amount FROM interactions WHERE ref = '1003' AND kind = 'return' ORDER BY id")" $'2024-03-09T12:00:00Z|500\n2024-04-02T09:00:00Z|300'
}

# woocommerce-skyverge-import-orders.csv (its first four orders):
#   4993 Ann 30.00, no shipping or tax
#   4992 Bob order_total 37.30 - order_shipping 5.00 - order_fees 1.50 -
#        order_tax 2.80 (the shipping's 0.40 in it) = 28.00 (the goods
#        30.00 less the 2.00 cart_discount)
#   4991 Bob refunded 30.00; 4990 on-hold skipped
# order_number and order_number_formatted are empty: order_id the ref.
@test "SkyVerge WooCommerce import format: order_total less order_shipping, order_fees and order_tax; order_id the ref (qa36 F2, F5)" {
	head -5 "$REAL/woocommerce-skyverge-import-orders.csv" >sv.csv
	run --separate-stderr crm-log --import --add-customers sv.csv
	status_is 0
	eq "$stderr" "crm-log: sv.csv: 1 row skipped: not a purchase (on-hold)
$(woo_tz sv.csv date 4)
4 logged, 0 already there, 2 customers added, 0 rejected"
	eq "$(ias)" "ann.lee@northwind.example|2016-05-31T00:37:00Z|purchase|3000|4993
bob@contoso.example|2016-05-30T22:00:00Z|purchase|2800|4992
bob@contoso.example|2016-05-12T09:15:00Z|purchase|3000|4991
bob@contoso.example|2016-05-12T09:15:00Z|return|3000|4991"
	eq "$(sql "SELECT value FROM interaction_fields WHERE key = 'order_total' ORDER BY interaction_id")" $'30.00\n37.30\n30.00'
	run --separate-stderr crm-log --import sv.csv
	eq "${stderr##*$'\n'}" "0 logged, 4 already there, 0 rejected"
}

# wix-orders.csv, a row an item, the order's columns on each (10005) or
# on its first row only (10001):
#   10001 Ann: Total 57.29 = items 2 x 16.00 + 20.00 = 52.00, less a 4.00
#         coupon, + 6.00 shipping + 3.29 tax: goods 57.29 - 6.00 - 3.29 =
#         48.00
#   10002 Bob Refunded: 20.00 and its return of 20.00
#   10003 Bob Partially refunded: 32.00, Refunded amount 16.00
#   10004 Carla Unpaid: skipped
#   10005 Ann: two items, Total 36.00, no shipping or tax
# Ann 48.00 + 36.00 = 84.00; Bob 20.00 - 20.00 + 32.00 - 16.00 = 16.00.
@test "Wix Stores orders: an order of several item rows is one purchase of its goods, whether or not its later rows repeat the order's columns (qa36 F1)" {
	f="$REAL/wix-orders.csv"
	run --separate-stderr crm-log --import --add-customers "$f"
	status_is 0
	eq "$stderr" "crm-log: $f: 1 row skipped: not a purchase (Unpaid)
crm-log: $f: 2 rows skipped: more items of an order above (10001, 10005); the rows of one Order number with one Total are one order's items, its Total counted once
6 logged, 0 already there, 2 customers added, 0 rejected"
	eq "$(ias)" "ann.lee@northwind.example|2024-03-05T14:22:10Z|purchase|4800|10001
bob@contoso.example|2024-03-06T09:05:00Z|purchase|2000|10002
bob@contoso.example|2024-03-06T09:05:00Z|return|2000|10002
bob@contoso.example|2024-03-07T23:59:00Z|purchase|3200|10003
bob@contoso.example|2024-03-07T23:59:00Z|return|1600|10003
ann.lee@northwind.example|2024-03-09T08:30:00Z|purchase|3600|10005"
	run crm-segment -f email,revenue -o csv
	eq "$output" "email,revenue
ann.lee@northwind.example,84.00
bob@contoso.example,16.00"
	# Billing company name the company, Note from customer the note
	eq "$(sql "SELECT company FROM customers WHERE email = 'ann.lee@northwind.example'")" "Northwind Steel, Ltd."
	eq "$(sql "SELECT summary FROM interactions WHERE ref = '10001'")" $'Leave at door,\nthanks'
	eq "$(sql "SELECT value FROM interaction_fields WHERE interaction_id = 1 AND key = 'Total'")" 57.29
	run --separate-stderr crm-log --import "$f"
	eq "${stderr##*$'\n'}" "0 logged, 6 already there, 0 rejected"
}

# A sheet crm knows no system of, its amount an Order Total: order 7 is
# two item rows of one Order Total (60.00: one purchase), its second row
# leaving the e-mail and date out; order 8's second row is another total
# (a second charge: its own sale); order 9 is two rows of one total too.
# Ann 60.00 + 9.00; Bob 15.00 + 5.00.
@test "a plain sheet's rows of one order number and one Order Total are one order, its later rows' empty cells the first's; another total is its own sale (qa36 F1)" {
	cat >o.csv <<-'EOF2'
	Order ID,Email,Date,Product,Order Total
	7,ann@example.com,2024-05-01,Mug,60.00
	7,,,Teapot,60.00
	8,bob@example.com,2024-05-02,Tea,15.00
	8,bob@example.com,2024-05-02,Tea,5.00
	9,ann@example.com,2024-05-03,Cup,9.00
	9,ann@example.com,2024-05-03,Saucer,9.00
	EOF2
	run --separate-stderr crm-log --import --kind purchase --add-customers o.csv
	status_is 0
	eq "$stderr" "crm-log: o.csv: 2 rows skipped: more items of an order above (7, 9); the rows of one Order ID with one Order Total are one order's items, its Order Total counted once
4 logged, 0 already there, 2 customers added, 0 rejected"
	eq "$(ias)" "ann@example.com|2024-05-01T00:00:00Z|purchase|6000|7
bob@example.com|2024-05-02T00:00:00Z|purchase|1500|8
bob@example.com|2024-05-02T00:00:00Z|purchase|500|8
ann@example.com|2024-05-03T00:00:00Z|purchase|900|9"
	run --separate-stderr crm-log --import --kind purchase o.csv
	eq "${stderr##*$'\n'}" "0 logged, 4 already there, 0 rejected"
	# a line's amount (Amount, Line Total) is each row's own: six sales,
	# 60.00 + 60.00 + 15.00 + 5.00 + 9.00 + 9.00 = 158.00
	new_db
	sed -e '1s/Order Total$/Amount/' -e '3s/^7,,,/7,ann@example.com,2024-05-01,/' o.csv >lines.csv
	run --separate-stderr crm-log --import --kind purchase --add-customers lines.csv
	status_is 0
	eq "$(sql 'SELECT count(*), sum(amount) FROM interactions')" "6|15800"
}

# A hand-made sheet of Order, Date, Email, Product and a bare Total, which
# may be each line's or the order's on each row: the whole file is asked,
# not its first order of several rows (qa40 Q3).
#   1001 Mug 20.00 + Cup 20.00 (one Total), then 1002 Mug 15.00 + Plate
#   25.00: 1002's two Totals show they are lines': 1001 is 40.00 too.
@test "a sheet's bare Total: an order of two Totals anywhere in the file makes every row a line, the first order of one Total too; rows of one Total and other goods lean to lines, said; the same goods or none, one order, said; --map chooses (qa40 Q3)" {
	crm-add -n Ann -e ann@example.com >/dev/null
	crm-add -n Bob -e bob@example.com >/dev/null
	cat >q.csv <<-'EOF2'
	Order,Date,Email,Product,Total
	1001,2026-11-01,ann@example.com,Mug,20.00
	1001,,,Cup,20.00
	1002,2026-11-02,bob@example.com,Mug,15.00
	1002,2026-11-02,bob@example.com,Plate,25.00
	EOF2
	run --separate-stderr crm-log --import --kind purchase q.csv
	status_is 0
	eq "$stderr" "4 logged, 0 already there, 0 rejected"
	eq "$(sql "SELECT customer_id, ref, product, amount FROM interactions ORDER BY id")" "1|1001|Mug|2000
1|1001|Cup|2000
2|1002|Mug|1500
2|1002|Plate|2500"
	run --separate-stderr crm-log --import --kind purchase q.csv
	eq "$stderr" "0 logged, 4 already there, 0 rejected"
	# no order of two Totals, but other goods on one Total's rows: read
	# as lines, loudly, with the --map that says the other
	new_db
	crm-add -n Ann -e ann@example.com >/dev/null
	crm-add -n Bob -e bob@example.com >/dev/null
	sed '5d' q.csv >goods.csv
	run --separate-stderr crm-log --import --kind purchase goods.csv
	status_is 0
	eq "$stderr" "crm-log: goods.csv:3: the rows of Order 1001 have one Total and other goods, and no order's Total differs from row to row: each row's Total read as its own line's, every row a sale; if it is the order's total on each of its rows, --map 'Total=Order Total' counts it once an order
3 logged, 0 already there, 0 rejected"
	eq "$(sql 'SELECT count(*), sum(amount) FROM interactions')" "3|5500"
	new_db
	crm-add -n Ann -e ann@example.com >/dev/null
	crm-add -n Bob -e bob@example.com >/dev/null
	run --separate-stderr crm-log --import --kind purchase --map 'Total=Order Total' goods.csv
	status_is 0
	eq "$stderr" "crm-log: goods.csv: 1 row skipped: more items of an order above (1001); the rows of one Order with one Total are one order's items, its Total counted once
2 logged, 0 already there, 0 rejected"
	eq "$(sql 'SELECT count(*), sum(amount) FROM interactions')" "2|3500"
	# the same goods (no product column): one order, and the message
	# says the file could not tell and how to log every row
	new_db
	crm-add -n Ann -e ann@example.com >/dev/null
	crm-add -n Bob -e bob@example.com >/dev/null
	sed '3s/^1001,,,/1001,2026-11-01,ann@example.com,/' goods.csv | cut -d, -f1-3,5 >repeat.csv
	run --separate-stderr crm-log --import --kind purchase repeat.csv
	status_is 0
	eq "$stderr" "crm-log: repeat.csv: 1 row skipped: more items of an order above (1001); the rows of one Order with one Total are one order's items, its Total counted once (the file cannot tell: if each row's Total is its own line's, --map 'Total=amount' logs every row)
2 logged, 0 already there, 0 rejected"
	eq "$(sql 'SELECT count(*), sum(amount) FROM interactions')" "2|3500"
	run --separate-stderr crm-log --import --kind purchase --map Total=amount repeat.csv
	status_is 0
	eq "$(sql 'SELECT count(*), sum(amount) FROM interactions')" "3|5500"
}

# og_decide asks the first 10,000 rows only, so that the import stays in
# constant memory: an order of two Totals after them is not seen in time,
# and order 1's two rows of one Total stay one order, as the file showed
# nothing before; within them, it makes order 1's rows two lines.
@test "a sheet's bare Total: only the first 10,000 rows are asked (constant memory)" {
	crm-add -n Ann -e ann@example.com >/dev/null
	{
		echo Order,Date,Email,Total
		echo 1,2026-11-01,ann@example.com,20.00
		echo 1,2026-11-01,ann@example.com,20.00
		seq 2 10001 | awk '{ print $1 ",2026-11-01,ann@example.com,1.00" }'
		echo 20001,2026-11-02,ann@example.com,15.00
		echo 20001,2026-11-02,ann@example.com,25.00
	} >late.csv
	run --separate-stderr crm-log --import --kind purchase late.csv
	status_is 0
	eq "$(sql "SELECT count(*) FROM interactions WHERE ref = '1'")" 1
	sed -i '4,10003d' late.csv
	new_db
	crm-add -n Ann -e ann@example.com >/dev/null
	run --separate-stderr crm-log --import --kind purchase late.csv
	status_is 0
	eq "$(sql "SELECT count(*) FROM interactions WHERE ref = '1'")" 2
}

# The whole SkyVerge file: 4989 is Ann's 12.00 of a plugin's status
# printed, a sale as WooCommerce's reports count it: Ann 30.00 + 12.00.
@test "WooCommerce: a plugin's own order status (SkyVerge's printed) is a sale, counted and said; a status label crm does not know is still refused (qa36 F5)" {
	f="$REAL/woocommerce-skyverge-import-orders.csv"
	run --separate-stderr crm-log --import --add-customers "$f"
	status_is 0
	eq "$stderr" "crm-log: $f: 1 row skipped: not a purchase (on-hold)
crm-log: $f: 1 order of a status WooCommerce has not, a plugin's (printed), counted as a sale, as WooCommerce's reports count every status but pending, failed and cancelled (if it is not one, leave such rows out of the file)
$(woo_tz "$f" date 5)
5 logged, 0 already there, 2 customers added, 0 rejected"
	eq "$(sql "SELECT kind, amount FROM interactions WHERE ref = '4989'")" "purchase|1200"
	run crm-segment -f email,revenue -o csv 'email = ann.lee@northwind.example'
	eq "$output" "email,revenue
ann.lee@northwind.example,42.00"
	# a label, not a slug: not a status WooCommerce writes; refused
	sed 's/,printed,/,Printed Label,/' "$f" >label.csv
	run --separate-stderr crm-log --import label.csv
	status_is 65
	has "$stderr" "label.csv:6: status: 'Printed Label' is not an order status crm knows"
}

# WebToffee's order_date is the shop's own time (the order post's
# post_date): read in TZ and said.  1001 at 14:22:11 in Berlin (CET,
# +01:00) is 13:22:11Z; 1006 at 23:30 on 31 March, after the clocks went
# forward at 02:00 (CEST, +02:00), is 21:30Z.  The refunds' dates are
# UTC, as the plugin writes them: 1002's stays 10:00Z.  A time with its
# offset is not counted.
@test "WooCommerce order times name no zone: read in TZ, and the summary says so (qa36 F8)" {
	f="$REAL/woocommerce-webtoffee-orders.csv"
	TZ=Europe/Berlin run --separate-stderr crm-log --import --add-customers "$f"
	status_is 0
	has "$stderr" "crm-log: $f: order_date: no time zone in 5 rows: read in TZ=Europe/Berlin; a shop's export writes its shop's own (a WordPress site's time zone): if that is another, crm undo this import and run it again with TZ set to the shop's (TZ=Europe/Berlin crm-log --import ...)"
	eq "$(sql "SELECT at FROM interactions WHERE ref = '1001'")" 2024-03-05T13:22:11Z
	eq "$(sql "SELECT at FROM interactions WHERE ref = '1006'")" 2024-03-31T21:30:00Z
	eq "$(sql "SELECT at FROM interactions WHERE ref = '1002' AND kind = 'return'")" 2024-03-08T10:00:00Z
	new_db
	sed 's/"2024-03-05 14:22:11"/"2024-03-05T14:22:11+01:00"/' "$f" >off.csv
	run --separate-stderr crm-log --import --add-customers off.csv
	status_is 0
	has "$stderr" "off.csv: order_date: no time zone in 4 rows: read in TZ=UTC;"
	eq "$(sql "SELECT at FROM interactions WHERE ref = '1001'")" 2024-03-05T13:22:11Z
}
