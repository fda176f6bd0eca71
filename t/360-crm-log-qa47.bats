#!/usr/bin/env bats
# Test plan: crm-log --import of order and payment exports qa47 tried
# (crm-log(1), ORDER EXPORTS; t/data/real/SOURCES.md for each shape):
#   - a line-item export of no known system (one row an item, the order's
#     subtotal and total on each row): every item its own line, price x
#     quantity, the order once in the order counts; not read as
#     WooCommerce's one row an order (F1), nor its times blamed on it (F7)
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
