#!/usr/bin/env bats
# Test plan: crm undo.
#   - the undo schema: every data table has a shadow table with its
#     columns (a migration that adds a column must add it there too)
#   - each kind of change, undone, leaves the data tables exactly as
#     they were before it (a dump of them before the change and after
#     the undo are equal): crm-add add, update (fields, tags), --import
#     (new and updated rows), --merge, --reassign; crm-segment --tiers
#     --apply; crm-log one and --import (scores), --resolve; crm-remind
#     done; crm-deal add and move
#   - an undone change is in the audit trail ('undo'), and undone once;
#     the undo's rows name the customers the change touched (one row
#     each, so a customer's history shows it), or none
#   - a change a later one built on is refused, naming the later change,
#     and nothing changes; undone in order, both go
#   - a change that links rows it did not add to one it added (an import
#     making a person's organisation from the company column, or taking
#     existing people at an organisation row's domain) is undone; a row
#     a later change or an outside edit linked so still refuses it
#   - crm undo with nothing to undo; bad and unknown audit ids; a re-run
#     of each import that changed nothing keeps its audit row and is
#     passed over
#   - --list: what each change did and whether it can be undone
#   - edits made with the sqlite3 shell are not recorded
#   - an erase (as crm-add --erase will make it, through libcheck) takes
#     the customer out of the undo data and blocks the changes that
#     touched them; --forget-before; a migration adding a column

load helper

# The data tables (not the audit trail, not the undo data), as SQL.
data() {
	local t
	for t in $(sql "SELECT name FROM sqlite_schema WHERE type = 'table'
	    AND name NOT LIKE 'undo%' AND name NOT LIKE 'sqlite%'
	    AND name NOT LIKE 'fts%' AND name <> 'audit' ORDER BY name"); do
		sql ".dump $t"
	done
	# The search indexes (schema 6) are no part of undo: their
	# triggers keep them; what they hold of each customer and deal.
	sql "SELECT rowid, body FROM fts_customers ORDER BY rowid;
	    SELECT rowid, body FROM fts_deals ORDER BY rowid"
}

# A few customers with fields, tags, interactions, a reminder, a deal.
seed() {
	crm-add -n Ann -e ann@example.com -p 111 --owner alice -t vip -F color=red >/dev/null
	crm-add -n Bob -e bob@example.com -c Acme --owner alice >/dev/null
	crm-add -n Cy -e cy@example.com --owner bob >/dev/null
	crm-log ann@example.com purchase --amount 1000 --score quality=4 >/dev/null
	crm-log bob@example.com complaint late delivery >/dev/null
	crm-remind add ann@example.com --due 2026-11-20 --every 1m call back >/dev/null
	crm-deal add bob@example.com Big order --amount 5000 --owner alice >/dev/null
}

# undo_restores: the data before the change (in $before) and after the
# undo are one.
undone_is_before() {
	run --separate-stderr crm undo
	status_is 0
	has "$stderr" "undone"
	eq "$(data)" "$before"
}

@test "every data table has a shadow table with its columns" {
	only_on sqlite "crm undo is SQLite's own: its shadow tables and triggers are made from SQLite's schema"
	seed
	local t n=0
	# the aggregates (schemas 8 and 10) are kept by their triggers, not undo
	for t in $(sql "SELECT name FROM sqlite_schema WHERE type = 'table'
	    AND name NOT LIKE 'undo%' AND name NOT LIKE 'sqlite%'
	    AND name NOT LIKE 'fts%' AND name <> 'audit' AND name NOT IN
	    ('cust_totals', 'cust_periods', 'cust_sales', 'cust_split', 'cust_orders',
	    'cust_years', 'cust_never', 'agg_defer')"); do
		eq "$(sql "SELECT name FROM pragma_table_info('undo_$t') WHERE
		    name NOT LIKE 'undo\\_%' ESCAPE '\\' ORDER BY name")" \
		    "$(sql "SELECT name FROM pragma_table_info('$t') ORDER BY name")"
		n=$((n + 1))
	done
	# customers customer_fields tags interactions scores rules reminders
	# settings identities interaction_fields stages deals deal_history
	# deal_fields erased (schema 15, the erased list: crm-add --unerase
	# is undone as any change): 15
	eq "$n" 15
}

@test "undo of an add, an update with fields and tags, and a second update" {
	only_on sqlite "crm undo is SQLite's own: its shadow tables and triggers are made from SQLite's schema"
	seed
	before=$(data)
	crm-add -n Dee -e dee@example.com -t new -F src=fair >/dev/null
	undone_is_before
	crm-add -u ann@example.com -p 222 -t gold --untag vip -F color=blue -F size=L >/dev/null
	crm-add -u bob@example.com -n Robert --status lead >/dev/null
	crm undo 2>/dev/null
	undone_is_before
}

@test "undo of an import: added rows go, updated rows come back" {
	only_on sqlite "crm undo is SQLite's own: its shadow tables and triggers are made from SQLite's schema"
	seed
	before=$(data)
	printf 'name,email,phone,company,notes\nAnn,ann@example.com,999,Ann Co,likes tea\nEve,eve@example.com,555,Evil,new one\nFay,fay@example.com,,,\n' >in.csv
	crm-add --import in.csv 2>/dev/null
	eq "$(ncustomers)" 5
	undone_is_before
	eq "$(ncustomers)" 3
}

@test "undo of a merge brings the duplicate back with what moved" {
	only_on sqlite "crm undo is SQLite's own: its shadow tables and triggers are made from SQLite's schema"
	seed
	crm-log cy@example.com call hello >/dev/null
	crm-add -u cy@example.com -t vip -F color=green >/dev/null
	before=$(data)
	crm-add --merge ann@example.com cy@example.com 2>/dev/null
	eq "$(ncustomers)" 2
	undone_is_before
}

@test "undo of a reassign, of --tiers --apply, and of a deal moved" {
	only_on sqlite "crm undo is SQLite's own: its shadow tables and triggers are made from SQLite's schema"
	seed
	before=$(data)
	crm-add --reassign alice carol 2>/dev/null
	undone_is_before
	crm-segment --tiers 'gold=500,general=0' --apply >/dev/null 2>&1
	undone_is_before
	crm-deal move 1 proposal >/dev/null
	undone_is_before
	crm-deal add cy@example.com Small --amount 10 >/dev/null
	undone_is_before
}

@test "undo of crm-log, --import, --resolve and crm-remind done" {
	only_on sqlite "crm undo is SQLite's own: its shadow tables and triggers are made from SQLite's schema"
	seed
	before=$(data)
	crm-log cy@example.com purchase --amount 50 --score service=5 >/dev/null
	undone_is_before
	printf 'email,date,kind,amount\nann@example.com,2026-11-01,purchase,10\nbob@example.com,2026-11-02,purchase,20\n' >log.csv
	crm-log --import log.csv 2>/dev/null
	undone_is_before
	# customers and their interactions added in one change
	printf 'email,date,kind,amount\nnew@example.com,2026-11-01,purchase,10\nann@example.com,2026-11-02,call,\n' >log2.csv
	crm-log --import --add-customers log2.csv 2>/dev/null
	eq "$(ncustomers)" 4
	undone_is_before
	crm-log --resolve 2 sorted >/dev/null
	undone_is_before
	crm-remind done 1 >/dev/null
	undone_is_before
}

@test "the undo's audit rows name the customers the change touched" {
	only_on sqlite "crm undo is SQLite's own: its shadow tables and triggers are made from SQLite's schema"
	seed
	# an update of one customer: its undo names that customer
	crm-add -u ann@example.com -T gold >/dev/null
	change=$(sql "SELECT max(id) FROM audit")
	crm undo 2>/dev/null
	eq "$(sql "SELECT customer_id, detail FROM audit WHERE action = 'undo'")" \
	    "1|{\"change\":$change}"
	# a reassign of Ann and Bob: one undo row each, the first is undone_by
	crm-add --reassign alice carol 2>/dev/null
	change=$(sql "SELECT min(id) FROM audit WHERE action = 'reassign'")
	crm undo 2>/dev/null
	eq "$(sql "SELECT customer_id, detail FROM audit WHERE action = 'undo' AND id > $change ORDER BY id" | paste -sd ' ' -)" \
	    "1|{\"change\":$change} 2|{\"change\":$change}"
	run --separate-stderr crm undo "$change"
	fails 65 "crm: change $change (reassign, 2026-11-23T10:00:00Z, by tester) was undone already (audit row $(sql "SELECT min(id) FROM audit WHERE action = 'undo' AND id > $change"))"
	# the customer's history in the trail shows the undo
	has "$(crm-report customer ann@example.com --all 2>/dev/null)" '"action":"undo","customer_id":1,'
	# a change about no customer (the pipeline): one row naming none
	crm-deal stages 'new:5,won:100,lost:0' >/dev/null
	change=$(sql "SELECT max(id) FROM audit")
	crm undo 2>/dev/null
	eq "$(sql "SELECT coalesce(customer_id, 'none') FROM audit WHERE action = 'undo' AND detail = '{\"change\":$change}'")" none
}

@test "a change a later one built on is refused, naming it; in order both go" {
	only_on sqlite "crm undo is SQLite's own: its shadow tables and triggers are made from SQLite's schema"
	seed
	before=$(data)
	# the import makes Eve's organisation (customer 4, audited 'add')
	# and Eve (5), then its own audit row: the change is known by its
	# first audit row, and by any other it wrote
	printf 'name,email,company name\nEve,eve@corp.example,Evil Corp\n' >in.csv
	first=$(($(sql "SELECT max(id) FROM audit") + 1))
	crm-add --import in.csv 2>/dev/null
	last=$(sql "SELECT max(id) FROM audit")
	eq "$(sql "SELECT action FROM audit WHERE id >= $first ORDER BY id" | paste -sd ' ' -)" "add import"
	crm-log eve@corp.example call hi >/dev/null
	log=$(sql "SELECT max(id) FROM audit")
	all=$(dump)
	run --separate-stderr crm undo "$last"
	fails 65 "crm: cannot undo change $first (import, 2026-11-23T10:00:00Z, by tester): change $log (log, 2026-11-23T10:00:00Z, by tester) later added interaction 3 for customer 5; undo it first"
	eq "$(dump)" "$all"
	run --separate-stderr crm undo "$log"
	status_is 0
	eq "$stderr" "crm: change $log undone"
	run --separate-stderr crm undo "$first"
	status_is 0
	eq "$(data)" "$before"
	# the trail says so
	eq "$(sql "SELECT action, detail FROM audit WHERE action = 'undo' ORDER BY id" | paste -sd ' ' -)" \
	    "undo|{\"change\":$log} undo|{\"change\":$first}"
}

@test "an update of a customer a later change updated again is refused" {
	only_on sqlite "crm undo is SQLite's own: its shadow tables and triggers are made from SQLite's schema"
	seed
	crm-add -u ann@example.com -p 222 >/dev/null 2>&1
	first=$(sql "SELECT max(id) FROM audit")
	crm-add -u ann@example.com -p 333 >/dev/null 2>&1
	second=$(sql "SELECT max(id) FROM audit")
	run --separate-stderr crm undo "$first"
	# each kept the phone it replaced in other phones (qa24): that
	# field's row is the first the later change touched
	fails 65 "crm: cannot undo change $first (update, 2026-11-23T10:00:00Z, by tester): change $second (update, 2026-11-23T10:00:00Z, by tester) later changed a row of customer_fields of customer 1; undo it first"
}

@test "nothing to undo, undone twice, bad and unknown ids" {
	only_on sqlite "crm undo is SQLite's own: its shadow tables and triggers are made from SQLite's schema"
	crm-add -n Ann >/dev/null
	crm undo 2>/dev/null
	run --separate-stderr crm undo
	fails 65 "crm: nothing to undo"
	run --separate-stderr crm undo 1
	fails 65 "crm: change 1 (add, 2026-11-23T10:00:00Z, by tester) was undone already (audit row 2)"
	run --separate-stderr crm undo 99
	fails 65 "crm: there is no audit row 99"
	run --separate-stderr crm undo 2
	fails 65 "crm: audit row 2 is no change that can be undone (an export, an undo, or a change made before undo was kept)"
	run --separate-stderr crm undo x1
	fails 64 "crm: 'x1' is not an audit id"
}

@test "--list: each change, the customers and rows it touched, and whether it can be undone" {
	only_on sqlite "crm undo is SQLite's own: its shadow tables and triggers are made from SQLite's schema"
	seed
	crm-add -u ann@example.com -p 222 >/dev/null
	crm undo 2>/dev/null
	crm-add -u cy@example.com -p 333 >/dev/null
	run --separate-stderr crm undo --list
	status_is 0
	# customers: those a change added, changed or deleted, or its audit
	# rows name; rows: those it added, changed or deleted.  10: Cy's
	# phone (Cy; his row); 9 the undo of 8; 8 Ann's phone, undone (its
	# audit row names Ann; its undo data is gone); 7 the deal for Bob (a
	# deal and its first history row); 6 the reminder for Ann; 5 Bob's
	# complaint; 4 Ann's purchase (its score goes with it: not
	# counted); 3, 2, 1 added Cy, Bob and Ann (their fields and tags go
	# with them), each with the latest later change that built on it:
	# 10 changed Cy, 7 is Bob's deal (5 his complaint), 6 Ann's reminder
	# (4 her purchase; 8 is undone and does not count)
	eq "$output" "change	at	actor	action	customers	rows	undo
10	2026-11-23T10:00:00Z	tester	update	1	1	undoable
8	2026-11-23T10:00:00Z	tester	update	1	0	undone by 9
7	2026-11-23T10:00:00Z	tester	deal add	1	2	undoable
6	2026-11-23T10:00:00Z	tester	remind	1	1	undoable
5	2026-11-23T10:00:00Z	tester	log	1	1	undoable
4	2026-11-23T10:00:00Z	tester	log	1	1	undoable
3	2026-11-23T10:00:00Z	tester	add	1	1	depends: later change 10
2	2026-11-23T10:00:00Z	tester	add	1	1	depends: later change 7
1	2026-11-23T10:00:00Z	tester	add	1	1	depends: later change 6"
}

@test "edits made with the sqlite3 shell are not recorded" {
	only_on sqlite "crm undo is SQLite's own: its shadow tables and triggers are made from SQLite's schema"
	crm-add -n Ann >/dev/null
	sql "UPDATE customers SET phone = '1'; INSERT INTO tags VALUES (1, 'x')"
	eq "$(sql 'SELECT count(*) FROM undo_customers') $(sql 'SELECT count(*) FROM undo_tags')" "0 0"
	eq "$(sql 'SELECT count(*) FROM undo_changes')" 1
}

@test "a rowid a change freed and a later change took again: refused, naming it" {
	only_on sqlite "crm undo is SQLite's own: its shadow tables and triggers are made from SQLite's schema"
	seed
	# Bob's reminder (2) is the last one: removed, its id is free, and
	# the next reminder added takes it (customers' ids are never given
	# again, schema 17: t/172-ids.bats)
	crm-remind add bob@example.com --due 2026-11-25 chase >/dev/null
	crm-remind rm 2 >/dev/null 2>&1
	rm=$(sql "SELECT max(id) FROM audit")
	crm-remind add cy@example.com --due 2026-11-26 hello >/dev/null
	add=$(sql "SELECT max(id) FROM audit")
	eq "$(sql "SELECT id FROM reminders WHERE note = 'hello'")" 2
	run --separate-stderr crm undo "$rm"
	fails 65 "crm: cannot undo change $rm (remind-rm, 2026-11-23T10:00:00Z, by tester): change $add (remind, 2026-11-23T10:00:00Z, by tester) later took the id of reminder 2 again; undo it first"
	crm undo 2>/dev/null
	crm undo 2>/dev/null
	eq "$(sql "SELECT id, note FROM reminders ORDER BY id" | paste -sd ' ' -)" "1|call back 2|chase"
}

@test "an erase forgets the customer's undo data; changes that touched them are not undoable" {
	only_on sqlite "crm undo is SQLite's own: its shadow tables and triggers are made from SQLite's schema"
	seed
	crm-add -u cy@example.com -p 999 -F secret=x >/dev/null
	touched=$(sql "SELECT max(id) FROM audit")
	crm-add -u bob@example.com -p 888 >/dev/null
	other=$(sql "SELECT max(id) FROM audit")
	eq "$(sql "SELECT count(*) FROM undo_customers WHERE undo_rid = 3")" 1
	"$BATS_TEST_DIRNAME/lib/libcheck" undo-erase "$CRM_DB" 3 >/dev/null
	erase=$(sql "SELECT max(id) FROM audit")
	# nothing of Cy is left in the undo data: not his row, not his
	# field's old value, not the images the erase itself deleted
	eq "$(sql "SELECT count(*) FROM undo_customers WHERE undo_rid = 3 OR id = 3")" 0
	eq "$(sql "SELECT count(*) FROM undo_customer_fields WHERE customer_id = 3")" 0
	run --separate-stderr crm undo
	fails 65 "crm: change $erase (erase, 2026-11-23T10:00:00Z, by tester) cannot be undone: an erase is not undoable"
	run --separate-stderr crm undo "$touched"
	fails 65 "crm: change $touched (update, 2026-11-23T10:00:00Z, by tester) cannot be undone: it touches a customer erased by change $erase (erase, 2026-11-23T10:00:00Z, by tester)"
	run --separate-stderr crm undo --list
	has "$output" "$erase	2026-11-23T10:00:00Z	tester	erase	1	0	not undoable: erase"
	# its undo data is gone: no row is kept (its audit row names Cy)
	has "$output" "$touched	2026-11-23T10:00:00Z	tester	update	1	0	not undoable: touches a customer erased by change $erase"
	has "$output" "3	2026-11-23T10:00:00Z	tester	add	1	1	not undoable: touches a customer erased by change $erase"
	has "$output" "$other	2026-11-23T10:00:00Z	tester	update	1	1	undoable"
	run --separate-stderr crm undo "$other"
	status_is 0
}

@test "--forget-before drops older changes' undo data; the audit trail stays" {
	only_on sqlite "crm undo is SQLite's own: its shadow tables and triggers are made from SQLite's schema"
	seed
	CRM_NOW=2026-12-01T00:00:00Z crm-add -u ann@example.com -p 222 >/dev/null
	run --separate-stderr crm undo --forget-before 2026-11-30
	status_is 0
	# the seven changes of seed(), made at 2026-11-23
	eq "$stderr" "crm: the undo data of 7 changes forgotten"
	eq "$(crm undo --list | cut -f1,4,7 | paste -sd ' ' -)" "change	action	undo 8	update	undoable"
	# The forgetting is itself in the trail (qa44 6): when, how many.
	eq "$(sql 'SELECT count(*) FROM audit')" 9
	eq "$(sql 'SELECT actor, action, customer_id IS NULL, detail FROM audit ORDER BY id DESC LIMIT 1')" \
	    'tester|forget undo|1|{"before":"2026-11-30T00:00:00Z","changes":7}'
	run --separate-stderr crm undo 1
	fails 65 "crm: audit row 1 is no change that can be undone (an export, an undo, or a change made before undo was kept)"
}

@test "--forget-before with nothing older writes no audit row and says so" {
	only_on sqlite "crm undo is SQLite's own: its shadow tables and triggers are made from SQLite's schema"
	seed
	before=$(sql 'SELECT count(*) FROM audit')
	undoable=$(crm undo --list | grep -c 'undoable$')
	# A monthly cron: nothing before that date kept undo data.
	run --separate-stderr crm undo --forget-before 2026-01-01
	status_is 0
	eq "$stderr" "crm: nothing to forget: no change before 2026-01-01T00:00:00Z has undo data"
	eq "$(sql 'SELECT count(*) FROM audit')" "$before"
	eq "$(sql "SELECT count(*) FROM audit WHERE action = 'forget undo'")" 0
	# The changes are still undoable.
	eq "$(crm undo --list | grep -c 'undoable$')" "$undoable"
}

@test "undo of the other commands: organisations, deals won and lost, reminders, rules, settings, stages" {
	only_on sqlite "crm undo is SQLite's own: its shadow tables and triggers are made from SQLite's schema"
	seed
	before=$(data)
	local c
	for c in "crm-add --org -n Acme --domain acme.com" \
	    "crm-add -n Gus -e gus@acme.com -c Acme" \
	    "crm-deal won 1" "crm-deal lost 1 --reason price" \
	    "crm-deal update 1 --amount 7000 --title Bigger" \
	    "crm-remind snooze 1 3d" "crm-remind rm 1" \
	    "crm-remind rule add tier=gold --every 30d check in" \
	    "crm-remind sla 2d" "crm-deal stages lead:5,offer:40,won:100,lost:0"; do
		$c >/dev/null 2>&1 || { echo "failed: $c" >&2; return 1; }
		[ "$(data)" != "$before" ] || { echo "no change: $c" >&2; return 1; }
		run --separate-stderr crm undo
		status_is 0
		eq "$(data)" "$before" || { echo "after: $c" >&2; return 1; }
	done
}

@test "undo of a deal import, first and then a newer export that moves a deal on" {
	only_on sqlite "crm undo is SQLite's own: its shadow tables and triggers are made from SQLite's schema"
	R="$BATS_TEST_DIRNAME/data/real"
	seed
	before=$(data)
	crm-deal --import --source hubspot --rejects rej.csv "$R/hubspot-deals.csv" 2>/dev/null
	middle=$(data)
	sed 's/"Contract Sent","2025-07-31 00:00"/"Closed Won","2025-07-20 00:00"/' \
	    "$R/hubspot-deals.csv" >newer.csv
	crm-deal --import --source hubspot --rejects rej.csv newer.csv 2>/dev/null
	[ "$(data)" != "$middle" ]
	crm undo 2>/dev/null
	eq "$(data)" "$middle"
	undone_is_before
}

@test "crm undo's command line: extra operands and unknown options are usage errors" {
	only_on sqlite "crm undo is SQLite's own: its shadow tables and triggers are made from SQLite's schema"
	crm-add -n Ann >/dev/null
	run --separate-stderr crm undo 1 2
	status_is 64
	has "$stderr" "usage: crm command"
	run --separate-stderr crm undo --list 1
	status_is 64
	run --separate-stderr crm undo --bogus
	status_is 64
	run --separate-stderr crm help undo
	status_is 0
	has "$output" "crm [-d db] undo [--list | --forget-before date | audit-id]"
	eq "$(sql 'SELECT count(*) FROM audit')" 1
	# -d names the database, as for the other commands
	mv "$CRM_DB" other.db
	run --separate-stderr crm -d other.db undo
	status_is 0
	eq "$stderr" "crm: change 1 undone"
	eq "$(sqlite3 other.db 'SELECT count(*) FROM customers')" 0
}

@test "an erase that does not forget is still kept nothing of and not undoable" {
	only_on sqlite "crm undo is SQLite's own: its shadow tables and triggers are made from SQLite's schema"
	seed
	"$BATS_TEST_DIRNAME/lib/libcheck" undo-erase "$CRM_DB" 3 noforget >/dev/null
	erase=$(sql "SELECT max(id) FROM audit")
	# what the erase deleted (Cy's row) is not kept
	eq "$(sql "SELECT count(*) FROM undo_customers")" 0
	run --separate-stderr crm undo
	fails 65 "crm: change $erase (erase, 2026-11-23T10:00:00Z, by tester) cannot be undone: an erase is not undoable"
}

@test "a migration that adds a column: the shadow table gets it, and undo restores it" {
	only_on sqlite "crm undo is SQLite's own: its shadow tables and triggers are made from SQLite's schema"
	seed
	# what a later migration would do, then crm migrating again: the
	# version put back to 6 makes it run migration 7 again, whose
	# columns go first (and undo's triggers, which name them; every
	# migration remakes those); migrations after 7 create only what is
	# not there yet, so they run again as they are
	sql "SELECT 'DROP TRIGGER \"' || name || '\";' FROM sqlite_schema
	    WHERE type = 'trigger' AND name LIKE 'undo%'" | sql
	sql "ALTER TABLE interactions DROP COLUMN due;
	    ALTER TABLE customers DROP COLUMN credit_limit;
	    ALTER TABLE customers DROP COLUMN terms;
	    ALTER TABLE customers ADD COLUMN nickname TEXT; PRAGMA user_version = 6"
	crm-add -u ann@example.com -p 222 >/dev/null
	eq "$(sql "SELECT name FROM pragma_table_info('undo_customers') WHERE name = 'nickname'")" nickname
	sql "UPDATE customers SET nickname = 'Annie' WHERE id = 1"
	before=$(data)
	crm-add -u ann@example.com -p 333 >/dev/null
	# the old image has the new column's value
	eq "$(sql "SELECT nickname FROM undo_customers ORDER BY undo_seq DESC LIMIT 1")" Annie
	undone_is_before
}

@test "rows of an erased customer whose ids were taken again: their changes are refused, the new rows stay" {
	only_on sqlite "crm undo is SQLite's own: its shadow tables and triggers are made from SQLite's schema"
	crm-add -n Bob -e b@x.example >/dev/null
	crm-add -n Alice -e a@x.example >/dev/null
	crm-log a@x.example call "call to alice" >/dev/null
	crm-remind add a@x.example --due 2026-12-20 "remind alice" >/dev/null
	crm-add --erase a@x.example --yes 2>/dev/null
	# Bob's call and reminder get the ids Alice's had (1 and 1).
	crm-log b@x.example call keep >/dev/null
	crm-remind add b@x.example --due 2026-12-21 keep >/dev/null
	eq "$(sql 'SELECT id, customer_id FROM interactions; SELECT id, customer_id FROM reminders')" $'1|1\n1|1'
	run --separate-stderr crm undo 3
	status_is 65
	has "$stderr" "touches a customer erased by change"
	run --separate-stderr crm undo 4
	status_is 65
	eq "$(sql 'SELECT count(*) FROM interactions; SELECT count(*) FROM reminders')" $'1\n1'
	run crm undo --list
	has "$output" $'3\t'
	has "$output" "not undoable: touches a customer erased by change"
}

@test "a change whose added rows another change deleted and a third took the ids of is refused, naming the third" {
	only_on sqlite "crm undo is SQLite's own: its shadow tables and triggers are made from SQLite's schema"
	# (a customer's id is never taken again, schema 17: a reminder's is)
	crm-add -n Bob -e b@x.example >/dev/null
	crm-remind add b@x.example --due 2026-12-20 one >/dev/null
	crm-remind add b@x.example --due 2026-12-21 two >/dev/null	# change 3 adds reminder 2
	crm-remind rm 2 >/dev/null 2>&1		# deletes it
	crm-remind add b@x.example --due 2026-12-22 three >/dev/null	# takes id 2 again
	eq "$(sql "SELECT id FROM reminders WHERE note = 'three'")" 2
	run --separate-stderr crm undo 3
	status_is 65
	has "$stderr" "later took the id of reminder 2 again"
	eq "$(sql 'SELECT count(*) FROM reminders')" 2
}

@test "an import that changed nothing is no change: a bare crm undo takes back the last real one" {
	only_on sqlite "crm undo is SQLite's own: its shadow tables and triggers are made from SQLite's schema"
	printf 'name,email\nAnn,ann@example.com\n' >a.csv
	crm-add --import a.csv 2>/dev/null
	crm-add -u ann@example.com -T gold >/dev/null
	crm-add --import a.csv 2>/dev/null	# all unchanged
	eq "$(sql 'SELECT count(*) FROM undo_changes WHERE undone_by IS NULL')" 2
	# its audit row is no other change's (qa34 F1: "crm undo 3" undid
	# change 2, the tier, made in the same second)
	run --separate-stderr crm undo 3
	fails 65 "crm: change 3 (import, $(sql 'SELECT at FROM audit WHERE id = 3'), by $(sql 'SELECT actor FROM audit WHERE id = 3')) changed nothing: nothing to undo"
	eq "$(sql "SELECT tier FROM customers")" gold
	eq "$(crm undo --list | cut -f1 | paste -sd ' ')" "change 2 1"
	run --separate-stderr crm undo
	status_is 0
	eq "$(sql "SELECT coalesce(tier, '-') FROM customers")" -
}

# qa34 F2 (a): a re-run of an import that finds everything there keeps
# its audit row (who ran which file, with its counts: "did last night's
# import run?"), but it is no change: --list and a bare undo pass over it.
@test "a re-run of each import that changes nothing keeps its audit row, and no undo offers it" {
	only_on sqlite "crm undo is SQLite's own: its shadow tables and triggers are made from SQLite's schema"
	R="$BATS_TEST_DIRNAME/data/real"
	printf 'name,email\nAnn,ann@example.com\n' >a.csv
	printf 'email,kind,at,summary\nann@example.com,call,2026-11-02T09:00:00Z,renewal\n' >l.csv
	printf 'Email,Subject,Due Date,Status\nann@example.com,Call,2026-12-10,Open\n' >r.csv
	local c
	for c in "crm-add --import a.csv" "crm-log --import l.csv" \
	    "crm-remind import r.csv" \
	    "crm-deal --import --source hubspot --rejects rej.csv $R/hubspot-deals.csv"; do
		$c 2>/dev/null || { echo "failed: $c" >&2; return 1; }
	done
	real=$(crm undo --list)
	eq "$(cut -f4 <<<"$real" | paste -sd ' ')" "action deal-import remind-import log-import import"
	before=$(data)
	for c in "crm-add --import a.csv" "crm-log --import l.csv" \
	    "crm-remind import r.csv" \
	    "crm-deal --import --source hubspot --rejects rej.csv $R/hubspot-deals.csv"; do
		$c 2>/dev/null || { echo "failed again: $c" >&2; return 1; }
	done
	eq "$(data)" "$before"
	# each run's row, its counts saying it found everything there
	eq "$(sql "SELECT action || ' ' || detail FROM audit WHERE customer_id IS NULL ORDER BY id DESC LIMIT 4")" \
	    "deal-import {\"file\":\"$R/hubspot-deals.csv\",\"added\":0,\"updated\":0,\"unchanged\":4,\"rejected\":1}
remind-import {\"file\":\"r.csv\",\"reminders\":0,\"already\":1,\"done\":0,\"held\":0,\"updated\":0,\"closed\":0,\"rejected\":0}
log-import {\"file\":\"l.csv\",\"logged\":0}
import {\"file\":\"a.csv\",\"added\":0,\"updated\":0,\"unchanged\":1,\"rejected\":0}"
	# none of them is a change to undo
	eq "$(crm undo --list)" "$real"
	local id
	for id in $(sql "SELECT id FROM audit WHERE customer_id IS NULL ORDER BY id DESC LIMIT 4"); do
		run --separate-stderr crm undo "$id"
		status_is 65
		has "$stderr" "changed nothing: nothing to undo"
	done
	eq "$(data)" "$before"
	run --separate-stderr crm undo
	status_is 0
	eq "$(sql 'SELECT count(*) FROM deals')" 0
	eq "$(sql 'SELECT count(*) FROM reminders')" 1
}

# Defect 6 (QA, 2026-12-03): an import that updates an existing customer
# and makes their organisation from the Company column was refused ("an
# edit outside crm?"): the check for rows that refer to a row the change
# added did not see that the change itself made that reference.
@test "undo of an import that updates a customer and makes their organisation" {
	only_on sqlite "crm undo is SQLite's own: its shadow tables and triggers are made from SQLite's schema"
	crm-add -n 'Q One' -e q1@x.com >/dev/null
	before=$(data)
	printf 'Name,Email,Company\nQ One,q1@x.com,Wombat Ltd\n' >re2.csv
	crm-add --import re2.csv 2>/dev/null
	# Q One (1) is a contact of Wombat Ltd (2), which the import made
	eq "$(sql "SELECT c.id, o.id, o.type, o.name FROM customers c JOIN
	    customers o ON o.id = c.org_id")" "1|2|org|Wombat Ltd"
	undone_is_before
	eq "$(ncustomers)" 1
	# among others, and with an interaction after the first change
	seed
	before=$(data)
	printf 'Name,Email,Company\nCy,cy@example.com,Wombat Ltd\nAnn,ann@example.com,Wombat Ltd\n' >in.csv
	crm-add --import in.csv 2>/dev/null
	eq "$(sql "SELECT c.name, o.name FROM customers c JOIN customers o ON
	    o.id = c.org_id ORDER BY c.id" | paste -sd ' ' -)" \
	    "Ann|Wombat Ltd Cy|Wombat Ltd"
	undone_is_before
}

@test "undo of an import that links an existing customer to an existing organisation" {
	only_on sqlite "crm undo is SQLite's own: its shadow tables and triggers are made from SQLite's schema"
	seed
	crm-add --org -n 'Wombat Ltd' >/dev/null
	before=$(data)
	# "Wombat" is Wombat Ltd's name as it is matched (no legal form)
	printf 'Name,Email,Company\nCy,cy@example.com,Wombat\n' >in.csv
	crm-add --import in.csv 2>/dev/null
	eq "$(sql "SELECT org_id FROM customers WHERE name = 'Cy'")" 4
	eq "$(ncustomers)" 4
	undone_is_before
}

@test "undo of an import that adds a person and their new organisation" {
	only_on sqlite "crm undo is SQLite's own: its shadow tables and triggers are made from SQLite's schema"
	seed
	before=$(data)
	printf 'Name,Email,Company\nDee,dee@wombat.example,Wombat Ltd\n' >in.csv
	crm-add --import in.csv 2>/dev/null
	# the organisation (4) first, then Dee (5), its contact
	eq "$(sql "SELECT id, type, coalesce(org_id, '-') FROM customers WHERE id > 3" | paste -sd ' ' -)" \
	    "4|org|- 5|person|4"
	undone_is_before
}

@test "a later import that links a customer to an organisation an earlier one made: the earlier is refused, naming it" {
	only_on sqlite "crm undo is SQLite's own: its shadow tables and triggers are made from SQLite's schema"
	seed
	before=$(data)
	printf 'Name,Email,Company\nDee,dee@wombat.example,Wombat Ltd\n' >in.csv
	crm-add --import in.csv 2>/dev/null
	first=$(sql "SELECT min(id) FROM audit WHERE action = 'add' AND
	    detail LIKE '%Wombat%'")
	middle=$(data)
	printf 'Name,Email,Company\nCy,cy@example.com,Wombat Ltd\n' >in2.csv
	second=$(($(sql "SELECT max(id) FROM audit") + 1))
	crm-add --import in2.csv 2>/dev/null
	eq "$(sql "SELECT org_id FROM customers WHERE name = 'Cy'")" 4
	all=$(dump)
	run --separate-stderr crm undo "$first"
	fails 65 "crm: cannot undo change $first (import, 2026-11-23T10:00:00Z, by tester): change $second (import, 2026-11-23T10:00:00Z, by tester) later changed customer 3 to refer to customer 4; undo it first"
	eq "$(dump)" "$all"
	crm undo 2>/dev/null
	eq "$(data)" "$middle"
	undone_is_before
}

@test "undo of crm-add -u with a company, and with --contact-of an organisation" {
	only_on sqlite "crm undo is SQLite's own: its shadow tables and triggers are made from SQLite's schema"
	seed
	crm-add --org -n 'Wombat Ltd' >/dev/null
	before=$(data)
	# a company on the command line is text: no organisation is made
	crm-add -u cy@example.com -c 'Globex Ltd' >/dev/null
	eq "$(sql "SELECT company, coalesce(org_id, '-') FROM customers WHERE name = 'Cy'")" "Globex Ltd|-"
	eq "$(ncustomers)" 4
	undone_is_before
	crm-add -u cy@example.com --contact-of 'Wombat Ltd' --role buyer >/dev/null
	eq "$(sql "SELECT org_id, role FROM customers WHERE name = 'Cy'")" "4|buyer"
	undone_is_before
}

# orgs_of NAME...: each customer named and their organisation's name.
orgs_of() {
	local n in=""
	for n; do
		in="$in${in:+, }'$n'"
	done
	sql "SELECT c.name, coalesce(o.name, '-') FROM customers c LEFT JOIN
	    customers o ON o.id = c.org_id WHERE c.name IN ($in) ORDER BY c.id" |
	    paste -sd ' ' -
}

@test "undo of an import whose organisation row takes existing people at its domain, and whose new organisation an existing person and a new one share" {
	only_on sqlite "crm undo is SQLite's own: its shadow tables and triggers are made from SQLite's schema"
	seed
	crm-add -n Gus -e gus@wombat.example >/dev/null
	before=$(data)
	# the organisation (5) is the file's first row; Gus (4), at its
	# domain and of no organisation, becomes its contact
	printf 'type,name,email,domain\norg,Wombat Ltd,,wombat.example\nperson,Gus,gus@wombat.example,\n' >org.csv
	crm-add --import org.csv 2>/dev/null
	eq "$(sql "SELECT id, type, coalesce(org_id, '-') FROM customers WHERE id > 3" | paste -sd ' ' -)" \
	    "4|person|5 5|org|-"
	undone_is_before
	# Cy (3) is there, Dee is new: the organisation the first row makes
	# (5), the second row finds; then the other way round
	# (the ids an undone change gave are not given again: schema 17)
	printf 'Name,Email,Company\nDee,dee@x.example,Wombat Ltd\nCy,cy@example.com,Wombat Ltd\n' >mix.csv
	crm-add --import mix.csv 2>/dev/null
	eq "$(orgs_of Cy 'Wombat Ltd' Dee)" "Cy|Wombat Ltd Wombat Ltd|- Dee|Wombat Ltd"
	undone_is_before
	printf 'Name,Email,Company\nCy,cy@example.com,Wombat Ltd\nDee,dee@x.example,Wombat Ltd\n' >mix.csv
	crm-add --import mix.csv 2>/dev/null
	eq "$(orgs_of Cy 'Wombat Ltd' Dee)" "Cy|Wombat Ltd Wombat Ltd|- Dee|Wombat Ltd"
	undone_is_before
}

@test "a row an edit outside crm made refer to a row a change added: refused, nothing changed" {
	only_on sqlite "crm undo is SQLite's own: its shadow tables and triggers are made from SQLite's schema"
	seed
	# the import links Cy (3) to Wombat Ltd (4), which it made: that it
	# may undo; Ann (1) linked with the sqlite3 shell it may not
	printf 'Name,Email,Company\nCy,cy@example.com,Wombat Ltd\n' >in.csv
	change=$(($(sql "SELECT max(id) FROM audit") + 1))
	crm-add --import in.csv 2>/dev/null
	sql "UPDATE customers SET org_id = 4 WHERE id = 1"
	all=$(dump)
	run --separate-stderr crm undo
	fails 65 "crm: cannot undo change $change (import, 2026-11-23T10:00:00Z, by tester): customer 1, which refers to customer 4 it added, and no later change made that row (an edit outside crm?)"
	eq "$(dump)" "$all"
	eq "$(crm undo --list | sed -n 2p | cut -f1,7)" "$change	depends: an edit outside crm"
}

# QA qa8: a script's field list named an extra field an undone import
# brought; after the undo no customer has it, and the list still runs.
@test "crm-segment -f with an extra field an undone import brought: an empty column, said" {
	only_on sqlite "crm undo is SQLite's own: its shadow tables and triggers are made from SQLite's schema"
	crm-add -n Ann -e ann@x.example >/dev/null
	printf 'Name,Email,City\nBo,bo@x.example,Paris\n' >c.csv
	crm-add --import c.csv 2>/dev/null
	crm undo >/dev/null 2>&1
	run --separate-stderr crm-segment -f name,City -o csv
	status_is 0
	eq "$output" $'name,City\nAnn,'
	eq "$stderr" "crm-segment: -f: no customer has a field 'City': its cells are empty"
}
