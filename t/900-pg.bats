#!/usr/bin/env bats
# Test plan: the PostgreSQL engine (lib/pg.c, doc/scale.md), end to end
# against a real server: the one $CRM_PG names (make check-pg starts a
# throwaway one with .ci/pg and sets it), else one this file starts with
# .ci/pg; skipped, saying why, when neither can be had.  Each test has a
# database of its own on the server, made empty; the programs make the
# schema on their first write, as on SQLite.
#   - the engine is chosen by the name: key=value, postgresql:// and
#     postgres:// URIs, by -d or CRM_DB; a password in it is refused (64,
#     before any connection); a reader of an empty database: 66; no
#     such database 66, an unknown role 77, no server there 75
#   - the same commands on SQLite and on PostgreSQL print the same bytes
#     (the database's name aside) and exit alike: crm-add (one, a
#     duplicate refused, --import of the samples), crm-log (one,
#     --import of an order export), crm-segment (lists, -o json/csv,
#     filters, --count, --by, --sample, --rfm, --pareto, --tiers),
#     crm-remind (add, list, rules, done, snooze, rm, -o ics), crm-add
#     --merge, --erase, --reassign, crm-deal (add, move, list),
#     crm-report (sales, service,
#     pipeline, forecast), crm check, crm-segment --risk and the risk
#     filters
#   - what is in the database, read with psql: the rows, their ids as
#     SQLite gives them (loads into empty tables too, which crm numbers
#     itself), the audit trail, the kept aggregates (schema 8)
#     equal to the figures worked out from the raw rows
#   - writers queue as on SQLite: while another holds the writers' lock,
#     a write waits the busy timeout, then 75 with nothing changed; 8
#     writers at once lose nothing and double nothing

load helper
load pg

# These tests compare the engines themselves, whichever the suite runs
# on: $CRM_DB from crm_setup is SQLite's file, $PG the server's.
CRM_TEST_ENGINE=sqlite

DATA_SHARE="$BATS_TEST_DIRNAME/../share/crm"

setup_file() {
	pg_server_start
}

teardown_file() {
	pg_server_stop
}

setup() {
	crm_setup
	pg_database t	# a database of this test's own, on the server
	LITE="$BATS_TEST_TMPDIR/crm.db"
}

teardown() {
	pg_drop_database
}

# pg QUERY: run SQL on the test's PostgreSQL database with psql.
pg() {
	psql "$PG" -qAtX -F '|' -c "$1"
}

@test "pg: key=value, postgresql:// and postgres:// name a server, by -d or CRM_DB" {
	local host port
	host=$(sed 's/.*host=\([^ ]*\).*/\1/' <<<"$PG")
	port=$(sed 's/.*port=\([^ ]*\).*/\1/' <<<"$PG")
	run crm-add -d "$PG" -n Ada -e ada@example.com
	status_is 0
	eq "$output" 1
	run crm-add -d "postgresql://crm@/$PGDB?host=$host&port=$port" -n Bob
	status_is 0
	eq "$output" 2
	CRM_DB="postgres://crm@/$PGDB?host=$host&port=$port" run crm-add -n Cy
	status_is 0
	eq "$output" 3
	eq "$(pg 'SELECT id, name FROM customers ORDER BY id')" \
	    "1|Ada
2|Bob
3|Cy"
	# No SQLite file was made for any of them.
	run ls "$BATS_TEST_TMPDIR"
	eq "$(ls "$BATS_TEST_TMPDIR" | grep -c 'host=\|postgres')" 0
}

@test "pg: a password in the connection string is refused before connecting" {
	run --separate-stderr crm-add -d "$PG password=secret" -n Ada
	fails 64 "crm-add: the database's connection string holds a password, which others can read on the command line: put it in ~/.pgpass (or the file PGPASSFILE names), or in PGPASSWORD"
	run --separate-stderr crm-segment -d "postgresql://crm:secret@/x?host=/nonexistent"
	status_is 64
	has "$stderr" "holds a password"
	# Nothing was made: the database has no schema.
	eq "$(pg "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")" 0
}

@test "pg: a reader of a database crm never wrote: 66, and no schema made" {
	run --separate-stderr crm-segment -d "$PG"
	fails 66 "crm-segment: $PG: no database yet (crm-add creates it)"
	eq "$(pg "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")" 0
}

@test "pg: a database that is not there 66, a role the server does not know 77, no server 75" {
	run --separate-stderr crm-add -d "${PG/dbname=$PGDB/dbname=${PGDB}_none}" -n Ada
	status_is 66
	has "$stderr" "cannot connect: "
	has "$stderr" "does not exist"
	run --separate-stderr crm-add -d "${PG/user=crm/user=nobody_here}" -n Ada
	status_is 77
	run --separate-stderr crm-add -d "host=$BATS_TEST_TMPDIR port=5432 dbname=crm" -n Ada
	status_is 75
	has "$stderr" "cannot connect: "
	eq "$(pg "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")" 0
}

@test "pg: crm-add of one customer, and a duplicate refused, as on SQLite" {
	both crm-add -n "Ada Lovelace" -e ADA@Example.com -c "Analytical Engines" \
	    -t vip -t math -F shoe=38 --owner alice
	status_is 0
	eq "$output" 1
	both crm-add -n "Ada Again" -e ada@example.com
	status_is 65
	both crm-segment -f id,name,company,email,tags,shoe,owner,type -o json
	eq "$(pg "SELECT id, name, company, email, owner, type FROM customers")" \
	    "1|Ada Lovelace|Analytical Engines|ada@example.com|alice|person"
	eq "$(pg "SELECT customer_id, tag FROM tags ORDER BY tag")" "1|math
1|vip"
	eq "$(pg "SELECT customer_id, key, value FROM customer_fields")" \
	    "1|shoe|38"
	# Audited as on SQLite, by the same actor at the same time.
	eq "$(pg "SELECT id, at, actor, action, customer_id FROM audit ORDER BY id")" \
	    "$(sqlite3 -separator '|' "$LITE" "SELECT id, at, actor, action, customer_id FROM audit ORDER BY id")"
}

@test "pg: crm-add --import of the samples, then the lists, as on SQLite" {
	both crm-add --import "$DATA_SHARE/sample-customers.csv"
	eq "$stderr" "10 added, 0 updated, 0 unchanged, 0 rejected, 10 organisations added"
	both crm-add --import "$DATA_SHARE/sample-update.csv"
	eq "$stderr" "1 added, 1 updated, 1 unchanged, 0 rejected"
	both crm-segment
	both crm-segment -o json -f id,name,email,tags,owner,status,org
	both crm-segment --orgs -o csv
	eq "$(pg 'SELECT count(*) FROM customers')" 21
	eq "$(pg 'SELECT id, email FROM customers WHERE email IS NOT NULL ORDER BY id')" \
	    "$(sqlite3 -separator '|' "$LITE" 'SELECT id, email FROM customers WHERE email IS NOT NULL ORDER BY id')"
}

@test "pg: crm-log of one interaction and --import of orders; the kept figures are the raw rows'" {
	both crm-add --import "$DATA_SHARE/sample-customers.csv"
	both crm-log ann.lee@northwind.example call "Called about the renewal" \
	    --at 2026-11-01T09:00:00Z
	status_is 0
	both crm-log --import "$DATA_SHARE/sample-orders.csv" --kind purchase
	eq "$stderr" "11 logged, 0 already there, 0 rejected"
	# Again: nothing doubled.
	both crm-log --import "$DATA_SHARE/sample-orders.csv" --kind purchase
	eq "$stderr" "0 logged, 11 already there, 0 rejected"
	both crm-log --show ann.lee@northwind.example
	both crm-segment -f name,revenue,purchases,last_purchase,last_contact
	eq "$(pg 'SELECT count(*) FROM interactions')" 12
	# Schema 8's aggregates, kept by the triggers, equal the raw rows.
	eq "$(pg 'SELECT count(*) FROM (SELECT * FROM cust_totals EXCEPT SELECT * FROM agg_totals_raw) d')" 0
	eq "$(pg 'SELECT count(*) FROM (SELECT * FROM agg_totals_raw EXCEPT SELECT * FROM cust_totals) d')" 0
	eq "$(pg 'SELECT count(*) FROM (SELECT * FROM cust_periods EXCEPT SELECT * FROM agg_periods_raw) d')" 0
	eq "$(pg 'SELECT customer_id, revenue FROM cust_totals ORDER BY 1')" \
	    "$(sqlite3 -separator '|' "$LITE" 'SELECT customer_id, revenue FROM cust_totals ORDER BY 1')"
}

# lite_pg QUERY: the same query's rows on both engines, compared.
lite_pg() {
	eq "$(pg "$1")" "$(sqlite3 -separator '|' "$LITE" "$1")"
}

@test "pg: loads into empty tables number their rows as SQLite does" {
	# On PostgreSQL crm numbers the new rows itself and does not wait
	# for them (lib/pg.c, crm_exec_sure): people of new companies (the
	# organisation first), a repeated e-mail and a repeated row (looked
	# up after all, which gives what the first did not), an id column,
	# extra fields.
	cat >"$BATS_TEST_TMPDIR/c.csv" <<-'EOF'
	Customer No,Full Name,Company,E-mail Address,City
	C-1,Ann One,Acme Ltd,ann@acme.example,
	C-2,Bob Two,Acme Ltd,bob@acme.example,Rome
	C-3,Cy Three,Beta GmbH,cy@beta.example,
	C-1,Ann One,Acme Ltd,ann@acme.example,Oslo
	C-5,Dee Four,,dee@solo.example,Lima
	C-6,Eve Five,Gamma Inc,eve@gamma.example,Kyiv
	EOF
	both crm-add --import "$BATS_TEST_TMPDIR/c.csv"
	eq "$stderr" "5 added, 1 updated, 0 unchanged, 0 rejected, 3 organisations added"
	lite_pg "SELECT id, type, name, company, email, external_id, org_id FROM customers ORDER BY id"
	lite_pg "SELECT customer_id, key, value FROM customer_fields ORDER BY 1, 2"
	lite_pg "SELECT id, action, customer_id, detail FROM audit ORDER BY id"
	cat >"$BATS_TEST_TMPDIR/o.csv" <<-'EOF'
	email,at,kind,amount,ref,note
	ann@acme.example,2026-01-02T10:00:00Z,purchase,100,SO-1,first
	bob@acme.example,2026-01-03T10:00:00Z,purchase,50,SO-2,
	ann@acme.example,2026-01-02T10:00:00Z,purchase,100,SO-1,first
	eve@gamma.example,2025-12-01T10:00:00Z,call,,,
	eve@gamma.example,2025-12-01T10:00:00Z,call,,,
	EOF
	# two like rows of a file are two interactions (crm-log(1)): 5
	both crm-log --import "$BATS_TEST_TMPDIR/o.csv"
	has "$stderr" "5 logged"
	lite_pg "SELECT id, customer_id, at, kind, amount, ref FROM interactions ORDER BY id"
	lite_pg "SELECT interaction_id, key, value FROM interaction_fields ORDER BY 1, 2"
	lite_pg "SELECT id, created FROM customers ORDER BY id"
	# Into tables that are not empty: looked up and waited for.
	both crm-log --import "$BATS_TEST_TMPDIR/o.csv"
	has "$stderr" "0 logged"
	both crm-add --import "$BATS_TEST_TMPDIR/c.csv"
	lite_pg "SELECT id, name, email FROM customers ORDER BY id"
	lite_pg "SELECT id, action, customer_id, detail FROM audit ORDER BY id"
}

@test "pg: a load's rows sent as COPY land byte for byte, numbered as SQLite does" {
	local i
	# Over 64 new rows of a statement go as COPY (lib/pg.c, copy_send),
	# in its text format: a tab, a newline, a backslash and a value
	# that reads \N must arrive as they are.  An organisation (its id
	# counted by the server) before and after 100 people (their ids
	# given, the id trigger skipped: schema 11).
	{
		printf 'Customer No,Full Name,Company,E-mail Address,City\n'
		printf 'C-0,Org Person,Acme Ltd,o@acme.example,Oslo\n'
		for i in $(seq 1 100); do
			printf 'C-%s,"Tab\there %s",,p%s@example.com,"back\\slash\ttab\nline %s"\n' \
			    $i $i $i $i
		done
		printf 'C-101,Late Person,Beta GmbH,l@beta.example,\\N\n'
	} >"$BATS_TEST_TMPDIR/c.csv"
	both crm-add --import "$BATS_TEST_TMPDIR/c.csv"
	eq "$stderr" "102 added, 0 updated, 0 unchanged, 0 rejected, 2 organisations added"
	eq "$(pg "SELECT count(*) FROM customer_fields WHERE left(value, 16) = E'back\\\\slash\ttab\nl'")" 100
	eq "$(pg "SELECT value FROM customer_fields WHERE value = E'\\\\N'")" '\N'
	lite_pg "SELECT id, type, name, company, email, external_id, org_id FROM customers ORDER BY id"
	lite_pg "SELECT customer_id, key, value FROM customer_fields ORDER BY 1, 2"
	lite_pg "SELECT id, action, customer_id, detail FROM audit ORDER BY id"
	{
		printf 'email,at,kind,amount,ref,note\n'
		for i in $(seq 1 100); do
			printf 'p%s@example.com,2026-01-02T10:00:00Z,purchase,%s,SO-%s,"a\\b\tc\nd"\n' \
			    $i $i $i
		done
	} >"$BATS_TEST_TMPDIR/o.csv"
	both crm-log --import "$BATS_TEST_TMPDIR/o.csv"
	has "$stderr" "100 logged"
	eq "$(pg "SELECT count(*) FROM interactions WHERE summary = E'a\\\\b\tc\nd'")" 100
	lite_pg "SELECT id, customer_id, at, kind, amount, ref, summary FROM interactions ORDER BY id"
	# The count moved past them: what comes after takes the next id.
	both crm-add -n "After Load" -c "Gamma Inc"
	lite_pg "SELECT id, type, name, org_id FROM customers WHERE id > 100 ORDER BY id"
}

@test "pg: a load's repeated rows do not send its rows waiting: they go as COPY, as SQLite has them" {
	local i k=0
	# A row whose e-mail an earlier row of the load had is looked up
	# and its customer updated (three reads); the load's rows waiting
	# in the client (lib/pg.c, batch_add) went first every time, some
	# 15 rows a statement.  Now only when one of them is that
	# customer's (crm_db_bulk_keys, batch_before): here the first
	# repeated row's, once.  Counted by a statement trigger of the
	# test's own on customers (a COPY fires it once).
	{
		printf 'Customer No,Full Name,E-mail Address,Mobile Phone,City\n'
		for i in $(seq 1 1500); do
			printf 'C-%s,Person %s,user%s@example.com,+1 555 %04d,Oslo\n' \
			    $i $i $i $i
		done
		for i in $(seq 1501 3000); do
			printf 'C-%s,Person %s,user%s@example.com,+1 555 %04d,Rome\n' \
			    $i $i $i $i
			if (( i % 15 == 0 )); then
				k=$((k + 1))
				printf ',Person %s, User%s@Example.COM ,+1 777 %04d,Lima\n' \
				    $k $k $k
			fi
		done
	} >"$BATS_TEST_TMPDIR/c.csv"
	printf 'Full Name,Email\n' >"$BATS_TEST_TMPDIR/none.csv"
	both crm-add --import "$BATS_TEST_TMPDIR/none.csv"
	pg 'CREATE TABLE test_stmts (n int);
	    CREATE FUNCTION test_stmt() RETURNS trigger LANGUAGE plpgsql AS
	    $$ BEGIN INSERT INTO test_stmts VALUES (1); RETURN NULL; END $$;
	    CREATE TRIGGER test_stmt AFTER INSERT ON customers
	    FOR EACH STATEMENT EXECUTE FUNCTION test_stmt()' >/dev/null
	both crm-add --import "$BATS_TEST_TMPDIR/c.csv"
	# the repeated row's Lima is not the earlier row's Oslo (it stays)
	eq "$stderr" "crm-add: $BATS_TEST_TMPDIR/c.csv: 100 rows named a customer an earlier row named, with other values: the earlier row's kept, so that the file imported again changes nothing (line 1517, user1@example.com as on line 2: City)
crm-add: $BATS_TEST_TMPDIR/c.csv: 100 phones replaced by the file's: the old numbers kept in 'other phones'
3,000 added, 100 updated, 0 unchanged, 0 rejected"
	(( $(pg 'SELECT count(*) FROM test_stmts') < 10 ))
	lite_pg "SELECT id, name, email, external_id, phone, updated FROM customers ORDER BY id"
	lite_pg "SELECT customer_id, key, value FROM customer_fields ORDER BY 1, 2"
	lite_pg "SELECT id, action, customer_id, detail FROM audit ORDER BY id"
	pg 'DROP TABLE test_stmts' >/dev/null
	both crm check
}

@test "pg: a load's repeated row reads its fields with its row, and writes them as SQLite does" {
	# In a numbered load a repeated row's customer is read with its
	# fields in one statement (cust.c's read_stored), each field's old
	# value then taken from them: a field kept under a key in another
	# case, a field cleared, several fields, as on SQLite.
	cat >"$BATS_TEST_TMPDIR/c.csv" <<-'EOF'
	Full Name,E-mail Address,City,city,Tier,Shoe,Note
	Ann One,ann@example.com,Oslo,,gold,38,first
	Bob Two,bob@example.com,Rome,,,41,
	Ann One, ANN@example.com ,,Lima,silver,39,second
	Bob Two,bob@example.com,Rome,,,41,
	Bob Two,bob@example.com,Kyiv,,,,again
	EOF
	printf 'Full Name,Email\n' >"$BATS_TEST_TMPDIR/none.csv"
	both crm-add --import "$BATS_TEST_TMPDIR/none.csv"
	both crm-add --import "$BATS_TEST_TMPDIR/c.csv"
	lite_pg "SELECT id, name, email, tier, updated FROM customers ORDER BY id"
	lite_pg "SELECT customer_id, key, value FROM customer_fields ORDER BY 1, 2"
	lite_pg "SELECT id, action, customer_id, detail FROM audit ORDER BY id"
}

@test "pg: crm-segment filters and models, as on SQLite" {
	both crm-add --import "$DATA_SHARE/sample-customers.csv"
	both crm-log --import "$DATA_SHARE/sample-orders.csv" --kind purchase
	both crm-segment 'owner = alice'
	both crm-segment 'owner in (alice, bob) and revenue > 1000' -o csv
	both crm-segment 'name ~ "*a*"'
	both crm-segment 'company ~ steel' --count
	eq "$output" 2
	both crm-segment 'last_purchase < 60d'
	both crm-segment --window 90d 'purchases >= 1' -f name,purchases,revenue
	both crm-segment --by owner
	both crm-segment --sample 3 --seed 7
	both crm-segment --rfm
	both crm-segment --rfm --window 180d
	both crm-segment --pareto
	both crm-segment --tiers gold=10000,silver=1000
	both crm-segment 'nosuchfield = 1'
	status_is 64
}

@test "pg: crm-remind: reminders, rules, done, snooze and rm, as on SQLite" {
	both crm-add --import "$DATA_SHARE/sample-customers.csv"
	both crm-log --import "$DATA_SHARE/sample-orders.csv" --kind purchase
	both crm-remind add ann.lee@northwind.example --due 2026-11-20 Call back
	eq "$output" 1
	both crm-remind add bob@contoso.example --in 3d --every 1m Monthly check
	both crm-remind rule add owner=alice --every 30d Touch base
	both crm-remind
	both crm-remind --all -o json
	both crm-remind --all -o ics
	both crm-remind done 1
	both crm-remind done 1
	status_is 65
	both crm-remind snooze 2 5d
	both crm-remind done rule:1:4 --log call Done
	both crm-remind rm 2
	both crm-remind --all
	eq "$(pg 'SELECT id, due, every, done IS NOT NULL FROM reminders ORDER BY id')" \
	    "1|2026-11-20T00:00:00Z||t"
}

@test "pg: crm-add --merge, crm-deal, some reports and crm check, as on SQLite" {
	both crm-add --import "$DATA_SHARE/sample-customers.csv"
	both crm-log --import "$DATA_SHARE/sample-orders.csv" --kind purchase
	both crm-add -n "Ann L." -e ann.l@other.example -p "+1 555 0199"
	both crm-add --merge 2 "$output"
	status_is 0
	both crm-segment -f id,name,email,phone,tags
	both crm-deal add ann.lee@northwind.example "Renewal" --amount 1000
	both crm-deal add bob@contoso.example "Pumps" --amount 250.50 --stage proposal
	both crm-deal move 1 won
	both crm-deal list
	both crm-report sales
	both crm-report sales --by month
	both crm-report service
	both crm-report pipeline
	both crm-report forecast
	both crm check
	status_is 0
	eq "$(pg "SELECT key, value FROM customer_fields WHERE customer_id = 2 ORDER BY key")" \
	    "$(sqlite3 -separator '|' "$LITE" "SELECT key, value FROM customer_fields WHERE customer_id = 2 ORDER BY key")"
	eq "$(pg "SELECT id, stage, amount FROM deals ORDER BY id")" "1|won|100000
2|proposal|25050"
}

@test "pg: crm-add --erase and --reassign, the audit trail scrubbed, as on SQLite" {
	both crm-add --import "$DATA_SHARE/sample-customers.csv"
	both crm-log --import "$DATA_SHARE/sample-orders.csv" --kind purchase
	both crm-add --merge 2 4
	# Alike but for the line PostgreSQL's adds (the VACUUM FULL the
	# owner runs: t/170 checks it), said once and only there.
	local t=$BATS_TEST_TMPDIR
	CRM_DB=$LITE crm-add --erase bob@contoso.example --yes 2>"$t/lite.err"
	CRM_DB=$PG crm-add --erase bob@contoso.example --yes 2>"$t/pg.err"
	eq "$(grep -v '^crm-add: PostgreSQL keeps the erased values' "$t/pg.err")" "$(cat "$t/lite.err")"
	eq "$(grep -c 'VACUUM FULL' "$t/pg.err")" 1
	# Bob was merged into Ann (2 4): she went with his erase, and is
	# "no customer" alike.
	both crm-add --erase ann.lee@northwind.example --yes
	status_is 65
	both crm-add --reassign alice bob
	both crm-segment -f id,name,owner
	eq "$(pg "SELECT count(*) FROM customers WHERE email = 'bob@contoso.example'")" 0
	# The trail says the same on both, and no longer names Bob.
	eq "$(pg "SELECT id, action, coalesce(customer_id, 0), detail FROM audit ORDER BY id")" \
	    "$(sqlite3 -separator '|' "$LITE" "SELECT id, action, coalesce(customer_id, 0), detail FROM audit ORDER BY id")"
	eq "$(pg "SELECT count(*) FROM audit WHERE detail LIKE '%contoso%'")" 0
}

@test "pg: risk: crm-segment --risk and the risk filters, as on SQLite" {
	both crm-add --import "$DATA_SHARE/sample-customers.csv"
	both crm-log --import "$DATA_SHARE/sample-orders.csv" --kind purchase
	both crm-log hiro@proseware.example complaint Late
	both crm-log hiro@proseware.example complaint Broken
	both crm-segment --risk
	has "$output" "Hiro Tanaka"
	both crm-segment --risk -o json
	both crm-segment risk=medium
	both crm-segment risk_drop=1
	both crm-segment risk_gap=0 --count
	both crm-segment -f name,risk,risk_signals,risk_drop,risk_complaints
}

@test "pg: a writer waits for the writers' lock, then 75 with nothing changed" {
	crm-add -d "$PG" -n Ada >/dev/null
	# Another writer holds crm's lock for 3 seconds.
	psql "$PG" -qAtX -c "BEGIN" -c "SELECT pg_advisory_xact_lock(1668443441)" \
	    -c "SELECT pg_sleep(3)" -c "COMMIT" >/dev/null &
	sleep 1
	CRM_BUSY_TIMEOUT=300 run --separate-stderr crm-add -d "$PG" -n Bob
	fails 75 "crm-add: $PG: database is busy: another process has held it longer than the busy timeout, CRM_BUSY_TIMEOUT=300 ms; try again, or wait longer with a higher CRM_BUSY_TIMEOUT (an import holds the database until it ends)"
	wait
	eq "$(pg 'SELECT name FROM customers ORDER BY id')" "Ada"
	# Once it is free, the write goes through.
	run crm-add -d "$PG" -n Bob
	status_is 0
	eq "$output" 2
}

@test "pg: 8 writers at once, 20 writes each: nothing lost, nothing doubled" {
	local w i
	crm-add -d "$PG" -n Seed -e seed@example.com >/dev/null
	for w in 1 2 3 4 5 6 7 8; do
		(
			for i in $(seq 1 10); do
				crm-add -d "$PG" -n "W$w $i" -e "w$w.$i@example.com" \
				    >/dev/null || echo "add $w $i: $?"
				crm-log -d "$PG" seed@example.com call "w$w $i" \
				    >/dev/null || echo "log $w $i: $?"
			done
		) >"$BATS_TEST_TMPDIR/w$w.out" 2>&1 &
	done
	wait
	eq "$(cat "$BATS_TEST_TMPDIR"/w*.out)" ""
	# 81 customers numbered 1 to 81 without a gap, 80 calls, each once.
	eq "$(pg 'SELECT count(*), min(id), max(id), count(DISTINCT email) FROM customers')" \
	    "81|1|81|81"
	eq "$(pg "SELECT count(*), count(DISTINCT summary) FROM interactions")" "80|80"
	eq "$(pg "SELECT n FROM cust_totals WHERE customer_id = 1")" 80
	eq "$(pg "SELECT count(*) FROM audit")" 161
}

@test "pg: undo, backup and encryption are SQLite's own and say so (64), nothing changed" {
	CRM_DB=$PG crm-add -n Ann -e ann@example.com >/dev/null
	before=$(pg 'SELECT count(*) FROM audit')
	for c in undo 'undo --list' 'undo 1' 'undo --forget-before 2026-01-01'; do
		run --separate-stderr crm -d "$PG" $c
		fails 64 "crm: $PG: crm undo is SQLite's own: a PostgreSQL database is restored by the server's tools (pg_dump, point-in-time recovery), not by crm"
	done
	for c in encrypt decrypt rekey; do
		run --separate-stderr crm -d "$PG" $c
		fails 64 "crm: $PG: crm $c is SQLite's own: a PostgreSQL server encrypts with its own tools (an encrypted disk, TLS), not crm"
	done
	run --separate-stderr crm -d "$PG" backup "$BATS_TEST_TMPDIR/b.db"
	status_is 64
	has "$stderr" "pg_dump"
	eq "$(pg 'SELECT count(*) FROM audit')" "$before"
	eq "$(pg 'SELECT name FROM customers')" Ann
}
