#!/usr/bin/env bats
# Test plan: the customers never contacted, kept at write time (schema
# 19, PostgreSQL 17: cust_never, share/crm/migrate-19.sql), through
# which the morning list (crm-remind) finds a cadence rule's never
# contacted customers.
#   - after each kind of write (add, crm-add --import, log, crm-log
#     --import into history and into a database with none, undo of a log
#     that was a customer's only interaction, undo of an add, erase,
#     merge either way) the set is the people with no interactions,
#     crm check is silent and 0, and the list of a day lists the never
#     contacted customer of a rule, or no longer does
#   - organisations are not in the set (a rule's filter takes people
#     only) and a rule lists none; a person made one leaves it, and back
#   - crm check finds the set wrong (a row missing, one with
#     interactions, an organisation): 65, naming the customer
#   - a database of schema 18 gets the set from its rows

bats_require_minimum_version 1.5.0

load helper

# Eight gold people, 1 to 4 alice's, 5 to 8 bob's, each called between
# 6 and 1 days ago; a rule for every gold customer each 14 days, and one
# for alice's each 30 (made in January: a never contacted customer is
# due since then).  Nothing is due; the list of a day goes through the
# indexes (most customers were called within the cadence).
morning() {
	local i
	for i in 1 2 3 4 5 6 7 8; do
		crm-add -n "P$i" -e "p$i@example.com" -T gold \
		    --owner "$([ "$i" -le 4 ] && echo alice || echo bob)" \
		    >/dev/null
	done
	for i in 1 2 3 4 5 6 7 8; do
		crm-log --at "2026-11-1$((i + 1))T09:00:00Z" "p$i@example.com" \
		    call >/dev/null
	done
	CRM_NOW=2026-01-01T00:00:00Z crm-remind rule add 'tier = gold' \
	    --every 14d Call >/dev/null
	CRM_NOW=2026-01-01T00:00:00Z crm-remind rule add 'owner = alice' \
	    --every 30d Visit >/dev/null
}

# The rule items of the list of a day, as "id owner", space-separated.
due_rules() {
	crm-remind -f id,owner | awk -F '\t' 'NR > 1 && $1 ~ /^rule:/ \
	    { print $1 " " $2 }' | paste -sd ' '
}

# The set is the people with no interactions, crm check is silent and
# 0, and the list of a day has exactly the due items of --all.
never_ok() {
	eq "$(sql "SELECT customer_id FROM cust_never ORDER BY 1")" \
	    "$(sql "SELECT id FROM customers c WHERE type = 'person' AND NOT
	    EXISTS (SELECT 1 FROM interactions i WHERE i.customer_id = c.id)
	    ORDER BY 1")"
	run --separate-stderr crm check
	status_is 0
	eq "$output" ""
	local due
	due=$(crm-remind --all -f id,due | awk -v now="$CRM_NOW" \
	    'NR > 1 && $2 <= now')
	eq "$(crm-remind -f id,due | tail -n +2)" "$due"
}

@test "add and log: a new customer is never contacted, listed by each rule that takes them, until a call" {
	morning
	eq "$(due_rules)" ""
	never_ok
	crm-add -n Nan -e nan@example.com -T gold --owner alice >/dev/null
	crm-add -n Ned -e ned@example.com -T silver --owner bob >/dev/null
	eq "$(sql "SELECT customer_id FROM cust_never ORDER BY 1")" $'9\n10'
	# Nan due since January for both rules; Ned is in neither
	eq "$(due_rules)" "rule:1:9 alice rule:2:9 alice"
	eq "$(crm-remind -f id --owner bob | tail -n +2)" ""
	never_ok
	crm-log nan@example.com call >/dev/null
	eq "$(sql "SELECT customer_id FROM cust_never ORDER BY 1")" 10
	eq "$(due_rules)" ""
	never_ok
}

@test "crm-add --import and crm-log --import into history: the new customers in, the logged ones out" {
	morning
	printf 'name,email,tier,owner\nQ1,q1@example.com,gold,bob\nQ2,q2@example.com,gold,alice\nP1,p1@example.com,gold,alice\n' >c.csv
	crm-add --import c.csv >/dev/null 2>&1
	eq "$(sql "SELECT customer_id FROM cust_never ORDER BY 1")" $'9\n10'
	eq "$(due_rules)" "rule:1:9 bob rule:1:10 alice rule:2:10 alice"
	never_ok
	printf 'email,at,kind\nq2@example.com,2026-11-20T10:00:00Z,call\np3@example.com,2026-11-21T10:00:00Z,call\n' >i.csv
	crm-log --import i.csv >/dev/null 2>&1
	eq "$(sql "SELECT customer_id FROM cust_never ORDER BY 1")" 9
	eq "$(due_rules)" "rule:1:9 bob"
	never_ok
}

@test "crm-log --import into a database with no interactions: the customers it logs leave the set" {
	local i
	for i in 1 2 3 4 5 6 7 8; do
		crm-add -n "P$i" -e "p$i@example.com" -T gold >/dev/null
	done
	eq "$(sql "SELECT count(*) FROM cust_never")" 8
	CRM_NOW=2026-01-01T00:00:00Z crm-remind rule add 'tier = gold' \
	    --every 14d Call >/dev/null
	{
		echo email,at,kind
		for i in 1 2 3 4 5 6 7; do
			echo "p$i@example.com,2026-11-20T10:00:00Z,call"
		done
	} >i.csv
	crm-log --import i.csv >/dev/null 2>&1
	eq "$(sql "SELECT customer_id FROM cust_never ORDER BY 1")" 8
	eq "$(due_rules)" "rule:1:8 "
	never_ok
}

@test "undo of a customer's only interaction puts them back; undo of their add takes them away" {
	only_on sqlite "crm undo is SQLite's own (its shadow tables)"
	morning
	crm-add -n Nan -e nan@example.com -T gold --owner alice >/dev/null
	crm-log nan@example.com call >/dev/null
	eq "$(due_rules)" ""
	crm undo >/dev/null 2>&1
	eq "$(sql "SELECT customer_id FROM cust_never ORDER BY 1")" 9
	eq "$(due_rules)" "rule:1:9 alice rule:2:9 alice"
	never_ok
	# the add undone: the customer is deleted, and their row with them
	crm undo >/dev/null 2>&1
	eq "$(sql "SELECT count(*) FROM customers WHERE id = 9")" 0
	eq "$(sql "SELECT count(*) FROM cust_never")" 0
	eq "$(due_rules)" ""
	never_ok
}

@test "erase: a never contacted customer leaves the set and the list; a contacted one leaves nothing behind" {
	morning
	crm-add -n Nan -e nan@example.com -T gold --owner alice >/dev/null
	eq "$(due_rules)" "rule:1:9 alice rule:2:9 alice"
	crm-add --erase nan@example.com --yes >/dev/null 2>&1
	eq "$(sql "SELECT count(*) FROM cust_never")" 0
	eq "$(due_rules)" ""
	never_ok
	crm-add --erase p1@example.com --yes >/dev/null 2>&1
	eq "$(sql "SELECT count(*) FROM cust_never")" 0
	never_ok
}

@test "merge: a never contacted customer kept takes the duplicate's contacts; a never contacted duplicate goes" {
	morning
	crm-add -n Nan -e nan@example.com -T gold --owner alice >/dev/null
	crm-add -n Ned -e ned@example.com -T gold --owner bob >/dev/null
	eq "$(due_rules)" "rule:1:9 alice rule:2:9 alice rule:1:10 bob"
	# Nan kept, P5 (called) merged into her: she has a contact now
	crm-add --merge nan@example.com p5@example.com >/dev/null 2>&1
	eq "$(sql "SELECT customer_id FROM cust_never ORDER BY 1")" 10
	eq "$(due_rules)" "rule:1:10 bob"
	never_ok
	# P6 kept, Ned (never contacted) merged into him: Ned goes
	crm-add --merge p6@example.com ned@example.com >/dev/null 2>&1
	eq "$(sql "SELECT count(*) FROM cust_never")" 0
	eq "$(due_rules)" ""
	never_ok
}

@test "organisations are not in the set, and a rule lists none, as before it" {
	morning
	crm-add --org -n 'Globex, Ltd.' -T gold >/dev/null
	crm-add -n Nan -e nan@example.com -T gold --owner alice >/dev/null
	eq "$(sql "SELECT customer_id FROM cust_never ORDER BY 1")" 10
	eq "$(due_rules)" "rule:1:10 alice rule:2:10 alice"
	never_ok
	# a person made an organisation leaves the set, and comes back
	sql "UPDATE customers SET type = 'org', org_key = 'nan' WHERE id = 10"
	eq "$(sql "SELECT count(*) FROM cust_never")" 0
	eq "$(due_rules)" ""
	never_ok
	sql "UPDATE customers SET type = 'person', org_key = NULL WHERE id = 10"
	eq "$(sql "SELECT customer_id FROM cust_never")" 10
	never_ok
}

@test "crm check: the set kept wrong, 65, naming each customer" {
	morning
	crm-add -n Nan -e nan@example.com -T gold >/dev/null
	crm-add --org -n Initech >/dev/null
	sql "DELETE FROM cust_never; INSERT INTO cust_never VALUES (2);
	    INSERT INTO cust_never VALUES (10)"
	run --separate-stderr crm check
	status_is 65
	eq "${lines[0]}" "aggregates: customer 2: cust_never keeps them, but there are interactions"
	eq "${lines[1]}" "aggregates: customer 9: never contacted, but not in cust_never"
	eq "${lines[2]}" "aggregates: customer 10: cust_never keeps an organisation"
	eq "${#lines[@]}" 3
	eq "$stderr" "crm: 3 problems in the database"
}

@test "a database of schema 18 gets the set from its rows" {
	only_on sqlite "SQLite's schema 18 migrated (user_version, its triggers)"
	morning
	crm-add -n Nan -e nan@example.com -T gold --owner alice >/dev/null
	crm-add --org -n Initech >/dev/null
	sql "DROP TABLE cust_never; DROP TRIGGER never_customers_ai;
	    DROP TRIGGER never_customers_au; DROP TRIGGER never_customers_ad;
	    PRAGMA user_version = 18"
	crm-segment --count >/dev/null
	eq "$(sql 'PRAGMA user_version')" "$SCHEMA"
	eq "$(sql "SELECT customer_id FROM cust_never ORDER BY 1")" 9
	eq "$(due_rules)" "rule:1:9 alice rule:2:9 alice"
	never_ok
}
