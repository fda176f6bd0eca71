#!/usr/bin/env bats
# Test plan: crm-log --import and what counts as a row logged already
# (crm-log(1), Importing), from QA's plain order sheets.
#   - a row without a line number is told apart by its product, quantity,
#     amount and summary too: an order sheet's lines under one order
#     number, two sales of a day without one, two calls without a date
#     are all logged; re-imported, nothing is
#   - rows identical in all of that within one file are so many sales
#     (two coffees of a day); the file again, or a later file holding
#     them and one more, finds each its own
#   - a file without dates, imported on two days, logs its rows once
#     (the any-time rule with no ref)
#   - a keyed row (a known export's ref, a line number) that changed
#     since it was logged is left as logged and said, with both amounts,
#     and counted; a cancelled order whose purchase is logged is said
#   - Etsy's orders file (one row per order) and items file (its lines)
#     of the same orders, in either order: the second adds nothing, its
#     purchases skipped, counted and said; revenue is the first's

bats_require_minimum_version 1.5.0

load helper

ann() {
	crm-add -n Ann -e ann@x.example >/dev/null
}

revenue() {
	sql "SELECT coalesce(sum(CASE kind WHEN 'purchase' THEN amount
	    WHEN 'return' THEN -amount END), 0) FROM interactions"
}

@test "rows without a line number differ by product, amount and summary: none is lost, none doubled" {
	ann
	cat >so.csv <<-'EOF'
	Order ID,Date,Email,Product,Qty,Amount
	SO-1,2026-11-05 10:00,ann@x.example,Pump,1,100.00
	SO-1,2026-11-05 10:00,ann@x.example,Valve,2,50.00
	SO-1,2026-11-05 10:00,ann@x.example,Seal kit,1,9.90
	EOF
	run --separate-stderr crm-log --import --kind purchase so.csv
	status_is 0
	eq "$stderr" "3 logged, 0 already there, 0 rejected"
	eq "$(revenue)" 15990
	run --separate-stderr crm-log --import --kind purchase so.csv
	eq "$stderr" "0 logged, 3 already there, 0 rejected"
	eq "$(revenue)" 15990

	printf 'Date,Email,Product,Amount\n2026-11-05,ann@x.example,Pump,100.00\n2026-11-05,ann@x.example,Valve,250.00\n' >day.csv
	run --separate-stderr crm-log --import --kind purchase day.csv
	eq "$stderr" "2 logged, 0 already there, 0 rejected"
	eq "$(revenue)" 50990

	printf 'Email,Kind,Summary\nann@x.example,call,Asked about price\nann@x.example,call,Called back with quote\n' >calls.csv
	run --separate-stderr crm-log --import calls.csv
	eq "$stderr" "2 logged, 0 already there, 0 rejected"
	run --separate-stderr crm-log --import calls.csv
	eq "$stderr" "0 logged, 2 already there, 0 rejected"
	eq "$(sql "SELECT summary FROM interactions WHERE kind = 'call' ORDER BY id" | paste -sd '|')" \
	    "Asked about price|Called back with quote"
}

# Pump 100.00 twice and Valve 250.00 on 5 November: 450.00 in three
# sales; a later export with a third Pump adds 100.00: 550.00.
@test "rows the same in everything within one file are so many sales; read again, nothing" {
	ann
	cat >dup.csv <<-'EOF'
	Date,Email,Product,Amount
	2026-11-05,ann@x.example,Pump,100.00
	2026-11-05,ann@x.example,Valve,250.00
	2026-11-05,ann@x.example,Pump,100.00
	EOF
	run --separate-stderr crm-log --import --kind purchase dup.csv
	status_is 0
	eq "$stderr" "3 logged, 0 already there, 0 rejected"
	eq "$(revenue)" 45000
	eq "$(sql "SELECT count(*) FROM interactions WHERE product = 'Pump'")" 2
	run --separate-stderr crm-log --import --kind purchase dup.csv
	eq "$stderr" "0 logged, 3 already there, 0 rejected"
	eq "$(revenue)" 45000
	{ cat dup.csv; echo '2026-11-05,ann@x.example,Pump,100.00'; } >more.csv
	run --separate-stderr crm-log --import --kind purchase more.csv
	eq "$stderr" "1 logged, 3 already there, 0 rejected"
	eq "$(revenue)" 55000
}

# Past its bound the count of like rows is kept in a temporary table:
# the same answers with the map bounded to nothing and to one row.
@test "like rows are counted the same past the in-memory bound" {
	for max in 0 1; do
		crm-add -n "M$max" -e "m$max@x.example" >/dev/null
		{
			echo 'Date,Email,Product,Amount'
			for p in Pump Valve Pump Pump; do
				echo "2026-11-05,m$max@x.example,$p,100.00"
			done
		} >"dup$max.csv"
		CRM_OCC_MAX=$max run --separate-stderr crm-log --import \
		    --kind purchase "dup$max.csv"
		status_is 0
		eq "$stderr" "4 logged, 0 already there, 0 rejected"
		CRM_OCC_MAX=$max run --separate-stderr crm-log --import \
		    --kind purchase "dup$max.csv"
		eq "$stderr" "0 logged, 4 already there, 0 rejected"
		eq "$(sql "SELECT count(*) FROM interactions i JOIN customers c
		    ON c.id = i.customer_id WHERE c.name = 'M$max' AND
		    i.product = 'Pump'")" 3
	done
}

@test "a file without dates or refs, imported on two days, logs its rows once" {
	ann
	printf 'Email,Product,Amount\nann@x.example,Pump,100.00\n' >nt.csv
	run --separate-stderr crm-log --import --kind purchase nt.csv
	eq "$stderr" "1 logged, 0 already there, 0 rejected"
	CRM_NOW=2026-11-24T10:00:00Z run --separate-stderr crm-log --import \
	    --kind purchase nt.csv
	status_is 0
	eq "$stderr" "0 logged, 1 already there, 0 rejected"
	eq "$(revenue)" 10000
	# another amount is another sale
	printf 'Email,Product,Amount\nann@x.example,Pump,120.00\n' >nt2.csv
	CRM_NOW=2026-11-24T10:00:00Z run --separate-stderr crm-log --import \
	    --kind purchase nt2.csv
	eq "$stderr" "1 logged, 0 already there, 0 rejected"
	eq "$(revenue)" 22000
}

@test "a keyed row changed since it was logged is left as logged, said and counted" {
	ann
	h='id,Created (UTC),Amount,Amount Refunded,Currency,Status,Customer ID,Customer Email'
	printf '%s\nch_1,2026-11-05 06:22,100.00,0.00,usd,Paid,cus_A,ann@x.example\n' "$h" >st1.csv
	printf '%s\nch_1,2026-11-05 06:22,100.00,40.00,usd,Paid,cus_A,ann@x.example\n' "$h" >st2.csv
	printf '%s\nch_1,2026-11-05 06:22,100.00,100.00,usd,Refunded,cus_A,ann@x.example\n' "$h" >st3.csv
	crm-log --import st1.csv 2>/dev/null
	run --separate-stderr crm-log --import st2.csv
	eq "$stderr" "1 logged, 1 already there, 0 rejected"
	eq "$(revenue)" 6000
	run --separate-stderr crm-log --import st3.csv
	status_is 0
	eq "$stderr" "crm-log: st3.csv:2: return ch_1 is 100.00 here, 40.00 as logged: left as logged
0 logged, 2 already there, 1 of them changed since (kept as logged), 0 rejected"
	eq "$(revenue)" 6000

	# WooCommerce, one row per order: processing, then cancelled
	h='Order Number,Order Date,Status,Billing Email Address,Order Total,Refund Amount'
	printf '%s\n5001,2026-11-05 10:00,processing,ann@x.example,80.00,0\n' "$h" >w1.csv
	printf '%s\n5001,2026-11-05 10:00,cancelled,ann@x.example,80.00,0\n' "$h" >w2.csv
	crm-log --import w1.csv 2>/dev/null
	run --separate-stderr crm-log --import w2.csv
	status_is 0
	eq "$stderr" "crm-log: w2.csv:2: order 5001 is cancelled here, logged as a purchase of 80.00: the purchase stands (log a return to take it back)
crm-log: w2.csv: 1 row skipped: not a purchase (cancelled)
$(woo_tz w2.csv 'Order Date' 1)
0 logged, 0 already there, 0 rejected"
	eq "$(revenue)" 14000
}

@test "Shopify: a partial refund that grew since is said, as logged; an order unchanged is not" {
	buyers() {
		crm-add -n 'Ann Lee' -e ann.lee@northwind.example >/dev/null
		crm-add -n 'Bob Martin' -e bob@contoso.example >/dev/null
		crm-add -n '王小明' >/dev/null
	}
	buyers
	sed 's/^#1002,bob@contoso.example,refunded,/#1002,bob@contoso.example,partially_refunded,/; s/c28374999999.1,25.00,/c28374999999.1,10.00,/' \
	    "$DATA/orders-shopify.csv" >s1.csv
	sed 's/c28374999999.1,10.00,/c28374999999.1,20.00,/' s1.csv >s2.csv
	grep -q partially_refunded s1.csv
	grep -q c28374999999.1,20.00, s2.csv
	crm-log --import s1.csv 2>/dev/null
	eq "$(sql "SELECT amount FROM interactions WHERE ref = '#1002' AND kind = 'return'")" 1000
	run --separate-stderr crm-log --import s1.csv
	eq "$stderr" "0 logged, 5 already there, 0 rejected"
	run --separate-stderr crm-log --import s2.csv
	status_is 0
	eq "$stderr" "crm-log: s2.csv:4: return #1002 is 20.00 here, 10.00 as logged: left as logged
0 logged, 5 already there, 1 of them changed since (kept as logged), 0 rejected"
	eq "$(sql "SELECT amount FROM interactions WHERE ref = '#1002' AND kind = 'return'")" 1000
}

@test "a --rejects file, fixed and imported again, stores its crm_line and crm_error nowhere" {
	ann
	printf 'Email,Date,Kind,Amount,Ref\nann@x.example,2026-11-02,purchase,"12,5",A2\n' >rj.csv
	run --separate-stderr crm-log --import --rejects rej.csv rj.csv
	status_is 65
	eq "$(head -1 rej.csv)" "crm_line,crm_error,Email,Date,Kind,Amount,Ref"
	sed 's/"12,5"/12.50/' rej.csv >fixed.csv
	run --separate-stderr crm-log --import fixed.csv
	status_is 0
	eq "$stderr" "1 logged, 0 already there, 0 rejected"
	eq "$(sql 'SELECT amount, ref FROM interactions')" "1250|A2"
	eq "$(sql 'SELECT count(*) FROM interaction_fields')" 0
}

@test "German, French and Spanish headers: the customer's as crm-add reads them, and the interaction's" {
	crm-add -n Ann -x K-1 -e ann@x.example >/dev/null
	printf 'E-Mail-Adresse,Datum,Art,Produkt,Menge,Betrag,Bestellnummer\nann@x.example,2026-11-05,Kauf,Pumpe,2,10.00,B-1\n' >de.csv
	run --separate-stderr crm-log --import de.csv
	status_is 0
	eq "$stderr" "1 logged, 0 already there, 0 rejected"
	printf 'Courriel,Date,Type,Produit,Quantité,Montant,Commande\nann@x.example,2026-11-06,achat,Pompe,1,20.00,F-1\n' >fr.csv
	run --separate-stderr crm-log --import fr.csv
	status_is 0
	printf 'Correo,Fecha,Tipo,Producto,Cantidad,Importe,Pedido\nann@x.example,2026-11-07,compra,Bomba,3,30.00,E-1\n' >es.csv
	run --separate-stderr crm-log --import es.csv
	status_is 0
	eq "$(sql "SELECT at, kind, product, quantity, amount, ref FROM interactions ORDER BY id")" \
	    "2026-11-05T00:00:00Z|purchase|Pumpe|2|1000|B-1
2026-11-06T00:00:00Z|purchase|Pompe|1|2000|F-1
2026-11-07T00:00:00Z|purchase|Bomba|3|3000|E-1"
	eq "$(sql 'SELECT count(*) FROM interaction_fields')" 0
	# a customer number alone, as crm-add reads Kundennummer
	printf 'Kundennummer,Datum,Art,Betrag\nK-1,2026-11-08,Anruf,\n' >kn.csv
	run --separate-stderr crm-log --import kn.csv
	status_is 0
	eq "$(sql "SELECT c.name FROM interactions i JOIN customers c ON c.id = i.customer_id WHERE i.kind = 'call'")" Ann
	# none: the message says how to name it
	printf 'Kontakt,Mail an,Datum,Art\nann@x.example,,2026-11-09,call\n' >none.csv
	run --separate-stderr crm-log --import none.csv
	fails 65 "crm-log: none.csv:1: no customer column (id, external_id, email or customer): say which with --map 'Mail an=email' (or =external_id, =customer)"
}

@test "a separate Time column with --date-format for the date alone, AM/PM too; PayPal's NZDT; an unknown zone said as such" {
	ann
	printf 'Date,Time,Email,Kind,Amount\n11/05/2026,9:15:00 AM,ann@x.example,purchase,30.00\n11/05/2026,2:40 PM,ann@x.example,purchase,20.00\n11/06/2026,14:05,ann@x.example,purchase,10.00\n' >dt.csv
	run --separate-stderr crm-log --import --date-format '%m/%d/%Y' dt.csv
	status_is 0
	eq "$(sql 'SELECT at FROM interactions ORDER BY id' | paste -sd ' ')" \
	    "2026-11-05T09:15:00Z 2026-11-05T14:40:00Z 2026-11-06T14:05:00Z"
	printf 'Date,Time,Email,Kind\n11/05/2026,25:99,ann@x.example,call\n' >bad.csv
	run --separate-stderr crm-log --import --date-format '%m/%d/%Y' bad.csv
	status_is 65
	has "$stderr" "crm-log: bad.csv:2: Date: not a date: Date and Time are read together ('11/05/2026 25:99')"
	h='"Date","Time","TimeZone","Name","Type","Status","Currency","Gross","Fee","Net","From Email Address","To Email Address","Transaction ID"'
	printf '%s\n"03/05/2026","10:00:00","NZDT","Ann","Express Checkout Payment","Completed","USD","10.00","","","ann@x.example","me@shop.example","T1"\n' "$h" >pp.csv
	run --separate-stderr crm-log --import pp.csv
	status_is 0
	eq "$(sql "SELECT at FROM interactions WHERE ref = 'T1'")" 2026-05-02T21:00:00Z
	sed 's/"NZDT"/"XYZT"/; s/"T1"/"T2"/' pp.csv >pp2.csv
	run --separate-stderr crm-log --import pp2.csv
	fails 65 "crm-log: pp2.csv:2: TimeZone: unknown time zone 'XYZT' (a UTC offset such as +13:00 or GMT+13:00 is read)"
}

# qa5 B11: an ISO date needs no --date-format for its AM/PM time column.
@test "an ISO Date with a Time column of 2:22 PM is read with no --date-format, as 14:22 is; a bad time still refused" {
	ann
	printf 'Date,Time,Email,Kind,Amount\n2026-11-05,2:22 PM,ann@x.example,purchase,30.00\n2026-11-06,12:05 AM,ann@x.example,purchase,20.00\n2026-11-07,14:05,ann@x.example,purchase,10.00\n' >iso.csv
	run --separate-stderr crm-log --import iso.csv
	status_is 0
	eq "$(sql 'SELECT at FROM interactions ORDER BY id' | paste -sd ' ')" \
	    "2026-11-05T14:22:00Z 2026-11-06T00:05:00Z 2026-11-07T14:05:00Z"
	printf 'Date,Time,Email,Kind\n2026-11-08,2:22 XM,ann@x.example,call\n' >bad.csv
	run --separate-stderr crm-log --import bad.csv
	fails 65 "crm-log: bad.csv:2: Date: not a date: Date and Time are read together ('2026-11-08 2:22 XM'): a --date-format must cover both, or the date alone with the time as 14:30 or 2:30 PM"
	eq "$(sql 'SELECT count(*) FROM interactions')" 3
}

@test "an order's lines are told by their product, not their place: a line added above the others is logged, none twice" {
	crm-add -n Q -e q@x.example >/dev/null
	h='Email,Order Number,Lineitem name,Lineitem quantity,Lineitem price,Created at,Financial Status'
	printf '%s\nq@x.example,#1,Mug,1,10.00,2026-11-02 10:00:00 +0100,paid\nq@x.example,#1,Pot,1,20.00,,\n' "$h" >l1.csv
	printf '%s\nq@x.example,#1,Spoon,1,5.00,2026-11-02 10:00:00 +0100,paid\nq@x.example,#1,Mug,1,10.00,,\nq@x.example,#1,Pot,1,20.00,,\n' "$h" >l2.csv
	crm-log --import l1.csv 2>/dev/null
	run --separate-stderr crm-log --import l2.csv
	status_is 0
	eq "$stderr" "1 logged, 2 already there, 0 rejected"
	eq "$(sql "SELECT product, amount FROM interactions ORDER BY id")" $'Mug|1000\nPot|2000\nSpoon|500'
	run --separate-stderr crm-log --import l1.csv
	eq "$stderr" "0 logged, 2 already there, 0 rejected"
	# two lines of one product are two lines; a line whose quantity
	# changed is the same line, said as changed
	printf '%s\nq@x.example,#2,Mug,1,10.00,2026-11-03 10:00:00 +0100,paid\nq@x.example,#2,Mug,1,10.00,,\n' "$h" >m1.csv
	printf '%s\nq@x.example,#2,Mug,1,10.00,2026-11-03 10:00:00 +0100,paid\nq@x.example,#2,Mug,3,10.00,,\n' "$h" >m2.csv
	run --separate-stderr crm-log --import m1.csv
	eq "$stderr" "2 logged, 0 already there, 0 rejected"
	run --separate-stderr crm-log --import m2.csv
	eq "$stderr" "crm-log: m2.csv:3: purchase #2 line 2 is 30.00 here, 10.00 as logged: left as logged
0 logged, 2 already there, 1 of them changed since (kept as logged), 0 rejected"
	eq "$(sql "SELECT count(*) FROM interactions WHERE ref = '#2'")" 2
}

@test "Square: a refund row listed first under the sale's Transaction ID moves no line" {
	crm-add -n Ann -e ann@x.example >/dev/null
	h='Date,Time,Time Zone,Item,Qty,Net Sales,Transaction ID,Event Type,Customer ID,Customer Name,Customer Reference ID'
	printf '%s\n2026-03-05,14:22:11,UTC,Mug,1,$10.00,T1,Payment,,Ann,ann@x.example\n2026-03-05,14:22:11,UTC,Pot,1,$20.00,T1,Payment,,Ann,ann@x.example\n' "$h" >sq1.csv
	printf '%s\n2026-03-05,14:22:11,UTC,Pot,1,-$20.00,T1,Refund,,Ann,ann@x.example\n2026-03-05,14:22:11,UTC,Mug,1,$10.00,T1,Payment,,Ann,ann@x.example\n2026-03-05,14:22:11,UTC,Pot,1,$20.00,T1,Payment,,Ann,ann@x.example\n' "$h" >sq2.csv
	run --separate-stderr crm-log --import --map 'Customer Reference ID=email' sq1.csv
	eq "$stderr" "2 logged, 0 already there, 0 rejected"
	run --separate-stderr crm-log --import --map 'Customer Reference ID=email' sq2.csv
	status_is 0
	eq "$stderr" "1 logged, 2 already there, 0 rejected"
	eq "$(sql "SELECT kind, product, amount FROM interactions ORDER BY id")" $'purchase|Mug|1000\npurchase|Pot|2000\nreturn|Pot|2000'
}

@test "WooCommerce's Item # is the line's own number: lines in another order are the same lines" {
	crm-add -n Hanna -e h@m.example >/dev/null
	h='"Order Number","Order Status","Order Date","Email (Billing)","Item #","Item Name","Quantity","Item Cost"'
	printf '%s\n4711,Completed,"2026-11-02 10:00",h@m.example,1,Mug,2,15.00\n4711,Completed,"2026-11-02 10:00",h@m.example,2,Mug,1,15.00\n' "$h" >w1.csv
	printf '%s\n4711,Completed,"2026-11-02 10:00",h@m.example,2,Mug,1,15.00\n4711,Completed,"2026-11-02 10:00",h@m.example,1,Mug,2,15.00\n' "$h" >w2.csv
	crm-log --import w1.csv 2>/dev/null
	run --separate-stderr crm-log --import w2.csv
	status_is 0
	eq "$stderr" "$(woo_tz w2.csv 'Order Date' 2)
0 logged, 2 already there, 0 rejected"
	eq "$(sql "SELECT item, quantity, amount FROM interactions ORDER BY id")" $'1|2|3000\n2|1|1500'
}

@test "Etsy's orders and order items files of the same orders: the second is not counted again, and says so" {
	real="$BATS_TEST_DIRNAME/data/real"
	crm-log --import --add-customers "$real/etsy-sold-order-items.csv" 2>/dev/null
	run --separate-stderr crm-log --import "$real/etsy-sold-orders.csv"
	status_is 0
	eq "$stderr" "crm-log: $real/etsy-sold-orders.csv: 2 purchases skipped: their orders are logged already from another export at another level of detail (an order's total, its lines): what was logged first stays, not counted twice
0 logged, 0 already there, 0 rejected"
	eq "$(sql "SELECT ref, item, amount FROM interactions ORDER BY id")" $'3235119409|1|3040\n3235119409|2|1900\n3237001122|1|2500'
	# the other way round: the order's total stays, its lines are skipped
	new_db
	crm-log --import --add-customers "$real/etsy-sold-orders.csv" 2>/dev/null
	before=$(revenue)
	run --separate-stderr crm-log --import "$real/etsy-sold-order-items.csv"
	status_is 0
	has "$stderr" "etsy-sold-order-items.csv: 3 purchases skipped: their orders are logged already"
	eq "$(revenue)" "$before"
	eq "$(sql "SELECT count(*) FROM interactions WHERE item IS NOT NULL")" 0
}
