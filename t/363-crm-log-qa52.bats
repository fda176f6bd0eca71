#!/usr/bin/env bats
# Test plan: what qa52 found in order/payment and customer imports
# (crm-log(1) "How revenue is counted", crm-add(1)):
#   - an order-level Discount column of a line-item file of no known system
#     is the order's once, shared out over its lines; of a WooCommerce-
#     shaped one-row-an-order file, taken off its Order Subtotal (F1)
#   - a Capsule contacts file joined to itself (its header again mid-file):
#     the rows after the second header read as those before, its
#     organisations organisations, each record once (F4)
#   - an order or payment file's "<Role> Name" (Teachable's Student Name;
#     Client, Member, Payer Name) is its buyer's name, in crm-add and in
#     crm-log --add-customers (F3)
#   - a Mollie refund row of no consumer is said apart from the fee rows,
#     with its amount and the command that logs it; the sum of several (F2)
# Every figure is worked out in the comment above its test, from the
# fixture's cells, not copied from crm's output.

bats_require_minimum_version 1.5.0

load helper

REAL="$BATS_TEST_DIRNAME/data/real"

# Order 2001 (Kai): Mug 2 x 12.50 = 25.00, Tea Tin 15.00: goods 40.00 less
# the order's Discount 4.00 (on both rows, once) = 36.00; shared by each
# line's part of Order Subtotal 40.00: Mug 25.00 - 4.00 x 25/40 = 22.50,
# Tea Tin 15.00 - 1.50 = 13.50.  Order 2002 (Ina): 10.00, 10.00, 13.33 =
# 33.33 less 5.00 = 28.33; shares: round(5.00 x 10/33.33) = 1.50, then
# round(5.00 x 20/33.33) = 3.00 (1.50 more), the last line the 2.00 left:
# 8.50, 8.50, 11.33.  Order Total (goods less discount plus shipping) is
# a field.
@test "a line-item file's order Discount is taken off once an order, shared over its lines (qa52 F1)" {
	f="$BATS_TEST_TMPDIR/items.csv"
	cat >"$f" <<'CSV'
Order Number,Order Date,Customer Email,Customer Name,Payment Status,Item Name,Item Quantity,Item Price,Order Subtotal,Discount,Shipping Cost,Order Total,Currency
2001,2026-05-03 10:00:00,kai@example.com,Kai Berg,PAID,Mug,2,12.50,40.00,4.00,5.00,41.00,USD
2001,2026-05-03 10:00:00,kai@example.com,Kai Berg,PAID,Tea Tin,1,15.00,40.00,4.00,5.00,41.00,USD
2002,2026-05-04 10:00:00,ina@example.com,Ina Moe,PAID,Pen,1,10.00,33.33,5.00,0.00,28.33,USD
2002,2026-05-04 10:00:00,ina@example.com,Ina Moe,PAID,Pad,1,10.00,33.33,5.00,0.00,28.33,USD
2002,2026-05-04 10:00:00,ina@example.com,Ina Moe,PAID,Ink,1,13.33,33.33,5.00,0.00,28.33,USD
CSV
	run --separate-stderr crm-log --import --add-customers "$f"
	status_is 0
	has "$stderr" "crm-log: $f: Discount is the order's, on each of its rows: taken off once an order, shared out over its lines by their part of Order Subtotal (--map 'Discount=Discount' keeps it a field)"
	has "$stderr" "5 logged, 0 already there, 2 customers added, 0 rejected"
	eq "$(sql "SELECT product, amount FROM interactions ORDER BY id")" "Mug|2250
Tea Tin|1350
Pen|850
Pad|850
Ink|1133"
	run crm-segment -f email,revenue,orders -o csv
	eq "$output" "email,revenue,orders
kai@example.com,36.00,1
ina@example.com,28.33,1"
	run crm-report sales --group product
	has "$output" "2026-05	Mug	22.50	1	2	"
	has "$output" "2026-05	Tea Tin	13.50	1	1	"
}

@test "--map keeps a line-item file's Discount a field (qa52 F1)" {
	f="$BATS_TEST_TMPDIR/items.csv"
	printf '%s\n' 'Order Number,Order Date,Customer Email,Payment Status,Item Name,Item Quantity,Item Price,Order Subtotal,Discount,Order Total' \
	    '2001,2026-05-03 10:00:00,kai@example.com,PAID,Mug,2,12.50,40.00,4.00,36.00' \
	    '2001,2026-05-03 10:00:00,kai@example.com,PAID,Tea Tin,1,15.00,40.00,4.00,36.00' >"$f"
	run --separate-stderr crm-log --import --add-customers --map 'Discount=Discount' "$f"
	status_is 0
	[[ "$stderr" != *"Discount is the order's"* ]]
	eq "$(sql "SELECT sum(amount) FROM interactions")" 4000
}

# Discount 2.00 on the Mug row, 1.00 on the Tea Tin row of one order: not
# one order's coupon written twice, and said; the first row's 2.00 is taken
# once (40.00 - 2.00 = 38.00).
@test "a line-item file's Discount that differs within an order is said (qa52 F1)" {
	f="$BATS_TEST_TMPDIR/items.csv"
	printf '%s\n' 'Order Number,Order Date,Customer Email,Payment Status,Item Name,Item Quantity,Item Price,Order Subtotal,Discount,Order Total' \
	    '2001,2026-05-03 10:00:00,kai@example.com,PAID,Mug,2,12.50,40.00,2.00,37.00' \
	    '2001,2026-05-03 10:00:00,kai@example.com,PAID,Tea Tin,1,15.00,40.00,1.00,37.00' >"$f"
	run --separate-stderr crm-log --import --add-customers "$f"
	status_is 0
	has "$stderr" "crm-log: $f:3: Discount differs from the one on its order's first row: taken as the order's, the first row's, once (if each row's is its line's own, the revenue is off by the others)"
	eq "$(sql "SELECT sum(amount) FROM interactions")" 3800
}

# One row an order, WooCommerce's shape: Order Subtotal 40.00 less Discount
# 4.00 = 36.00 (Order Total 41.00 less Shipping Cost 5.00 agrees).
@test "a one-row-an-order file's Discount comes off its Order Subtotal (qa52 F1)" {
	f="$BATS_TEST_TMPDIR/orders.csv"
	printf '%s\n' 'Order Number,Order Date,Customer Email,Payment Status,Order Subtotal,Discount,Shipping Cost,Order Total,Currency' \
	    '2001,2026-05-03 10:00:00,kai@example.com,PAID,40.00,4.00,5.00,41.00,USD' \
	    '2002,2026-05-04 10:00:00,ina@example.com,PAID,12.00,0.00,5.00,17.00,USD' >"$f"
	run --separate-stderr crm-log --import --add-customers "$f"
	status_is 0
	has "$stderr" "crm-log: $f: the goods, Order Subtotal less Discount, are the order's amount (--map 'Discount=Discount' keeps Discount a field)"
	run crm-segment -f email,revenue -o csv
	eq "$output" "email,revenue
kai@example.com,36.00
ina@example.com,12.00"
}

# capsule-contacts.csv twice (cat a b): 101 Acme Widgets Ltd and 104
# Fenchurch Bakery are organisations (Type Organisation), 102, 103 and 105
# people at them; the second copy is the same 5 rows: nothing added twice.
@test "a Capsule file joined to itself: the rows after the header again read as before, its organisations orgs (qa52 F4)" {
	f="$BATS_TEST_TMPDIR/capsule-twice.csv"
	cat "$REAL/capsule-contacts.csv" "$REAL/capsule-contacts.csv" >"$f"
	run --separate-stderr crm-add --import "$f"
	status_is 0
	eq "$stderr" "crm-add: $f:7: the header again (files joined?): skipped
5 added, 0 updated, 5 unchanged, 0 rejected"
	eq "$(sql "SELECT external_id, name, type FROM customers ORDER BY external_id")" "101|Acme Widgets Ltd|org
102|Gene Hunt|person
103|Annie Cartwright|person
104|Fenchurch Bakery|org
105|Ray Carling|person"
	eq "$(sql "SELECT p.name, o.name FROM customers p JOIN customers o ON o.id = p.org_id ORDER BY p.external_id")" "Gene Hunt|Acme Widgets Ltd
Annie Cartwright|Acme Widgets Ltd
Ray Carling|Fenchurch Bakery"
}

# teachable-transactions.csv: Student Name Ana Silva, Ben Ode, Cleo Ray
# beside Student Email ana@, ben@, cleo@example.com.
@test "Teachable's Student Name is the buyer's name, to crm-add and to crm-log --add-customers (qa52 F3)" {
	f="$REAL/teachable-transactions.csv"
	run --separate-stderr crm-add --import --map 'Student Email=email' "$f"
	status_is 0
	eq "$(sql "SELECT name, email FROM customers ORDER BY email")" "Ana Silva|ana@example.com
Ben Ode|ben@example.com
Cleo Ray|cleo@example.com"
	new_db
	run --separate-stderr crm-log --import --add-customers --map 'Student Email=email' --map 'Final Price=amount' "$f"
	status_is 0
	eq "$(sql "SELECT name, email FROM customers ORDER BY email")" "Ana Silva|ana@example.com
Ben Ode|ben@example.com
Cleo Ray|cleo@example.com"
}

@test "an order file's Payer Name and Member Name name its buyer (qa52 F3)" {
	f="$BATS_TEST_TMPDIR/pay.csv"
	printf '%s\n' 'Order ID,Date,Payer Email,Payer Name,Status,Amount' \
	    '7001,2026-03-01,ann@example.com,Ann Lee,paid,10.00' >"$f"
	run --separate-stderr crm-add --import --map 'Payer Email=email' "$f"
	status_is 0
	eq "$(sql "SELECT name FROM customers")" "Ann Lee"
	f="$BATS_TEST_TMPDIR/member.csv"
	printf '%s\n' 'Order ID,Date,Email,Member Name,Status,Amount' \
	    '7002,2026-03-02,bo@example.com,Bo Park,paid,12.00' >"$f"
	run --separate-stderr crm-log --import --add-customers "$f"
	status_is 0
	eq "$(sql "SELECT name FROM customers WHERE email = 'bo@example.com'")" "Bo Park"
}

# Mollie: two refunds without a consumer name, -20.00 and -5.50 (25.50 in
# all), and one fee row (-2.88): the fee is "no customer named", the
# refunds a line of their own with their sum; Jan's 100.00 stands.
@test "Mollie refunds of no consumer: said apart from the fees, with their amount (qa52 F2)" {
	f="$BATS_TEST_TMPDIR/mollie.csv"
	{ head -2 "$REAL/mollie-settlement.csv"
	  echo '2026-09-18 16:40:00,ideal,EUR,-20.00,refunded,re_eee555,Refund Order 1001,,,,EUR,-20.00,1234567.2609.02,20.00'
	  echo '2026-09-19 16:40:00,ideal,EUR,-5.50,refunded,re_eee556,Refund Order 1001,,,,EUR,-5.50,1234567.2609.02,5.50'
	  echo '2026-10-02 00:00:00,,EUR,-2.88,paidout,,Transaction fees,,,,EUR,-2.88,1234567.2610.01,'
	} >"$f"
	run --separate-stderr crm-log --import --add-customers "$f"
	status_is 0
	eq "$stderr" "crm-log: $f: 1 row skipped: no customer named
crm-log: $f: 2 refunds of 25.50 in all skipped (lines 3, 4): no customer named, so revenue is that much too high; crm-log CUSTOMER return --amount AMOUNT logs each
1 logged, 0 already there, 1 customer added, 0 rejected"
	run crm-segment -f name,revenue -o csv
	eq "$output" "name,revenue
Jan de Vries,100.00"
}
