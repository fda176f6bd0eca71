#!/usr/bin/env bats
# Test plan: crm-add --merge KEEP DUP and crm-add --reassign FROM TO.
#   - merge: keep's values win, dup fills keep's gaps (e-mail and
#     external_id included), created is the earlier of the two; fields and
#     tags are the union, keep's field value winning; dup's interactions
#     and reminders (inserted here with sqlite3) move to keep; dup is gone
#     with nothing of it left behind; KEEP and DUP may be any key
#   - the audit row 'merge' holds the change and dup's whole record
#   - merge into itself, an unknown customer, the wrong number of
#     arguments: refused, nothing changed
#   - reassign: every customer of FROM goes to TO with their open
#     reminders (not the done ones); "N customers reassigned from A to B"
#     on stderr; one audit row 'reassign' per customer; other owners'
#     customers untouched

load helper

# Keep (1) and a duplicate (2) with something to move.
two_customers() {
	crm-add -n Keep -e keep@x.example --owner alice --created 2026-03-01 \
	    -t a -t shared -F k1=keep -F both=from-keep >/dev/null
	crm-add -n Dup -e dup@x.example -p '+1 555' -c DupCo -i steel \
	    --external-id D-1 --owner bob --created 2025-01-01 \
	    -t b -t shared -F k2=dup -F both=from-dup >/dev/null
	sql "INSERT INTO interactions (customer_id, at, kind, summary, created)
	    VALUES (2, '2026-01-01T00:00:00Z', 'call', 'dup call', '2026-01-01T00:00:00Z'),
	           (1, '2026-02-01T00:00:00Z', 'call', 'keep call', '2026-02-01T00:00:00Z');
	    INSERT INTO reminders (customer_id, due, note, owner, created)
	    VALUES (2, '2026-12-01T00:00:00Z', 'dup reminder', 'bob', '2026-01-01T00:00:00Z')"
}

@test "merge: keep's values win, dup fills the gaps, created is the earlier" {
	two_customers
	run --separate-stderr crm-add --merge 1 2
	status_is 0
	eq "$output" 1
	eq "$stderr" ""
	eq "$(sql 'SELECT id, external_id, name, company, email, phone, industry, owner, created, updated FROM customers')" \
	    '1|D-1|Keep|DupCo|keep@x.example|+1 555|steel|alice|2025-01-01T00:00:00Z|2026-11-23T10:00:00Z'
}

@test "merge: the earlier created is keep's when keep is older" {
	crm-add -n Keep --created 2024-05-05 >/dev/null
	crm-add -n Dup --created 2025-01-01 >/dev/null
	crm-add --merge 1 2 >/dev/null
	eq "$(sql 'SELECT created FROM customers')" 2024-05-05T00:00:00Z
}

@test "merge: keep without an e-mail takes dup's" {
	crm-add -n Keep >/dev/null
	crm-add -n Dup -e dup@x.example >/dev/null
	crm-add --merge 1 2 >/dev/null
	eq "$(sql 'SELECT id, name, email FROM customers')" '1|Keep|dup@x.example'
}

@test "merge: fields and tags are the union, keep's field value wins" {
	two_customers
	crm-add --merge 1 2 >/dev/null
	eq "$(sql "SELECT customer_id || ' ' || key || '=' || value FROM customer_fields ORDER BY key")" \
	    $'1 both=from-keep\n1 k1=keep\n1 k2=dup'
	eq "$(sql "SELECT customer_id || ' ' || tag FROM tags ORDER BY tag")" \
	    $'1 a\n1 b\n1 shared'
}

@test "merge: dup's interactions and reminders move to keep, and dup is gone" {
	two_customers
	crm-add --merge 1 2 >/dev/null
	eq "$(sql 'SELECT customer_id, summary FROM interactions ORDER BY id')" \
	    $'1|dup call\n1|keep call'
	eq "$(sql 'SELECT customer_id, note FROM reminders')" '1|dup reminder'
	eq "$(sql 'SELECT count(*) FROM customers WHERE id = 2')" 0
	eq "$(ncustomers)" 1
	eq "$(sql 'SELECT count(*) FROM customer_fields WHERE customer_id = 2')" 0
	eq "$(sql 'SELECT count(*) FROM tags WHERE customer_id = 2')" 0
}

@test "merge: the audit row holds the change and dup's whole record" {
	two_customers
	crm-add --merge 1 2 >/dev/null
	eq "$(sql "SELECT at, actor, customer_id FROM audit WHERE action = 'merge'")" \
	    '2026-11-23T10:00:00Z|tester|1'
	run python3 -c '
import json, sys
d = json.loads(sys.argv[1])
m = d["merged"]
print(m["id"], m["name"], m["email"], m["external_id"], m["phone"],
      m["company"], m["owner"], m["created"], m["field:k2"], m["field:both"])
print(d["phone"], d["created"])' \
	    "$(sql "SELECT detail FROM audit WHERE action = 'merge'")"
	status_is 0
	eq "$output" "2 Dup dup@x.example D-1 +1 555 DupCo bob 2025-01-01T00:00:00Z dup from-dup
['', '+1 555'] ['2026-03-01T00:00:00Z', '2025-01-01T00:00:00Z']"
}

@test "merge takes any key: e-mail and external_id" {
	crm-add -n Keep -e keep@x.example >/dev/null
	crm-add -n Dup --external-id D-1 -p 5 >/dev/null
	run --separate-stderr crm-add --merge KEEP@x.example D-1
	status_is 0
	eq "$output" 1
	eq "$(sql 'SELECT id, email, external_id, phone FROM customers')" '1|keep@x.example|D-1|5'
}

@test "merge into itself is refused, nothing changed" {
	crm-add -n Keep -e keep@x.example >/dev/null
	local before; before=$(dump)
	run --separate-stderr crm-add --merge 1 1
	fails 65 "crm-add: cannot merge customer 1 into itself"
	run --separate-stderr crm-add --merge keep@x.example 1
	fails 65 "crm-add: cannot merge customer 1 into itself"
	eq "$(dump)" "$before"
}

@test "merge with an unknown customer is refused, nothing changed" {
	crm-add -n Keep >/dev/null
	local before; before=$(dump)
	run --separate-stderr crm-add --merge 1 7
	fails 65 "crm-add: no customer '7'"
	run --separate-stderr crm-add --merge nobody@x.example 1
	fails 65 "crm-add: no customer 'nobody@x.example'"
	eq "$(dump)" "$before"
}

@test "merge takes exactly two customers and nothing else" {
	crm-add -n Keep >/dev/null
	crm-add -n Dup >/dev/null
	local before; before=$(dump)
	run --separate-stderr crm-add --merge 1
	fails_usage 64 "crm-add: --merge takes KEEP and DUPLICATE, and nothing else"
	run --separate-stderr crm-add --merge 1 2 3
	fails_usage 64 "crm-add: --merge takes KEEP and DUPLICATE, and nothing else"
	run --separate-stderr crm-add --merge -p 5 1 2
	fails_usage 64 "crm-add: --merge takes KEEP and DUPLICATE, and nothing else"
	eq "$(dump)" "$before"
}

# Three customers of alice, one of bob; reminders open and done.
owners() {
	crm-add -n A1 --owner alice >/dev/null
	crm-add -n A2 --owner alice >/dev/null
	crm-add -n B1 --owner bob >/dev/null
	crm-add -n A3 --owner alice >/dev/null
	sql "INSERT INTO reminders (customer_id, due, note, owner, done, created) VALUES
	    (1, '2026-12-01T00:00:00Z', 'open', 'alice', NULL, '2026-11-01T00:00:00Z'),
	    (2, '2026-10-01T00:00:00Z', 'done', 'alice', '2026-10-02T00:00:00Z', '2026-09-01T00:00:00Z'),
	    (3, '2026-12-01T00:00:00Z', 'bob''s', 'bob', NULL, '2026-11-01T00:00:00Z'),
	    (3, '2026-12-02T00:00:00Z', 'for bob''s customer', 'alice', NULL, '2026-11-01T00:00:00Z')"
}

@test "reassign moves the customers and their open reminders, not the done ones" {
	owners
	CRM_NOW=2026-11-24T00:00:00Z
	run --separate-stderr crm-add --reassign alice dana
	status_is 0
	eq "$output" ""
	eq "$stderr" "3 customers reassigned from alice to dana"
	eq "$(sql 'SELECT name, owner, updated FROM customers ORDER BY id')" \
	    $'A1|dana|2026-11-24T00:00:00Z\nA2|dana|2026-11-24T00:00:00Z\nB1|bob|2026-11-23T10:00:00Z\nA3|dana|2026-11-24T00:00:00Z'
	eq "$(sql 'SELECT note, owner FROM reminders ORDER BY id')" \
	    $'open|dana\ndone|alice\nbob\'s|bob\nfor bob\'s customer|dana'
}

@test "reassign leaves one audit row per customer" {
	owners
	crm-add --reassign alice dana 2>/dev/null
	eq "$(sql "SELECT actor, customer_id, detail FROM audit WHERE action = 'reassign' ORDER BY customer_id")" \
	    'tester|1|{"owner":["alice","dana"]}
tester|2|{"owner":["alice","dana"]}
tester|4|{"owner":["alice","dana"]}'
}

@test "reassign of one customer says 'customer'; from an owner of none, 65 and nothing changed" {
	owners
	run --separate-stderr crm-add --reassign bob erin
	status_is 0
	eq "$stderr" "1 customer reassigned from bob to erin"
	local before; before=$(dump)
	run --separate-stderr crm-add --reassign nobody erin
	fails 65 "crm-add: no customer is owned by 'nobody' (owners: crm-segment --by owner)"
	eq "$(dump)" "$before"
}

@test "reassign needs two owner names and nothing else" {
	owners
	local before; before=$(dump)
	run --separate-stderr crm-add --reassign alice
	fails_usage 64 "crm-add: --reassign takes FROM and TO, and nothing else"
	run --separate-stderr crm-add --reassign alice ''
	fails_usage 64 "crm-add: --reassign needs two owner names"
	run --separate-stderr crm-add --reassign -T gold alice dana
	fails_usage 64 "crm-add: --reassign takes FROM and TO, and nothing else"
	eq "$(dump)" "$before"
}

# h-id26 noticed: the duplicate's phone went into other phones by a
# string compare (+447700900555 beside +44 7700 900555), and its own
# other phones were lost when keep had some.
@test "merge: the duplicate's phone and other phones join keep's other phones, each number once however written, none keep's phone" {
	crm-add -n Keep -e k@x.example -p '+44 7700 900111' \
	    -F 'other phones=+44 7700 900555, +44 7700 900666' >/dev/null
	crm-add -n Dup -e d@x.example -p '+447700900555' \
	    -F 'other phones=+44 7700 900777, 07700 900111' >/dev/null
	run --separate-stderr crm-add --merge k@x.example d@x.example
	status_is 0
	eq "$(sql "SELECT phone FROM customers")" '+44 7700 900111'
	eq "$(sql "SELECT value FROM customer_fields WHERE key = 'other phones'")" \
	    '+44 7700 900555, +44 7700 900666, +44 7700 900777'
	# keep without a phone takes dup's, and dup's other phones with it
	crm-add -n Keep2 -e k2@x.example >/dev/null
	crm-add -n Dup2 -e d2@x.example -p '+44 20 7946 0001' \
	    -F 'other phones=+44 20 7946 0002, +442079460001' >/dev/null
	run --separate-stderr crm-add --merge k2@x.example d2@x.example
	status_is 0
	eq "$(sql "SELECT phone || ' / ' || value FROM customers JOIN customer_fields ON customer_id = id WHERE name = 'Keep2' AND key = 'other phones'")" \
	    '+44 20 7946 0001 / +44 20 7946 0002'
	run crm check
	status_is 0
}
