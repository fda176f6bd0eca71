#!/usr/bin/env bats
# Test plan: crm-log's look-ups of a customer by phone (qa29 F4, F6).
#   - by any of a customer's numbers: her phone and her other phones (the
#     number crm-add -u -p keeps when a new one replaces it), on the
#     command line, in a stream, in a call log's From (the import's map,
#     and past its bound), in a phone order's name and phone; a number
#     one customer has as her phone and another among her other phones
#     is refused naming both; --add-customers adds no duplicate of her
#   - a key with an extension ("+1 312 555 0100 x101", "(312) 555-0100
#     #101", "312-555-0100,101", "021-87654321转808", "+86 21 8765 4321
#     ext 808") is a phone on the command line and in a stream as in a
#     call log; German DIN 5008's "030 1234567-102" is a stored "+49 30
#     1234567 ext. 102"; an e-mail, an id or a name never is a phone

bats_require_minimum_version 1.5.0

load helper

# Anna's number changed: the old one is kept among her other phones.
moved() {
	crm-add -n 'Anna Schmidt' -e anna@example.de -p '+49 30 1234567' >/dev/null
	crm-add -n 'Karl Weber' -e karl@example.de -p '+49 40 7654321' >/dev/null
	crm-add -u anna@example.de -p '+49 171 7654321' 2>/dev/null
	eq "$(sql "SELECT value FROM customer_fields WHERE customer_id = 1 AND key = 'other phones'")" '+49 30 1234567'
}

@test "a customer's old number, kept among her other phones, finds her: command line, stream, call log, past the map's bound" {
	moved
	run --separate-stderr crm-log '+49 30 1234567' call Called back
	status_is 0
	eq "$(sql 'SELECT customer_id FROM interactions ORDER BY id DESC LIMIT 1')" 1
	printf 'customer\n+49 30 1234567\n+4930 1234567\n' | crm-log - call Called >/dev/null
	eq "$(sql 'SELECT customer_id FROM interactions ORDER BY id' | paste -sd ' ')" "1 1 1"
	sql "DELETE FROM interactions" >/dev/null
	printf 'From,To,Direction,Start Time\n+493012345670,+4969000,inbound,2026-11-03T14:00:00Z\n+49 30 1234567,+4969000,inbound,2026-11-04T14:00:00Z\n+49 40 7654321,+4969000,inbound,2026-11-05T14:00:00Z\n' >tw.csv
	for max in '' 0; do
		sql "DELETE FROM interactions" >/dev/null
		run --separate-stderr env CRM_KEYMAP_MAX=$max crm-log --import --kind call --rejects rej.csv tw.csv
		status_is 0
		eq "${stderr_lines[-1]}" "2 logged, 0 already there, 1 rejected"
		eq "$(sql 'SELECT customer_id FROM interactions ORDER BY id' | paste -sd ' ')" "1 2"
	done
}

@test "--add-customers adds no duplicate of a customer whose other phone the number is (RingCentral's Phone Number and Name)" {
	moved
	printf 'Phone Number,Name,Date,Action Result\n+49 30 1234567,Anna Schmidt,2026-11-03,Call connected\n' >rc.csv
	run --separate-stderr crm-log --import --kind call --map 'Phone Number=customer' --map 'Name=full name' --add-customers rc.csv
	status_is 0
	eq "$stderr" "1 logged, 0 already there, 0 customers added, 0 rejected"
	eq "$(ncustomers)" 2
	eq "$(sql 'SELECT customer_id FROM interactions')" 1
}

# A Shopify order with no e-mail (a phone checkout), as t/310 writes one.
phone_order() {
	awk -v ref="$1" -v name="$2" -v phone="$3" -v amt="$4" 'BEGIN {
		for (i = 1; i <= 73; i++) f[i] = ""
		f[1] = ref; f[3] = "paid"; f[8] = "USD"
		f[16] = "2024-03-05 14:22:09 +0000"; f[17] = 1; f[18] = "Lamp"
		f[19] = amt; f[25] = name; f[34] = phone; f[67] = phone
		for (i = 1; i <= 73; i++) printf "%s%s", f[i], i < 73 ? "," : "\n"
	}'
}

@test "a phone checkout finds its buyer by her name and an old number" {
	moved
	crm-add -n 'Lea Braun' -p '+49 89 1111111' >/dev/null
	crm-add -u 3 -p '+49 89 2222222' 2>/dev/null
	head -1 "$DATA/real/shopify-orders.csv" >o.csv
	phone_order '#2001' 'Lea Braun' '+49 89 1111111' 10.00 >>o.csv
	for max in '' 0; do	# the map of names, and past its bound
		sql "DELETE FROM interactions" >/dev/null
		run --separate-stderr env CRM_KEYMAP_MAX=$max crm-log --import --add-customers o.csv
		status_is 0
		eq "$stderr" "1 logged, 0 already there, 0 customers added, 0 rejected"
		eq "$(ncustomers)" 3
		eq "$(sql 'SELECT customer_id FROM interactions')" 3
	done
}

@test "a number one customer has and another had is refused naming both" {
	moved
	crm-add -n 'Paul Klein' -e paul@example.de -p '+49 30 1234567' >/dev/null
	local before; before=$(dump)
	run --separate-stderr crm-log '+49 30 1234567' call
	fails 65 "crm-log: +49 30 1234567 is the phone of 2 customers (1, 3): say which by e-mail or id"
	printf 'From,To,Direction,Start Time\n+49 30 1234567,+4969000,inbound,2026-11-03T14:00:00Z\n' >tw.csv
	run --separate-stderr crm-log --import --kind call --rejects rej.csv tw.csv
	status_is 65
	eq "$(sed 1d rej.csv | cut -d'"' -f1-2)" '2,"From: +49 30 1234567 is the phone of 2 customers (1, 3): say which by e-mail or id'
	eq "$(dump)" "$before"
	# Her new number is hers alone.
	run --separate-stderr crm-log '0171 7654321' call
	status_is 0
	eq "$(sql 'SELECT customer_id FROM interactions')" 1
}

@test "a key with an extension is a phone on the command line and in a stream, as in a call log's From (qa29 F6)" {
	crm-add -n 'Bob Turner' -e bob@example.com -p '+1 312 555 0100 x101' >/dev/null
	crm-add -n 'Li Wei' -e li@example.cn -p '021-87654321转808' >/dev/null
	crm-add -n 'Tom Berg' -e tom@example.de -p '+49 30 1234567 ext. 102' >/dev/null
	crm-add -n 'Zentrale' -e info@example.de -p '+49 30 1234567' >/dev/null
	local k want
	while IFS='|' read -r k want; do
		run --separate-stderr crm-log "$k" call
		status_is 0
		eq "$(sql 'SELECT customer_id FROM interactions ORDER BY id DESC LIMIT 1')" "$want"
	done <<'KEYS'
+1 312 555 0100 x101|1
(312) 555-0100 #101|1
312-555-0100,101|1
+1 312 555 0100;ext=101|1
021-87654321转808|2
021-87654321 分机 808|2
+86 21 8765 4321 ext 808|2
+49 30 1234567 Ext. 102|3
030 1234567-102|3
KEYS
	sql "DELETE FROM interactions" >/dev/null
	printf 'customer\n+1 312 555 0100 x101\n(312) 555-0100 #101\n+86 21 8765 4321 ext 808\n030 1234567-102\n' | crm-log - call >/dev/null 2>&1
	eq "$(sql 'SELECT customer_id FROM interactions ORDER BY id' | paste -sd ' ')" "1 1 2 3"
	# The same in a call log's From, and in a column of customers.
	sql "DELETE FROM interactions" >/dev/null
	printf 'From,To,Direction,Start Time\n+1 312 555 0100 x101,+4930999,inbound,2026-11-03T14:00:00Z\n030 1234567-102,+4930999,inbound,2026-11-04T14:00:00Z\n' >ext.csv
	crm-log --import --kind call ext.csv 2>/dev/null
	printf 'Customer,Date\n(312) 555-0100 #101,2026-11-05\n+86 21 8765 4321 ext 808,2026-11-06\n' >c.csv
	crm-log --import --kind call c.csv 2>/dev/null
	eq "$(sql 'SELECT customer_id FROM interactions ORDER BY id' | paste -sd ' ')" "1 3 1 2"
	# DIN 5008's hyphen is an extension only where a customer's number
	# has it: another is no one's, and 312 555-0100 is still a number.
	run --separate-stderr crm-log '030 1234567-109' call
	fails 65 "crm-log: no customer '030 1234567-109'"
}

@test "an e-mail, an id or a name is never taken for a phone; a key that is more than a number is none" {
	crm-add -n 'Bob Turner' -e bob@example.com -p '+1 312 555 0100' >/dev/null
	crm-add -n '+1 312 555 0100 x7' -e x7@example.com >/dev/null
	crm-add -n 'Ann' -e '3125550100x1@example.com' -x '0312 555 0100 x2' >/dev/null
	local last="SELECT customer_id FROM interactions ORDER BY id DESC LIMIT 1"
	crm-log '3125550100x1@example.com' call >/dev/null
	eq "$(sql "$last")" 3
	crm-log '0312 555 0100 x2' call >/dev/null
	eq "$(sql "$last")" 3
	printf 'customer\n+1 312 555 0100 x7\n' | crm-log - call >/dev/null
	eq "$(sql "$last")" 2
	local k
	for k in '+1 312 555 0100 x101 Bob' '+1 312 555 0100, +1 312 555 0199' '+1 312 555 0100 x' '+1 312 555 0100 x1234567' 'x101 +1 312 555 0100'; do
		run --separate-stderr crm-log "$k" call
		fails 65 "crm-log: no customer '$k'"
	done
}
