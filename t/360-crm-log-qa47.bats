#!/usr/bin/env bats
# Test plan: crm-log --import of order and payment exports qa47 tried
# (crm-log(1), ORDER EXPORTS; t/data/real/SOURCES.md for each shape):
#   - a line-item export of no known system (one row an item, the order's
#     subtotal and total on each row): every item its own line, price x
#     quantity, the order once in the order counts; not read as
#     WooCommerce's one row an order (F1), its zoneless times said as a shop's own, not WooCommerce's (F7, qa51 F1)
#   - Big Cartel's orders: the buyer's names (crm-add) and Buyer email
#     (crm-log, by crm-add's table), Number the ref, the goods Item total
#     less Discount total, never shipping or tax (F2, F3)
#   - Mollie's settlement report: paidout paid, ID the payment's ref,
#     Consumer name the buyer, a chargeback at a minus its return, rows of
#     no consumer skipped and counted (F4)
#   - a payment file whose buyer is an e-mail column crm does not know:
#     crm-add refuses it, exit 65, naming the --map (F5)
#   - Refunded At dates the return (F6)
# Every figure is worked out in the comment above its test, from the
# fixture's cells, not copied from crm's output.

bats_require_minimum_version 1.5.0

load helper

REAL="$BATS_TEST_DIRNAME/data/real"

ias() {
	sql "SELECT c.email, i.kind, i.product, i.quantity, i.amount, i.ref
	    FROM interactions i JOIN customers c ON c.id = i.customer_id
	    ORDER BY i.id"
}

# lineitem-orders.csv: Item Price x Item Quantity a line.
#   1041 Kai: 2 Mug x 12.50 = 25.00, 1 Tea Tin 15.00 (Order Subtotal 40.00)
#   1042 Ines: 1 Mug 12.50
#   1043 Kai REFUNDED: 3 Tea Tin 45.00, a purchase and its return
#   1044 Ines AWAITING_PAYMENT: skipped
#   1045 Tom: 1 Mug 12.50, 2 Tea Tin 30.00 (Order Subtotal 42.50)
#   1046 Ines PARTIALLY_REFUNDED, no amount: 2 Tea Tin 30.00, counted whole
# Kai 25.00 + 15.00 + 45.00 - 45.00 = 40.00 in 2 orders; Ines 12.50 +
# 30.00 = 42.50 in 2; Tom 42.50 in 1.  February: Mug 3 units 37.50, Tea
# Tin 1 unit 15.00; March: Mug 1 unit 12.50.
@test "a line-item order export of no known system: each item its line, price x quantity, the order once (qa47 F1, F7)" {
	f="$REAL/lineitem-orders.csv"
	run --separate-stderr crm-log --import --add-customers "$f"
	status_is 0
	eq "$stderr" "crm-log: $f: a row an item of its Order Number: each row's Item Price x Item Quantity is its line's amount, Order Total the order's, kept as a field (--map 'Order Total=Order Total' counts the order's total instead, once an order)
crm-log: $f:9: Payment Status: PARTIALLY_REFUNDED, and the file says not how much: counted whole (a refund column, or crm-log CUSTOMER return --amount, gives it)
crm-log: $f: 1 row skipped: not a purchase (AWAITING_PAYMENT)
crm-log: $f: Order Date: no time zone in 8 rows: read in TZ=UTC; a shop's export writes its shop's own time zone: if that is another, crm undo this import and run it again with TZ set to the shop's (TZ=Europe/Berlin crm-log --import ...)
8 logged, 0 already there, 3 customers added, 0 rejected"
	eq "$(ias)" "kai@example.com|purchase|Mug|2|2500|1041
kai@example.com|purchase|Tea Tin|1|1500|1041
ines@example.com|purchase|Mug|1|1250|1042
kai@example.com|purchase|Tea Tin|3|4500|1043
kai@example.com|return|Tea Tin|3|4500|1043
tom@example.com|purchase|Mug|1|1250|1045
tom@example.com|purchase|Tea Tin|2|3000|1045
ines@example.com|purchase|Tea Tin|2|3000|1046"
	run crm-segment -f email,revenue,orders -o csv
	eq "$output" "email,revenue,orders
kai@example.com,40.00,2
ines@example.com,42.50,2
tom@example.com,42.50,1"
	run crm-report sales --group product
	has "$output" "2026-02	Mug	37.50	2	3	"
	has "$output" "2026-02	Tea Tin	15.00	1	1	"
	has "$output" "2026-03	Mug	12.50	1	1	"
	# the order's total stays its field
	eq "$(sql "SELECT value FROM interaction_fields WHERE key = 'Order Total' ORDER BY interaction_id LIMIT 1")" 48.60
	run --separate-stderr crm-log --import "$f"
	eq "${stderr##*$'\n'}" "0 logged, 8 already there, 0 rejected"
	eq "$(sql 'SELECT count(*) FROM interactions')" 8
}

# --map 'Order Total=Order Total': the order's total once an order (48.60 for
# 1041, its Tea Tin row skipped and said), as before qa47.
@test "a line-item export read as one row an order when --map says its total is the order's (qa47 F1)" {
	f="$REAL/lineitem-orders.csv"
	run --separate-stderr crm-log --import --add-customers --map 'Order Total=Order Total' "$f"
	status_is 0
	[[ "$stderr" != *"a row an item"* ]]
	has "$stderr" "2 rows skipped: more items of an order above (1041, 1045)"
	eq "$(sql "SELECT amount FROM interactions WHERE ref = '1041'")" 4860
}

# bigcartel-orders.csv: goods = Item total - Discount total.
#   Maya 55.00 (100001) + 55.00 refunded (100003, nets 0) = 55.00
#   Omar 30.00 - 3.00 (100002) + 65.00 (100005) = 92.00
#   Grace 75.00 + 55.00 = 130.00; Lena's 100006 pending: skipped
@test "Big Cartel orders: buyer names and e-mail read by both programs, Number the ref, goods net of discount (qa47 F2, F3)" {
	f="$REAL/bigcartel-orders.csv"
	run --separate-stderr crm-add --import "$f"
	status_is 0
	eq "$(sql "SELECT name FROM customers WHERE email = 'maya@example.com'")" "Maya Lopez"
	run --separate-stderr crm-log --import "$f"
	status_is 0
	eq "$stderr" "crm-log: $f: 1 row skipped: not a purchase (pending)
7 logged, 0 already there, 0 rejected"
	eq "$(sql "SELECT ref, amount, quantity FROM interactions WHERE kind = 'purchase' ORDER BY id LIMIT 2")" "ABCD-100001|5500|3
ABCD-100002|2700|1"
	run crm-segment -f email,revenue,orders -o csv
	eq "$output" "email,revenue,orders
maya@example.com,55.00,2
omar@example.com,92.00,2
grace@example.com,130.00,2
lena@example.de,0.00,0"
}

@test "crm-log finds a Buyer email column as crm-add does, in a file of no known system (qa47 F2)" {
	printf 'Buyer email,Amount,Date\nann@example.com,10.00,2026-01-02\n' >"$BATS_TEST_TMPDIR/b.csv"
	run --separate-stderr crm-log --import --add-customers --kind purchase "$BATS_TEST_TMPDIR/b.csv"
	status_is 0
	eq "$(sql "SELECT c.email, i.amount FROM interactions i JOIN customers c ON c.id = i.customer_id")" "ann@example.com|1000"
}

# mollie-settlement.csv: Jan 100.00 + 42.00 = 142.00 (the refund row of
# no consumer skipped, and said apart with its amount: qa52 F2), Eva 50.00 + 30.00 = 80.00, Luc 75.50 + 64.25 =
# 139.75, Sophie 120.00 - 120.00 chargeback = 0.00; the fee row skipped.
@test "Mollie settlement report: paidout, ID the ref, Consumer name the buyer, a chargeback its return, rows of no consumer skipped (qa47 F4)" {
	f="$REAL/mollie-settlement.csv"
	run --separate-stderr crm-add --import "$f"
	status_is 0
	has "$stderr" "4 added"
	run --separate-stderr crm-log --import "$f"
	status_is 0
	eq "$stderr" "crm-log: $f: 1 row skipped: no customer named
crm-log: $f: 1 refund of 20.00 skipped (line 6): no customer named, so revenue is that much too high; crm-log CUSTOMER return --amount 20.00 logs it
8 logged, 0 already there, 0 rejected"
	eq "$(sql "SELECT kind, amount, ref FROM interactions WHERE ref LIKE 'chb_%' OR ref = 'tr_fff666' ORDER BY id")" "purchase|12000|tr_fff666
return|12000|chb_iii999"
	run crm-segment -f name,revenue -o csv
	eq "$output" "name,revenue
Jan de Vries,142.00
Eva Jansen,80.00
Luc Peeters,139.75
Sophie Martin,0.00"
}

@test "crm-add refuses a payment file whose buyer is an e-mail column it does not know, naming the --map (qa47 F5)" {
	f="$REAL/teachable-transactions.csv"
	run --separate-stderr crm-add --import "$f"
	status_is 65
	eq "$stderr" "crm-add: $f:1: no customer column (id, external_id, email or customer): say which with --map 'Student Email=email' (or =external_id, =customer)"
	run --separate-stderr crm-add --import --map 'Student Email=email' "$f"
	status_is 0
	eq "$(ncustomers)" 3
}

# teachable-transactions.csv: Cleo's 880004 sold 08-02, Refunded At 08-10.
@test "a refund dated by the file's Refunded At, not at the sale (qa47 F6)" {
	f="$REAL/teachable-transactions.csv"
	run --separate-stderr crm-log --import --add-customers --map 'Student Email=email' --map 'Final Price=amount' "$f"
	status_is 0
	eq "$(sql "SELECT kind, at, amount FROM interactions WHERE ref = '880004' ORDER BY id")" "purchase|2026-08-02T11:00:00Z|9900
return|2026-08-10T10:00:00Z|9900"
}
