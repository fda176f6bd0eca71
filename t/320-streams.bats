#!/usr/bin/env bats
# Test plan: pipes that cannot mislead - the key column a stream's
# customers are found by (crm-log -, crm-remind add -, crm-log --import).
#   - crm-remind's list into crm-log -: through its customer column, so
#     the calls land on the reminders' customers, not on customers whose
#     ids happen to be the reminders' ids
#   - crm-log --show's timeline and crm-remind -f id,due have no customer
#     column: refused, exit 65, with what they look like, nothing logged
#   - a customer column before a bare id; an empty cell falls back to the
#     next key column (crm-segment's empty external_id)
#   - --map is applied before the key column is chosen ('Buyer Mail=email',
#     'Buyer=customer'); a --map source column not in the header is a
#     usage error (64) naming the header's columns
#   - channels: 微信 is wechat, WhatsApp and LINE stored as given, in
#     streams and imports; the activity report counts them
#   - an e-mail with spaces around it finds its customer
#   - crm-remind prints nothing when nothing is due: crm-log - reads that
#     as no customers (0 logged, exit 0); an empty --import file is 65

bats_require_minimum_version 1.5.0

load helper

# Ann 1, Bob 2, Cy 3; reminders 1 (for Cy) and 2 (for Bob).
three() {
	crm-add -n Ann -e ann@example.com --external-id A-1 >/dev/null
	crm-add -n Bob -e bob@example.com >/dev/null
	crm-add -n Cy -e cy@example.com --external-id C-3 >/dev/null
	crm-remind add 3 --due 2026-11-20 'ring Cy' >/dev/null 2>&1
	crm-remind add 2 --due 2026-11-21 'ring Bob' >/dev/null 2>&1
}

@test "crm-remind | crm-log - call: the reminders' customers get the calls" {
	three
	run --separate-stderr bash -c 'crm-remind -o tsv | crm-log - call Called'
	status_is 0
	eq "$stderr" "2 interactions logged"
	eq "$(sql 'SELECT customer_id, kind, summary FROM interactions ORDER BY id')" \
	    $'3|call|Called\n2|call|Called'
}

@test "crm-remind | crm-log - on a day nothing is due: nothing logged, exit 0" {
	three
	crm-remind done 1 >/dev/null 2>&1
	crm-remind done 2 >/dev/null 2>&1
	local before; before=$(sql 'SELECT * FROM interactions')
	run --separate-stderr bash -c 'set -o pipefail; crm-remind | crm-log - call Called'
	status_is 0
	eq "$stderr" "0 interactions logged"
	eq "$output" ""
	eq "$(sql 'SELECT * FROM interactions')" "$before"
	# An empty file named to --import is still not an export.
	: >"$BATS_TEST_TMPDIR/empty.csv"
	run --separate-stderr crm-log --import --kind call "$BATS_TEST_TMPDIR/empty.csv"
	fails 65 "crm-log: $BATS_TEST_TMPDIR/empty.csv:1: empty file"
}

@test "crm-log --show's timeline is refused as a stream: its id is an interaction's" {
	three
	crm-log 3 note first >/dev/null
	# --show audits its export: compare what a stream would write
	local before; before=$(sql 'SELECT * FROM interactions; SELECT * FROM reminders')
	run --separate-stderr bash -c 'crm-log --show 3 | crm-log - note'
	fails 65 "crm-log: stdin:1: this looks like crm-log --show's output: its id is an interaction's, not a customer's"
	run --separate-stderr bash -c 'crm-log --show 3 -f id,at,kind | crm-remind add - --due tomorrow x'
	fails 65 "crm-remind: stdin:1: this looks like crm-log --show's output: its id is an interaction's, not a customer's"
	eq "$(sql 'SELECT * FROM interactions; SELECT * FROM reminders')" "$before"
}

@test "crm-remind's list without its customer column is refused" {
	three
	local before; before=$(dump)
	run --separate-stderr bash -c 'crm-remind -f id,due -o tsv | crm-log - call'
	fails 65 "crm-log: stdin:1: this looks like crm-remind's output: its id is a reminder's, not a customer's"
	# The list itself is an export in the audit trail; nothing else.
	sql "DELETE FROM audit WHERE action = 'export'"
	eq "$(dump)" "$before"
}

@test "crm-report's output with a bare id is refused, said once" {
	three
	local before; before=$(dump)
	printf 'id,period,revenue\n1,2026-11,10\n' >r.csv
	run --separate-stderr crm-log - call <r.csv
	fails 65 "crm-log: stdin:1: this looks like crm-report's output: its id is not a customer's"
	[[ $stderr != *"customer's, not a customer's"* ]]
	eq "$(dump)" "$before"
}

@test "a customer column wins over a bare id; an empty cell falls to the next" {
	three
	printf 'id,customer\n1,C-3\n2,\n' >s.csv
	run --separate-stderr crm-log - note <s.csv
	status_is 0
	eq "$(sql 'SELECT customer_id FROM interactions ORDER BY id' | paste -sd ' ')" "3 2"
	# crm-segment leaves external_id empty for Bob: his id is used
	run --separate-stderr bash -c 'crm-segment -f id,external_id,email -o csv | crm-log - email'
	status_is 0
	eq "$stderr" "3 interactions logged"
	eq "$(sql "SELECT customer_id FROM interactions WHERE kind = 'email' ORDER BY id" | paste -sd ' ')" "1 2 3"
}

@test "--map is applied before the customer column is chosen" {
	three
	printf 'Buyer Mail,at,kind\nbob@example.com,2026-11-01,note\n' >m.csv
	run --separate-stderr crm-log --import --map 'Buyer Mail=email' m.csv
	status_is 0
	printf 'Buyer,id,at,kind\nC-3,1,2026-11-02,note\n' >b.csv
	run --separate-stderr crm-log --import --map 'Buyer=customer' b.csv
	status_is 0
	eq "$(sql 'SELECT customer_id, at FROM interactions ORDER BY id')" \
	    $'2|2026-11-01T00:00:00Z\n3|2026-11-02T00:00:00Z'
}

@test "a --map source column not in the header exits 64 naming the columns" {
	three
	printf 'email,at,kind\nbob@example.com,2026-11-01,note\n' >m.csv
	local before; before=$(dump)
	run --separate-stderr crm-log --import --map 'Mail=email' m.csv
	fails 64 "crm-log: --map: m.csv has no column 'Mail' (its columns: email, at, kind)"
	eq "$(dump)" "$before"
}

@test "channels: 微信 is wechat, WhatsApp and LINE are kept as given" {
	three
	printf 'email\nann@example.com\n' | crm-log --channel 微信 - call 2>/dev/null
	printf 'email\nann@example.com\n' | crm-log --channel ' WhatsApp ' - chat 2>/dev/null
	printf 'email,at,kind,channel\nbob@example.com,2026-11-01,chat,LINE\nbob@example.com,2026-11-02,call,Tel\nbob@example.com,2026-11-03,email,E-Mail\n' >c.csv
	crm-log --import c.csv 2>/dev/null
	eq "$(sql 'SELECT channel FROM interactions ORDER BY id' | paste -sd ' ')" \
	    "wechat WhatsApp LINE phone email"
	run --separate-stderr crm-report --from 2026-11-01 --to 2026-12-01 -f period,channel_phone,channel_email,channel_wechat,channel_LINE,channel_WhatsApp activity
	status_is 0
	eq "$output" $'period\tchannel_phone\tchannel_email\tchannel_wechat\tchannel_LINE\tchannel_WhatsApp\n2026-11\t1\t1\t1\t1\t1'
}

@test "an e-mail with spaces around it finds its customer, in streams and imports" {
	three
	printf 'email\n  bob@example.com \n' | crm-log - note 2>/dev/null
	printf 'email,at,kind\n  CY@example.com,2026-11-01,note\n' >e.csv
	run --separate-stderr crm-log --import e.csv
	status_is 0
	eq "$(sql 'SELECT customer_id FROM interactions ORDER BY id' | paste -sd ' ')" "2 3"
}
