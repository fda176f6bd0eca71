#!/usr/bin/env bats
# Test plan: order and sales files in other languages (qa33), read by
# crm-log --import (lib/iaimport.c), their revenue checked against the
# qa33 tester's python totals (/tmp/qa33/recompute.py):
#   - Bling's Situação (Atendido, Cancelado, Em aberto, Devolvido), its
#     Número the ref and Data the time beside it; its Total produtos the
#     goods, not Total with Frete (qa33 F5)
#   - a payment's status beside the order's (Shopware's Zahlungsstatus
#     Erstattet with Bestellstatus Abgeschlossen) is a return; a Total
#     beside Subtotal and tax or shipping: the Subtotal (less a discount
#     beside it) is the amount, said once, --map 'Total=amount' the whole
#     (qa33 F6)
#   - Tally's Sales Register and Day Book: Voucher Type Sales a sale,
#     Credit Note a return, Receipt and Journal skipped and counted;
#     Particulars the customer, Value the amount before GST (qa33 F4)
#   - offen, pendente ... are not paid yet; an unknown word is refused
#     with the words of the file's language (qa33 F10)

bats_require_minimum_version 1.5.0

load helper

# The files' orders run to 25 November 2026
setup() {
	crm_setup
	export CRM_NOW=2026-12-06T10:00:00Z
}

revenue() {
	crm-segment -f email,revenue | tail -n +2 | sort
}

@test "Bling: Situação read (Atendido a sale of its goods, Cancelado and Em aberto skipped, Devolvido returned); Número the ref, Data the time" {
	run --separate-stderr crm-log --import --kind purchase --decimal-comma \
	    --add-customers --date-format %d/%m/%Y "$DATA/real/bling-pedidos.csv"
	status_is 0
	eq "$stderr" "crm-log: $DATA/real/bling-pedidos.csv: Total includes Frete: the goods, Total produtos, are read as the amount (--map 'Total=amount' takes the whole)
crm-log: $DATA/real/bling-pedidos.csv: 2 rows skipped: not a purchase (Cancelado, Em aberto)
3 logged, 0 already there, 2 customers added, 0 rejected"
	# recompute.py: bling paid goods {joao: 1234.56, maria: 0}
	eq "$(revenue)" "joao@exemplo.com.br	1234.56
maria@exemplo.com.br	0.00"
	eq "$(sql "SELECT ref || ' ' || kind || ' ' || amount || ' ' || at FROM interactions ORDER BY id")" "1001 purchase 123456 2026-11-05T00:00:00Z
1004 purchase 50000 2026-11-25T00:00:00Z
1004 return 50000 2026-11-25T00:00:00Z"
	run --separate-stderr crm-report --from 2026-11-01 sales
	status_is 0
	eq "$(echo "$output" | cut -f1,2,6,7)" "period	revenue	returns	returned
2026-11	1234.56	1	500.00"
	# twice: nothing doubled
	run --separate-stderr crm-log --import --kind purchase --decimal-comma \
	    --date-format %d/%m/%Y "$DATA/real/bling-pedidos.csv"
	status_is 0
	has "$stderr" "0 logged, 3 already there"
	eq "$(revenue)" "joao@exemplo.com.br	1234.56
maria@exemplo.com.br	0.00"
}

@test "Bling: Data beside Situação is the time: its 05/11/2026 refused with the --date-format that reads it, not logged at now" {
	crm-add -n João -e joao@exemplo.com.br >/dev/null
	local before=$(dump)
	run --separate-stderr crm-log --import --kind purchase --decimal-comma \
	    "$DATA/real/bling-pedidos.csv"
	status_is 65
	has "$stderr" "bling-pedidos.csv:2: Data: not a date"
	has "$stderr" "say --date-format '%d/%m/%Y'"
	eq "$(dump)" "$before"
}

@test "Número and Data are read only beside a Situação: elsewhere they stay fields" {
	crm-add -n Ann -e a@x.example >/dev/null
	printf 'Email;Número;Data;Status;Amount\na@x.example;77;2024-01-02;paid;10\n' >f.csv
	run --separate-stderr crm-log --import --kind purchase f.csv
	status_is 0
	eq "$(sql "SELECT coalesce(ref, '-') FROM interactions")" "-"
	eq "$(sql "SELECT key || '=' || value FROM interaction_fields ORDER BY key")" "Data=2024-01-02
Número=77
Status=paid"
}

@test "Portuguese, Spanish and Italian order words under Situação, Estado, Stato" {
	crm-add -n Ann -e a@x.example >/dev/null
	imp() {	# header, value: what crm-log --import makes of the row
		printf 'email;date;amount;ref;%s\na@x.example;2024-01-02;10;R1;%s\n' "$1" "$2" >f.csv
		run --separate-stderr crm-log --import --kind purchase f.csv
		echo "$status $(sql "SELECT group_concat(kind) FROM interactions") ${stderr_lines[0]}"
		sql "DELETE FROM interactions" >/dev/null
	}
	eq "$(imp 'Situação' 'Concluído')" "0 purchase 1 logged, 0 already there, 0 rejected"
	eq "$(imp 'Situacao' 'Entregue')" "0 purchase 1 logged, 0 already there, 0 rejected"
	eq "$(imp 'Situação' 'Pago')" "0 purchase 1 logged, 0 already there, 0 rejected"
	eq "$(imp 'Situação' 'Cancelada')" "0  crm-log: f.csv: 1 row skipped: not a purchase (Cancelada)"
	eq "$(imp 'Situação' 'Pendente')" "0  crm-log: f.csv: 1 row skipped: not a purchase (Pendente)"
	eq "$(imp 'Situação' 'Em andamento')" "0  crm-log: f.csv: 1 row skipped: not a purchase (Em andamento)"
	eq "$(imp 'Situação' 'Reembolsado')" "0 purchase,return 2 logged, 0 already there, 0 rejected"
	eq "$(imp 'Estado' 'Devolvido')" "0 purchase,return 2 logged, 0 already there, 0 rejected"
	eq "$(imp 'Stato' 'Annullato')" "0  crm-log: f.csv: 1 row skipped: not a purchase (Annullato)"
	# qa33 F10: open words are not paid yet, in any of these languages
	eq "$(imp 'Bestellstatus' 'offen')" "0  crm-log: f.csv: 1 row skipped: not a purchase (offen)"
	eq "$(imp 'Estado' 'Pendiente')" "0  crm-log: f.csv: 1 row skipped: not a purchase (Pendiente)"
	eq "$(imp 'Statut' 'En attente')" "0  crm-log: f.csv: 1 row skipped: not a purchase (En attente)"
	eq "$(imp 'Stato' 'In attesa')" "0  crm-log: f.csv: 1 row skipped: not a purchase (In attesa)"
	eq "$(imp 'Situação' 'Aberto')" "0  crm-log: f.csv: 1 row skipped: not a purchase (Aberto)"
}

@test "a status crm knows not is refused with the words of the file's language, English where none is known" {
	crm-add -n Ann -e a@x.example >/dev/null
	ref() {	# header, value, other header: the refusal's way out
		printf 'email;date;amount;ref;%s;%s\na@x.example;2024-01-02;10;R1;%s;x\n' "$1" "${3:-Note}" "$2" >f.csv
		run --separate-stderr crm-log --import --kind purchase f.csv
		echo "$status ${stderr#*(write }"
	}
	local tail=" in its place, as it means, or leave such rows out of the file)"
	eq "$(ref Bestellstatus Irgendwas)" "65 bezahlt, erstattet or storniert$tail"
	eq "$(ref Situação Faturado)" "65 pago, devolvido or cancelado$tail"
	eq "$(ref Statut Bizarre)" "65 payée, remboursée or annulée$tail"
	eq "$(ref 'Estado del pedido' Raro)" "65 pagado, reembolsado or cancelado$tail"
	eq "$(ref Status Irgendwas Betrag)" "65 bezahlt, erstattet or storniert$tail"
	eq "$(ref Status Gizmo)" "65 paid, refunded or cancelled$tail"
	eq "$(sql "SELECT count(*) FROM interactions")" 0
}

@test "Shopware: Zahlungsstatus Erstattet beside Bestellstatus Abgeschlossen is a return; the goods, Zwischensumme, are the amount" {
	run --separate-stderr crm-log --import --kind purchase --decimal-comma \
	    --add-customers --date-format '%d.%m.%Y %H:%M' \
	    "$DATA/real/shopware-de-orders.csv"
	status_is 0
	eq "$stderr" "crm-log: $DATA/real/shopware-de-orders.csv: Gesamtbetrag includes Versandkosten: the goods, Zwischensumme, are read as the amount (--map 'Gesamtbetrag=amount' takes the whole)
crm-log: $DATA/real/shopware-de-orders.csv:5: Zahlungsstatus: Teilweise erstattet, and the file says not how much: counted whole (a refund column, or crm-log CUSTOMER return --amount, gives it)
crm-log: $DATA/real/shopware-de-orders.csv: 1 row skipped: not a purchase (Storniert)
4 logged, 0 already there, 2 customers added, 0 rejected"
	# recompute.py: shopware net goods {j.mueller: 184.03, neu: 0}
	eq "$(revenue)" "j.mueller@example.de	184.03
neu@example.de	0.00"
	eq "$(sql "SELECT ref || ' ' || kind || ' ' || amount FROM interactions ORDER BY id")" "10001 purchase 8403
10003 purchase 2000
10003 return 2000
10004 purchase 10000"
	# the whole, with VAT and shipping, when the user says so
	sql "DELETE FROM interactions" >/dev/null
	run --separate-stderr crm-log --import --kind purchase --decimal-comma \
	    --date-format '%d.%m.%Y %H:%M' --map Gesamtbetrag=amount \
	    "$DATA/real/shopware-de-orders.csv"
	status_is 0
	eq "$(revenue)" "j.mueller@example.de	224.83
neu@example.de	0.00"
}

@test "a payment status before the order's: the order's column is the status, the payment's refund still a return" {
	crm-add -n Ann -e a@x.example >/dev/null
	printf 'Email,Date,Ref,Payment Status,Order Status,Amount\na@x.example,2024-01-02,A1,Refunded,Completed,10\na@x.example,2024-01-03,A2,Paid,Cancelled,20\na@x.example,2024-01-04,A3,Paid,Completed,30\n' >o.csv
	run --separate-stderr crm-log --import --kind purchase o.csv
	status_is 0
	eq "$(sql "SELECT ref || ' ' || kind FROM interactions ORDER BY id")" "A1 purchase
A1 return
A3 purchase"
	has "$stderr" "1 row skipped: not a purchase (Cancelled)"
}

@test "Spanish sales: Subtotal the amount beside IVA and Total; Devuelto a return, Anulado and Pendiente skipped" {
	run --separate-stderr crm-log --import --kind purchase --decimal-comma \
	    --add-customers --date-format %d/%m/%Y "$DATA/real/ventas-es.csv"
	status_is 0
	has "$stderr" "Total includes IVA: the goods, Subtotal, are read as the amount (--map 'Total=amount' takes the whole)"
	has "$stderr" "2 rows skipped: not a purchase (Anulado, Pendiente)"
	eq "$(revenue)" "joao@exemplo.com.br	100.00
maria@exemplo.com.br	0.00"
}

@test "a Subtotal before a Discount beside it: the discount taken off; no tax or shipping beside it: Total stays the amount" {
	crm-add -n Ann -e a@x.example >/dev/null
	printf 'email,date,ref,status,subtotal,discount,tax,total\na@x.example,2024-01-02,P1,completed,100.00,10.00,18.00,108.00\n' >p.csv
	run --separate-stderr crm-log --import p.csv
	status_is 0
	has "$stderr" "total includes tax: the goods, subtotal less discount, are read as the amount (--map 'total=amount' takes the whole)"
	eq "$(sql "SELECT amount FROM interactions")" 9000
	sql "DELETE FROM interactions" >/dev/null
	printf 'email,date,ref,status,subtotal,total\na@x.example,2024-01-02,P1,completed,100.00,108.00\n' >q.csv
	run --separate-stderr crm-log --import q.csv
	status_is 0
	eq "$(sql "SELECT amount FROM interactions")" 10800
	# kinds in a column: an invoice there is owed its whole
	sql "DELETE FROM interactions" >/dev/null
	printf 'email,date,ref,kind,subtotal,tax,total\na@x.example,2024-01-02,P1,purchase,100.00,18.00,118.00\n' >k.csv
	run --separate-stderr crm-log --import k.csv
	status_is 0
	eq "$stderr" "1 logged, 0 already there, 0 rejected"
	eq "$(sql "SELECT amount FROM interactions")" 11800
}

@test "Tally Sales Register: Credit Note a return, Particulars the customer, Value (not Gross Total) the amount, Grand Total skipped" {
	run --separate-stderr crm-log --import --add-customers \
	    "$DATA/real/tally-sales-register.csv"
	status_is 0
	eq "$stderr" "crm-log: $DATA/real/tally-sales-register.csv: 1 row skipped: totals, not a sale
3 logged, 0 already there, 2 customers added, 0 rejected"
	# recompute.py: tally net {Sharma Traders: 100000, Iyer Textiles: 1000000}
	eq "$(crm-segment -f name,revenue | tail -n +2 | sort)" "Iyer Textiles	1000000.00
Sharma Traders	100000.00"
	eq "$(sql "SELECT ref || ' ' || kind || ' ' || amount || ' ' || at FROM interactions ORDER BY id")" "1 purchase 12345600 2026-11-05T00:00:00Z
2 purchase 100000000 2026-11-12T00:00:00Z
CN-1 return 2345600 2026-11-20T00:00:00Z"
	# the qa33 command, its --map's and all: the same
	sql "DELETE FROM interactions" >/dev/null
	run --separate-stderr crm-log --import --kind purchase \
	    --map Particulars=customer --map Value=amount --date-format %d-%b-%y \
	    --map Date=at --map 'Voucher No.=ref' "$DATA/real/tally-sales-register.csv"
	status_is 0
	eq "$(crm-segment -f name,revenue | tail -n +2 | sort)" "Iyer Textiles	1000000.00
Sharma Traders	100000.00"
}

@test "Tally Day Book: Receipt and Journal skipped and counted; twice, nothing doubled" {
	run --separate-stderr crm-log --import --add-customers \
	    "$DATA/real/tally-day-book.csv"
	status_is 0
	eq "$stderr" "crm-log: $DATA/real/tally-day-book.csv: 2 rows skipped: not a purchase (Receipt, Journal)
crm-log: $DATA/real/tally-day-book.csv: 1 row skipped: totals, not a sale
3 logged, 0 already there, 2 customers added, 0 rejected"
	eq "$(ncustomers)" 2
	run --separate-stderr crm-log --import "$DATA/real/tally-day-book.csv"
	status_is 0
	has "$stderr" "0 logged, 3 already there"
	eq "$(crm-segment -f name,revenue | tail -n +2 | sort)" "Iyer Textiles	1000000.00
Sharma Traders	100000.00"
}
