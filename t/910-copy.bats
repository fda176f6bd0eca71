#!/usr/bin/env bats
# Test plan: crm copy FROM TO (lib/copy.c), a whole database into an
# empty or new one, either engine either way.  The PostgreSQL tests use
# the server $CRM_PG names (make check-pg starts one), else one this file
# starts with .ci/pg, and are skipped, saying why, when neither can be
# had; the SQLite-to-SQLite tests always run.
#   - SQLite -> PostgreSQL -> SQLite: every data table (customers,
#     organisations, fields, tags, identities, stages, deals, their
#     history and fields, interactions, their fields and scores, rules,
#     reminders, settings, the audit trail) equal row for row, ids and
#     all, to the original, on PostgreSQL (read with psql) and back; the
#     aggregates rebuilt there equal to the original's and crm check
#     content; crm-segment -f all, crm-log --show, crm-report sales,
#     crm-deal list print the same on the source and on each copy
#   - each copy adds one audit row on the target (action copy: from
#     where, which engine, how many) and one export row on the source
#   - a target that is not empty is refused (73), nothing changed; a
#     missing source is 66 and makes no target; wrong operands 64
#   - all or nothing: a row the target refuses midway (an interaction of
#     a customer that is not there) fails the copy (65) and leaves the
#     target without a row, on SQLite (a new file: not left behind) and
#     on PostgreSQL; a copy killed midway leaves no table on the PostgreSQL target;
#     killed with SIGKILL, an empty SQLite file that a second run copies into
#   - SQLite -> SQLite the same, and an organisation with a larger id
#     than its member (set in a second pass)
#   - the largest customer id ever given goes with the copy (SQLite ->
#     SQLite, SQLite -> PostgreSQL -> SQLite): an erased top customer's
#     id is not given to a new customer in any copy

load helper
load pg

# These tests compare the engines themselves, whichever the suite runs
# on: $CRM_DB from crm_setup is SQLite's file, $PG the server's.
CRM_TEST_ENGINE=sqlite

DATA_SHARE="$BATS_TEST_DIRNAME/../share/crm"
R="$BATS_TEST_DIRNAME/data/real"

# The data tables and the order each is compared in.
TABLES="customers:id customer_fields:customer_id,key tags:customer_id,tag
identities:kind,value,source stages:position deals:id deal_history:id
deal_fields:deal_id,key interactions:id interaction_fields:interaction_id,key
scores:interaction_id,indicator rules:id reminders:id settings:key audit:id
cust_totals:customer_id cust_periods:customer_id,month erased:hash
sqlite_sequence:name"

setup_file() {
	pg_server_start
}

teardown_file() {
	pg_server_stop
}

setup() {
	crm_setup
	LITE="$BATS_TEST_TMPDIR/crm.db"
	PGDB=""
}

# A PostgreSQL database of this test's own, empty; skipped without one.
need_pg() {
	pg_database c
}

teardown() {
	pg_drop_database
}

pg() {
	psql "$PG" -qAtX -F '|' -c "$1"
}

# pg_no_tables: the target has none of crm's tables, as before the copy
# (its schema is made in the copy's own transaction).
pg_no_tables() {
	eq "$(pg "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")" 0
}

# fill: a database with a row in every data table, in $LITE.
fill() {
	local R2="$BATS_TEST_DIRNAME/data/real"
	{
		crm-add --import "$DATA_SHARE/sample-customers.csv"
		crm-add --import "$DATA_SHARE/sample-update.csv"
		crm-add -n 'Ada Lovelace' -e ada@example.com --tag vip --tag new \
		    --company 'Analytical Engines Ltd'
		crm-log --import --kind purchase --map Notes=summary \
		    "$DATA_SHARE/sample-orders.csv"
		printf 'email,at,kind,Colour\nada@example.com,2026-11-01,note,red\n' \
		    >"$BATS_TEST_TMPDIR/c.csv"
		crm-log --import "$BATS_TEST_TMPDIR/c.csv"
		crm-log C-1004 call --at 2026-11-20 --rating 4 \
		    --score speed=5 --score manner=3 "Asked for a quote"
		crm-log li.na@dongfang.example complaint --at 2026-11-21 \
		    "Pump delivered late"
		crm-segment --tiers 'platinum=50000,gold=10000,silver=1000,general=0' --apply
		crm-remind add C-1001 --due 2026-11-20 --owner alice@example.com \
		    "Call about the renewal"
		crm-remind add C-1010 --in 7d --every 1m "Monthly check-in"
		crm-remind rule add 'tier = platinum' --every 30d "Monthly word"
		crm-remind sla 3d
		crm-deal add C-1003 Valve retrofit --amount 48,000 --close 2026-12-20 --at 2026-11-02
		crm-deal add C-1004 Pump service --amount 12,500
		crm-deal move 1 proposal --at 2026-11-10 --note "quote sent"
		crm-deal lost 2 --reason "a local supplier"
		crm-deal --import --source hubspot --rejects rej.csv \
		    "$R2/hubspot-deals.csv" || true
		# the erased list (and its key, a setting)
		crm-add -n Gone -e gone@example.com
		crm-add --erase gone@example.com --yes
	} >/dev/null 2>&1 </dev/null
}

# rows DB TABLE ORDER [WHERE]: a table's rows, '|' between columns.
rows() {
	sqlite3 -batch "$1" "SELECT * FROM $2 ${4:+WHERE $4} ORDER BY $3"
}

# same_tables A B: every data table of SQLite files A and B equal (B's
# audit rows up to A's last: B has its copies' rows after them).
same_tables() {
	local t name order top where
	top=$(sqlite3 "$1" 'SELECT max(id) FROM audit')
	for t in $TABLES; do
		name=${t%%:*} order=${t#*:}
		where=""
		[[ $name == audit ]] && where="id <= $top"
		eq "$(rows "$2" "$name" "$order" "$where")" \
		    "$(rows "$1" "$name" "$order" "$where")" ||
		    { echo "table $name differs" >&2; return 1; }
	done
}

# outputs: what the programs print of the database $CRM_DB.
outputs() {
	crm-segment -f all
	crm-log --show C-1003
	crm-log --show ada@example.com
	crm-report sales
	crm-report service
	crm-deal list -f id,customer,name,title,stage,amount,probability,weighted,close,owner,product,created,closed,reason,source,ref
	crm-remind --all
}

@test "copy: SQLite -> SQLite, every table equal, the programs print the same" {
	fill
	sqlite3 "$LITE" 'SELECT count(*) FROM customers WHERE org_id' | grep -qv '^0$'
	sqlite3 "$LITE" 'SELECT count(*) FROM deal_fields' | grep -qv '^0$'
	sqlite3 "$LITE" 'SELECT count(*) FROM interaction_fields' | grep -qv '^0$'
	sqlite3 "$LITE" 'SELECT count(*) FROM scores' | grep -qv '^0$'
	sqlite3 "$LITE" 'SELECT count(*) FROM settings' | grep -qv '^0$'
	cp "$LITE" orig.db
	run --separate-stderr crm copy "$LITE" copy.db
	status_is 0
	has "$stderr" "rows copied"
	same_tables orig.db copy.db
	run crm -d copy.db check
	status_is 0
	# One audit row on the target, one export on the source.
	eq "$(sqlite3 copy.db "SELECT actor, action, customer_id IS NULL,
	    json_extract(detail, '\$.from'), json_extract(detail, '\$.engine'),
	    json_extract(detail, '\$.customers') = (SELECT count(*) FROM customers)
	    FROM audit WHERE id > (SELECT max(id) FROM audit) - 1")" \
	    "tester|copy|1|$LITE|sqlite|1"
	eq "$(sqlite3 copy.db 'SELECT count(*) FROM audit') " \
	    "$(( $(sqlite3 orig.db 'SELECT count(*) FROM audit') + 1 )) "
	eq "$(sqlite3 "$LITE" "SELECT action, json_extract(detail, '\$.what')
	    FROM audit ORDER BY id DESC LIMIT 1")" "export|copy to copy.db"
	# The programs print the same (readers add export rows: after the
	# tables are compared); the search index was built on the copy.
	eq "$(CRM_DB=copy.db outputs)" "$(CRM_DB=orig.db outputs)"
	eq "$(CRM_DB=copy.db crm-segment --search 'delivered late' -f id)" \
	    "$(CRM_DB=orig.db crm-segment --search 'delivered late' -f id)"
}

@test "copy: an organisation with a larger id than its member is copied" {
	crm-add -n 'Ann' -e ann@example.com >/dev/null
	crm-add -n 'Acme' --type org >/dev/null 2>&1 ||
	    sqlite3 "$LITE" "INSERT INTO customers (name, type, created, updated)
	    VALUES ('Acme', 'org', '2026-01-01', '2026-01-01')"
	sqlite3 "$LITE" "UPDATE customers SET org_id = 2 WHERE id = 1"
	run crm copy "$LITE" copy.db
	status_is 0
	eq "$(sqlite3 copy.db 'SELECT id, org_id, type FROM customers ORDER BY id')" \
	    "1|2|person
2||org"
}

# ids: three customers, the top one erased (her id, 3, never given again).
erase_top() {
	crm-add -n Ann -e ann@example.com >/dev/null
	crm-add -n Bob -e bob@example.com >/dev/null
	crm-add -n Cy -e cy@example.com >/dev/null
	crm-add --erase 3 --yes 2>/dev/null
}

@test "copy: an erased top customer's id is not given again in the copy" {
	erase_top
	run crm copy "$LITE" copy.db
	status_is 0
	eq "$(crm-add -d copy.db -n Dee -e dee@example.com)" 4
}

@test "copy pg: an erased top customer's id is not given again, SQLite -> PostgreSQL -> SQLite" {
	need_pg
	erase_top
	run crm copy "$LITE" "$PG"
	status_is 0
	run crm copy "$PG" back.db
	status_is 0
	eq "$(crm-add -d "$PG" -n Dee -e dee@example.com)" 4
	eq "$(crm-add -d back.db -n Dee -e dee@example.com)" 4
}

@test "copy: a target that is not empty is refused (73), nothing changed" {
	fill
	crm-add -d other.db -n Bob >/dev/null
	before=$(dump other.db)
	run --separate-stderr crm copy "$LITE" other.db
	status_is 73
	eq "$stderr" "crm: other.db: is not empty (customers has rows): crm copy writes only into an empty or new database"
	eq "$(dump other.db)" "$before"
	# The same database twice: not empty either.
	run crm copy "$LITE" "$LITE"
	status_is 73
}

@test "copy: a missing source is 66 and makes no target; operands are two" {
	run --separate-stderr crm copy nothere.db copy.db
	status_is 66
	[[ ! -e copy.db ]]
	run crm copy "$LITE"
	status_is 64
	run crm -d "$LITE" copy a.db b.db
	status_is 64
	run crm help copy
	status_is 0
	has "$output" "crm copy from to"
}

@test "copy: a row the target refuses midway: 65, no new file left" {
	fill
	# An interaction of a customer that is not there (the sqlite3 shell
	# does not check foreign keys), after every customer was copied.
	sqlite3 "$LITE" "INSERT INTO interactions (customer_id, at, kind,
	    created) VALUES (999, '2026-11-01T00:00:00Z', 'note',
	    '2026-11-01T00:00:00Z')"
	id=$(sqlite3 "$LITE" 'SELECT max(id) FROM interactions')
	run --separate-stderr crm copy "$LITE" copy.db
	status_is 65
	eq "$stderr" "crm: interactions: the row with id $id: the target refuses it (a constraint): nothing was copied"
	[[ ! -e copy.db ]]
	# Into an empty database that was there: still empty.
	crm-add -d empty.db -n X >/dev/null
	sqlite3 empty.db 'DELETE FROM customers; DELETE FROM audit'
	before=$(dump empty.db)
	run crm copy "$LITE" empty.db
	status_is 65
	eq "$(dump empty.db)" "$before"
}

@test "copy: a copy killed with SIGKILL leaves an empty database, which a second run copies into" {
	local i n
	fill
	# Enough rows that the copy is still running when it is killed.
	for i in $(seq 1 20000); do
		echo "u$i@example.com,User $i"
	done | { echo email,name; cat; } >many.csv
	crm-add --import many.csv >/dev/null 2>&1
	crm copy "$LITE" copy.db 2>/dev/null &
	pid=$!
	# Killed once it has written (crm(1) says a SIGKILL cannot be
	# cleaned up after).
	for i in $(seq 1 200); do
		[[ -s copy.db-wal ]] && break
		sleep 0.05
	done
	kill -0 "$pid"		# still copying
	kill -9 "$pid"
	wait "$pid" || true
	# no row: an empty database, or no tables yet (killed as the
	# schema was made)
	[[ -e copy.db ]]
	if [[ $(sqlite3 copy.db "SELECT count(*) FROM sqlite_master WHERE
	    name = 'customers'") = 1 ]]; then
		eq "$(sqlite3 copy.db 'SELECT count(*) FROM customers')" 0
	fi
	run --separate-stderr crm copy "$LITE" copy.db
	status_is 0
	# with a thousands separator, as every count people read (qa49 F3)
	[[ "$stderr" =~ ^crm:\ [0-9]{2},[0-9]{3}\ rows\ copied$ ]]
	n=$(sqlite3 "$LITE" 'SELECT count(*) FROM customers')
	eq "$(sqlite3 copy.db 'SELECT count(*) FROM customers')" "$n"
	run crm check -d copy.db
	status_is 0
}

@test "copy pg: SQLite -> PostgreSQL -> SQLite, exactly, and the same output" {
	need_pg
	fill
	cp "$LITE" orig.db
	run --separate-stderr crm copy "$LITE" "$PG"
	status_is 0
	# On PostgreSQL: every table as in the original, read with psql.
	top=$(sqlite3 orig.db 'SELECT max(id) FROM audit')
	for t in $TABLES; do
		name=${t%%:*} order=${t#*:}
		where=""
		[[ $name == audit ]] && where="WHERE id <= $top"
		eq "$(pg "SELECT * FROM $name $where ORDER BY $order")" \
		    "$(sqlite3 orig.db "SELECT * FROM $name $where ORDER BY $order")" ||
		    { echo "table $name differs on PostgreSQL" >&2; return 1; }
	done
	eq "$(pg "SELECT actor, action, detail::json->>'from',
	    detail::json->>'engine' FROM audit WHERE id = $top + 1")" \
	    "tester|copy|$LITE|sqlite"
	run crm -d "$PG" check
	status_is 0
	# And back into a new SQLite file.
	run --separate-stderr crm copy "$PG" back.db
	status_is 0
	same_tables orig.db back.db
	run crm -d back.db check
	status_is 0
	eq "$(sqlite3 back.db "SELECT action, json_extract(detail, '\$.engine')
	    FROM audit WHERE id > $top ORDER BY id")" \
	    "copy|sqlite
copy|postgresql"
	eq "$(pg "SELECT action, detail FROM audit ORDER BY id DESC LIMIT 1")" \
	    'export|{"what":"copy to back.db","rows":26}'
	# The programs print the same on all three (readers add export
	# rows: after the tables are compared).
	before=$(CRM_DB=orig.db outputs)
	eq "$(CRM_DB=$PG outputs)" "$before"
	eq "$(CRM_DB=back.db outputs)" "$before"
	# No password anywhere: the engine refuses one in the name.
	run crm copy "$LITE" "$PG password=secret"
	status_is 64
}

@test "copy pg: a PostgreSQL target that is not empty is refused (73)" {
	need_pg
	fill
	crm-add -d "$PG" -n Bob >/dev/null
	run --separate-stderr crm copy "$LITE" "$PG"
	status_is 73
	has "$stderr" "is not empty (customers has rows)"
	eq "$(pg 'SELECT count(*) FROM customers')" 1
}

@test "copy pg: a row refused midway leaves no table on PostgreSQL's target" {
	need_pg
	fill
	sqlite3 "$LITE" "INSERT INTO interactions (customer_id, at, kind,
	    created) VALUES (999, '2026-11-01T00:00:00Z', 'note',
	    '2026-11-01T00:00:00Z')"
	run --separate-stderr crm copy "$LITE" "$PG"
	status_is 65
	has "$stderr" "interactions: the row with id"
	pg_no_tables
	# The target is still empty: a good copy goes in after.
	sqlite3 "$LITE" "DELETE FROM interactions WHERE customer_id = 999"
	run crm copy "$LITE" "$PG"
	status_is 0
}

@test "copy: a row refused inside a batch of rows is named, on both engines" {
	fill
	# Rows go BATCH (64) an INSERT: the bad one is inside the second.
	sqlite3 "$LITE" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1
	    FROM n WHERE i < 140) INSERT INTO interactions (customer_id, at,
	    kind, created) SELECT CASE i WHEN 100 THEN 999 ELSE 1 END,
	    '2026-11-01T00:00:00Z', 'note', '2026-11-01T00:00:00Z' FROM n"
	id=$(sqlite3 "$LITE" 'SELECT id FROM interactions WHERE customer_id = 999')
	run --separate-stderr crm copy "$LITE" copy.db
	status_is 65
	eq "$stderr" "crm: interactions: the row with id $id: the target refuses it (a constraint): nothing was copied"
	[[ ! -e copy.db ]]
	[[ -n "${CRM_PG:-}" ]] || return 0
	pg_database copyb
	run --separate-stderr crm copy "$LITE" "$PG"
	status_is 65
	eq "$stderr" "crm: interactions: the row with id $id: the target refuses it (a constraint): nothing was copied"
	pg_no_tables
	# Without it, every row goes in.
	sqlite3 "$LITE" "DELETE FROM interactions WHERE customer_id = 999"
	run crm copy "$LITE" "$PG"
	status_is 0
	eq "$(pg 'SELECT count(*) FROM interactions')" "$(sqlite3 "$LITE" 'SELECT count(*) FROM interactions')"
}

@test "copy pg: a copy killed midway leaves no table on PostgreSQL's target" {
	need_pg
	fill
	# Enough rows that the copy is still running when it is killed.
	for i in $(seq 1 20000); do
		echo "u$i@example.com,User $i"
	done | { echo email,name; cat; } >many.csv
	crm-add --import many.csv >/dev/null 2>&1
	crm copy "$LITE" "$PG" 2>/dev/null &
	pid=$!
	# Killed once its transaction has written rows.
	for i in $(seq 1 200); do
		[[ -n $(pg "SELECT 1 FROM pg_locks WHERE locktype = 'advisory'
		    AND database = (SELECT oid FROM pg_database WHERE
		    datname = current_database()) LIMIT 1") ]] && break
		sleep 0.05
	done
	sleep 0.5
	kill -0 "$pid"		# still copying
	kill -9 "$pid"
	wait "$pid" || true
	pg_no_tables
}
